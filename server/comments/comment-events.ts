import type { CommentThreadView } from '../../shared/schemas/comments.ts';
import { DraftEvents } from '../draft-events.ts';

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

/**
 * Changes to each draft's comments, pushed to the comment events channel of every connected
 * client. It is a channel apart from the decisions: a decision's `seq` stays gap-free for every
 * session, while each session hears only the comments it may see (its route filters each change).
 * With several instances, server/cluster/comment-relay.ts carries each instance's changes to the
 * others' listeners.
 */
export class CommentEvents extends DraftEvents<CommentChange> {}
