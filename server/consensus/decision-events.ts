import type { DecisionEvent } from '../../shared/schemas/events.ts';

export type DecisionListener = (event: DecisionEvent) => void;

/**
 * Accepted commands of each draft, pushed to whoever listens: the events channel of every
 * connected client. In-process; several server instances would relay these through Redis.
 */
export class DecisionEvents {
  private readonly listeners = new Map<string, Set<DecisionListener>>();

  /** Listens to a draft's decisions; returns the function that stops listening. */
  subscribe(draftId: string, listener: DecisionListener): () => void {
    let set = this.listeners.get(draftId);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(draftId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(draftId);
    };
  }

  publish(draftId: string, event: DecisionEvent): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(event);
  }
}
