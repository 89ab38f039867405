import type { CommentEntry, CommentEntryInput } from '../../shared/schemas/comments.ts';

/**
 * The comments of each draft, an aggregate of their own: an append-only log per draft, which is
 * both the record the threads are folded from and their audit. Kept apart from the decisions:
 * a comment never changes a clause's status, and a delegation's private notes must never be
 * replayed onto a channel that others read.
 */
export interface CommentStore {
  /** Every entry of a draft's comment log, oldest first. */
  listComments(draftId: string): Promise<CommentEntry[]>;
  /**
   * Appends one entry as number `afterSeq + 1`, only if the draft's log still ends at `afterSeq`:
   * the caps the entry was checked against still hold. Otherwise nothing is written and it
   * throws `CommentLogMovedError`.
   */
  appendComment(draftId: string, afterSeq: number, entry: CommentEntryInput): Promise<CommentEntry>;
}

/** The comment log grew after the entry was checked: check again against the new log. */
export class CommentLogMovedError extends Error {
  constructor(draftId: string, afterSeq: number) {
    super(`The comment log of draft ${draftId} no longer ends at ${afterSeq}.`);
    this.name = 'CommentLogMovedError';
  }
}
