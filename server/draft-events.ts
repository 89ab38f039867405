/**
 * Events of each draft pushed to whoever listens here (the events channels of connected
 * clients), in-process. With several instances a relay (server/cluster/log-relay.ts) observes
 * what is published here to announce it, follows a draft while it has listeners here, and
 * delivers what other instances published. Each event carries its entry's number in the draft's
 * log it came from.
 */
export class DraftEvents<E extends { seq: number }> {
  private readonly listeners = new Map<string, Set<(event: E) => void>>();
  private readonly observers: Array<(draftId: string, event: E) => void> = [];
  private readonly watchers: Array<{ first: (draftId: string) => void; last: (draftId: string) => void }> = [];

  /** Listens to a draft's events; returns the function that stops listening. */
  subscribe(draftId: string, listener: (event: E) => void): () => void {
    let set = this.listeners.get(draftId);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(draftId, set);
      for (const { first } of this.watchers) first(draftId);
    }
    set.add(listener);
    return () => {
      if (!set.delete(listener) || set.size > 0) return;
      this.listeners.delete(draftId);
      for (const { last } of this.watchers) last(draftId);
    };
  }

  /** An event that happened here. */
  publish(draftId: string, event: E): void {
    for (const observer of this.observers) observer(draftId, event);
    this.deliver(draftId, event);
  }

  /** An event that happened on another instance: to this instance's listeners only. */
  deliver(draftId: string, event: E): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(event);
  }

  /** Calls `observer` with each event published here, not with those delivered. */
  observe(observer: (draftId: string, event: E) => void): void {
    this.observers.push(observer);
  }

  /** Calls `first` when a draft gains its first listener and `last` when it loses its last. */
  watchListeners(first: (draftId: string) => void, last: (draftId: string) => void): void {
    this.watchers.push({ first, last });
  }
}
