import type { DecisionEvent } from '../../shared/schemas/events.ts';

export type DecisionListener = (event: DecisionEvent) => void;

/**
 * Accepted commands of each draft, pushed to whoever listens: the events channel of every
 * connected client. In-process; with several instances, server/cluster/decision-relay.ts
 * carries each instance's events to the others' listeners.
 */
export class DecisionEvents {
  private readonly listeners = new Map<string, Set<DecisionListener>>();
  private readonly observers: Array<(draftId: string, event: DecisionEvent) => void> = [];
  private readonly watchers: Array<{ first: (draftId: string) => void; last: (draftId: string) => void }> = [];

  /** Listens to a draft's decisions; returns the function that stops listening. */
  subscribe(draftId: string, listener: DecisionListener): () => void {
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

  /** An event decided here. */
  publish(draftId: string, event: DecisionEvent): void {
    for (const observer of this.observers) observer(draftId, event);
    this.deliver(draftId, event);
  }

  /** An event decided on another instance: to this instance's listeners only. */
  deliver(draftId: string, event: DecisionEvent): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(event);
  }

  /** Calls `observer` with each event decided here (`publish`), not with those delivered. */
  observe(observer: (draftId: string, event: DecisionEvent) => void): void {
    this.observers.push(observer);
  }

  /** Calls `first` when a draft gains its first listener and `last` when it loses its last. */
  watchListeners(first: (draftId: string) => void, last: (draftId: string) => void): void {
    this.watchers.push({ first, last });
  }
}
