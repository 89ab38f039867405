import type { CommentAuthor, CommentEntry, CommentThreadView } from '../schemas/comments.ts';
import type { Actor } from '../schemas/decisions.ts';

/** A draft's comment log folded into its threads (every one, private ones included) and read marks. */
export interface CommentFacts {
  threads: Map<string, CommentThreadView>;
  /** Per delegation, the seq of the entry at which it last opened its mentions. */
  mentionsReadAt: Map<string, number>;
  /** Per thread, the seq of each comment (for counting mentions since a read mark). */
  commentSeq: Map<string, number>;
  lastSeq: number;
}

export function authorOf(actor: Actor): CommentAuthor {
  return { role: actor.role, delegation: actor.role === 'delegation' ? actor.delegation : null };
}

/** Folds a draft's comment log, oldest first, into its threads. */
export function foldComments(entries: readonly CommentEntry[]): CommentFacts {
  const facts: CommentFacts = { threads: new Map(), mentionsReadAt: new Map(), commentSeq: new Map(), lastSeq: 0 };
  for (const entry of entries) applyCommentEntry(facts, entry);
  return facts;
}

/** Applies one entry to the folded facts, in place. */
export function applyCommentEntry(facts: CommentFacts, entry: CommentEntry): void {
  facts.lastSeq = Math.max(facts.lastSeq, entry.seq);
  const author = authorOf(entry.actor);
  if (entry.command === 'read-mentions') {
    if (entry.actor.delegation !== null) facts.mentionsReadAt.set(entry.actor.delegation, entry.seq);
    return;
  }
  const threadId = entry.threadId ?? '';
  const comment =
    entry.commentId === null || entry.text === null
      ? null
      : { id: entry.commentId, author, at: entry.at, text: entry.text, mentions: entry.mentions };
  if (comment !== null) facts.commentSeq.set(comment.id, entry.seq);
  if (entry.command === 'start-thread') {
    facts.threads.set(threadId, {
      id: threadId,
      clauseId: entry.clauseId ?? '',
      visibility: entry.visibility ?? 'everyone',
      owner: entry.owner,
      span: entry.span,
      startedBy: author,
      resolved: null,
      comments: comment === null ? [] : [comment],
      startedSeq: entry.seq,
      seq: entry.seq,
    });
    return;
  }
  const thread = facts.threads.get(threadId);
  if (thread === undefined) return;
  const next: CommentThreadView = { ...thread, seq: entry.seq };
  if (entry.command === 'reply' && comment !== null) next.comments = [...thread.comments, comment];
  if (entry.command === 'resolve') next.resolved = { by: author, at: entry.at };
  if (entry.command === 'reopen') next.resolved = null;
  facts.threads.set(threadId, next);
}

/**
 * Whether a session sees a thread: a public thread everyone in the draft; a private note only
 * the sessions of its delegation, never the chair, the secretariat or an observer.
 */
export function canSeeThread(
  viewer: Pick<Actor, 'role' | 'delegation'>,
  thread: Pick<CommentThreadView, 'visibility' | 'owner'>,
): boolean {
  if (thread.visibility === 'everyone') return true;
  return viewer.role === 'delegation' && viewer.delegation !== null && viewer.delegation === thread.owner;
}

/** Whether a session may write comments at all: observers follow, they do not comment. */
export function canComment(actor: Pick<Actor, 'role'>): boolean {
  return actor.role !== 'observer';
}

/** Whether a session may keep private notes: only a delegation has any. */
export function canKeepPrivateNotes(actor: Pick<Actor, 'role' | 'delegation'>): boolean {
  return actor.role === 'delegation' && actor.delegation !== null;
}

function sameAuthor(a: CommentAuthor, b: CommentAuthor): boolean {
  return a.role === b.role && a.delegation === b.delegation;
}

/**
 * Whether a session may resolve or re-open a thread: whoever started it (its delegation, or the
 * chair or the secretariat), and the chair and the secretariat, who keep the room's order. A
 * private note only its own delegation, who alone sees it.
 */
export function canResolveThread(actor: Actor, thread: CommentThreadView): boolean {
  if (!canSeeThread(actor, thread) || !canComment(actor)) return false;
  if (thread.visibility === 'delegation') return true;
  if (actor.role === 'chair' || actor.role === 'secretariat') return true;
  return sameAuthor(authorOf(actor), thread.startedBy);
}

/** The threads a session sees, oldest first. */
export function visibleThreads(facts: CommentFacts, viewer: Pick<Actor, 'role' | 'delegation'>): CommentThreadView[] {
  return [...facts.threads.values()]
    .filter((thread) => canSeeThread(viewer, thread))
    .sort((a, b) => a.startedSeq - b.startedSeq);
}

/** Comments mentioning `delegation`, visible to it, written after it last opened its mentions. */
export function mentionsWaiting(facts: CommentFacts, delegation: string): number {
  const readAt = facts.mentionsReadAt.get(delegation) ?? 0;
  let count = 0;
  for (const thread of facts.threads.values()) {
    if (!canSeeThread({ role: 'delegation', delegation }, thread)) continue;
    for (const comment of thread.comments) {
      if (!comment.mentions.includes(delegation)) continue;
      if (comment.author.delegation === delegation) continue;
      if ((facts.commentSeq.get(comment.id) ?? 0) > readAt) count += 1;
    }
  }
  return count;
}

/**
 * The delegations a comment mentions: each `@CODE` in its text that is one of the draft's
 * delegations, and those named explicitly (which must all be the draft's), each once, in order.
 * Returns the unknown explicit names instead when there are any.
 */
export function parseMentions(
  text: string,
  explicit: readonly string[],
  delegations: readonly string[],
): { ok: true; mentions: string[] } | { ok: false; unknown: string[] } {
  const known = new Set(delegations);
  const unknown = explicit.filter((code) => !known.has(code));
  if (unknown.length > 0) return { ok: false, unknown };
  const found = [...text.matchAll(/(?<![\p{L}\p{N}_])@([A-Z][A-Z0-9]{1,9})(?![\p{L}\p{N}_])/gu)]
    .map((match) => match[1] ?? '')
    .filter((code) => known.has(code));
  return { ok: true, mentions: [...new Set([...found, ...explicit])] };
}
