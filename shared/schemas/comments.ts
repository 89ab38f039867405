import { z } from 'zod';
import { Actor } from './decisions.ts';

/** A comment is at most this many characters; threads and replies are capped too. */
export const COMMENT_MAX_CHARS = 4000;
export const THREADS_PER_CLAUSE_MAX = 200;
export const REPLIES_PER_THREAD_MAX = 500;
/** A quoted span is at most this long: a comment is about words, not the whole draft. */
export const QUOTE_MAX_CHARS = 2000;

/** Who sees a thread: everyone in the draft, or only the starter's delegation (its private notes). */
export const CommentVisibility = z.enum(['everyone', 'delegation']);
export type CommentVisibility = z.infer<typeof CommentVisibility>;

/** base64 of `Y.encodeRelativePosition`: a place tied to a character, not to an offset. */
const RelativePositionBase64 = z
  .string()
  .min(4)
  .max(200)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a relative position is base64');

/** Words of a clause a thread is about: two relative positions and the words between, as quoted. */
export const CommentSpan = z.object({
  start: RelativePositionBase64,
  end: RelativePositionBase64,
  quote: z.string().min(1).max(QUOTE_MAX_CHARS),
});
export type CommentSpan = z.infer<typeof CommentSpan>;

const CommentText = z.string().trim().min(1, 'a comment needs some text').max(COMMENT_MAX_CHARS);
const Mentions = z.array(z.string().min(1).max(16)).max(50);
const ThreadId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a thread id');

/** `POST /api/drafts/:id/comments`: each a command, parsed, ruled on and stored by the server. */
export const CommentCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start-thread'),
    clauseId: z.string().min(1).max(100),
    span: CommentSpan.nullable().default(null),
    text: CommentText,
    visibility: CommentVisibility.default('everyone'),
    mentions: Mentions.default([]),
  }),
  z.object({ type: z.literal('reply'), threadId: ThreadId, text: CommentText, mentions: Mentions.default([]) }),
  z.object({ type: z.literal('resolve'), threadId: ThreadId }),
  z.object({ type: z.literal('reopen'), threadId: ThreadId }),
  /** The delegation opened its mentions: the count waiting for it goes back to zero. */
  z.object({ type: z.literal('read-mentions') }),
]);
export type CommentCommand = z.input<typeof CommentCommand>;
export type ParsedCommentCommand = z.infer<typeof CommentCommand>;

/**
 * One stored entry of a draft's comment log: the record and the audit of comments both. `seq`
 * numbers every entry of the draft (private ones included); it orders, it is never sent as a gap
 * detector, since each session sees only the entries visible to it.
 */
export const CommentEntry = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  actor: Actor,
  threadId: z.string().nullable(),
  command: z.enum(['start-thread', 'reply', 'resolve', 'reopen', 'read-mentions']),
  /** Only for `start-thread`: where, and who sees it. */
  clauseId: z.string().nullable(),
  visibility: CommentVisibility.nullable(),
  /** The delegation a private thread belongs to (null for a public one). */
  owner: z.string().nullable(),
  span: CommentSpan.nullable(),
  commentId: z.string().nullable(),
  text: z.string().nullable(),
  mentions: z.array(z.string()),
});
export type CommentEntry = z.infer<typeof CommentEntry>;
export type CommentEntryInput = Omit<CommentEntry, 'seq'>;

/** Who wrote a comment, as shown: the delegation, or the chair or the secretariat. */
export const CommentAuthor = z.object({ role: Actor.shape.role, delegation: z.string().nullable() });
export type CommentAuthor = z.infer<typeof CommentAuthor>;

export const CommentView = z.object({
  id: z.string(),
  author: CommentAuthor,
  at: z.string(),
  text: z.string(),
  mentions: z.array(z.string()),
});
export type CommentView = z.infer<typeof CommentView>;

export const CommentThreadView = z.object({
  id: z.string(),
  clauseId: z.string(),
  visibility: CommentVisibility,
  owner: z.string().nullable(),
  span: CommentSpan.nullable(),
  /** The span's words as they read now in the server's text; null when they were all deleted. */
  currentQuote: z.string().nullable().optional(),
  startedBy: CommentAuthor,
  resolved: z.object({ by: CommentAuthor, at: z.string() }).nullable(),
  comments: z.array(CommentView),
  /** The log entry that started the thread: threads are listed in this order. */
  startedSeq: z.number().int(),
  /** The log entry that last changed the thread: a client keeps the later of two views. */
  seq: z.number().int(),
});
export type CommentThreadView = z.infer<typeof CommentThreadView>;

/** `GET /api/drafts/:id/comments`: what this session may see. */
export const CommentsState = z.object({
  threads: z.array(CommentThreadView),
  /** Comments mentioning the session's delegation, visible to it, since it last opened them. */
  mentionsWaiting: z.number().int().min(0),
});
export type CommentsState = z.infer<typeof CommentsState>;

/** What the comment events channel pushes: a thread as it stands after a change, to those who see it. */
export const CommentEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thread'), thread: CommentThreadView }),
  z.object({ type: z.literal('mentions'), mentionsWaiting: z.number().int().min(0) }),
]);
export type CommentEvent = z.infer<typeof CommentEvent>;
