import type { CommentThreadView } from '../../shared/schemas/comments.ts';

/**
 * One change to a draft's comments as the server publishes it, before it is filtered for each
 * listener: the thread as it stands after the change, and the new mention counts of the
 * delegations whose count changed.
 */
export interface CommentChange {
  thread: CommentThreadView | null;
  mentionsWaiting: ReadonlyMap<string, number>;
}

export type CommentListener = (change: CommentChange) => void;

/**
 * Changes to each draft's comments, pushed to the comment events channel of every connected
 * client. It is a channel apart from the decisions: a decision's `seq` stays gap-free for every
 * session, while each session hears only the comments it may see (its route filters each change).
 */
export class CommentEvents {
  private readonly listeners = new Map<string, Set<CommentListener>>();

  subscribe(draftId: string, listener: CommentListener): () => void {
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

  publish(draftId: string, change: CommentChange): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(change);
  }
}
