import type { CommentThreadView } from '../../shared/schemas/comments.ts';

/**
 * One change to a draft's comments as the server publishes it, before it is filtered for each
 * listener: the thread as it stands after the change, and the new mention counts of the
 * delegations whose count changed.
 */
export interface CommentChange {
  /** The comment log entry that made the change. */
  seq: number;
  thread: CommentThreadView | null;
  mentionsWaiting: ReadonlyMap<string, number>;
}

export type CommentListener = (change: CommentChange) => void;

/**
 * Changes to each draft's comments, pushed to the comment events channel of every connected
 * client. It is a channel apart from the decisions: a decision's `seq` stays gap-free for every
 * session, while each session hears only the comments it may see (its route filters each change).
 * In-process; with several instances, server/cluster/comment-relay.ts carries each instance's
 * changes to the others' listeners.
 */
export class CommentEvents {
  private readonly listeners = new Map<string, Set<CommentListener>>();
  private readonly observers: Array<(draftId: string, change: CommentChange) => void> = [];
  private readonly watchers: Array<{ first: (draftId: string) => void; last: (draftId: string) => void }> = [];

  subscribe(draftId: string, listener: CommentListener): () => void {
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

  /** A change made here. */
  publish(draftId: string, change: CommentChange): void {
    for (const observer of this.observers) observer(draftId, change);
    this.deliver(draftId, change);
  }

  /** A change made on another instance: to this instance's listeners only. */
  deliver(draftId: string, change: CommentChange): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(change);
  }

  /** Calls `observer` with each change made here (`publish`), not with those delivered. */
  observe(observer: (draftId: string, change: CommentChange) => void): void {
    this.observers.push(observer);
  }

  /** Calls `first` when a draft gains its first listener and `last` when it loses its last. */
  watchListeners(first: (draftId: string) => void, last: (draftId: string) => void): void {
    this.watchers.push({ first, last });
  }
}
