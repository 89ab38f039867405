import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import { resolveSpan } from '../../shared/comments/comment-anchor.ts';
import { type CommentError, CommentErrorCode, decideComment } from '../../shared/comments/comment-rules.ts';
import {
  applyCommentEntry,
  type CommentFacts,
  foldComments,
  mentionsWaiting,
  visibleThreads,
} from '../../shared/comments/comment-threads.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import type {
  CommentEntry,
  CommentsState,
  CommentThreadView,
  ParsedCommentCommand,
} from '../../shared/schemas/comments.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { HttpError } from '../http-error.ts';
import { CommentLogMovedError, type CommentStore } from '../storage/comment-store.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import type { CommentChange, CommentEvents } from './comment-events.ts';

export interface CommentContextDeps {
  comments: CommentStore;
  registry: RoomRegistry;
  events: CommentEvents;
  now: () => Date;
}

const STATUS: Record<CommentErrorCode, 403 | 404 | 409> = {
  [CommentErrorCode.forbidden]: 403,
  [CommentErrorCode.notFound]: 404,
  [CommentErrorCode.tooMany]: 409,
  [CommentErrorCode.spanChanged]: 409,
  [CommentErrorCode.unknownDelegation]: 409,
  [CommentErrorCode.alreadyResolved]: 409,
  [CommentErrorCode.notResolved]: 409,
};

function httpErrorOf(error: CommentError): HttpError {
  return new HttpError(STATUS[error.code], error.code, error.message, error.details);
}

/** A random id for a thread or a comment: 96 bits, URL-safe. */
function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** The thread with the words its span covers now in `doc` (null when they were all deleted). */
export function withCurrentQuote(doc: Y.Doc, thread: CommentThreadView): CommentThreadView {
  if (thread.span === null) return thread;
  const resolved = resolveSpan(doc, thread.clauseId, thread.span);
  const words = resolved?.words.trim() ?? '';
  return { ...thread, currentQuote: words === '' ? null : words };
}

/**
 * One comment command, as I/O around `decideComment`: in the room's exclusive section (so the
 * span is checked against the stored text and the caps against the whole log), load the log,
 * decide, append, then push the change to the comment channel. Answers the stored entry.
 */
export async function handleCommentCommand(
  deps: CommentContextDeps,
  draft: DraftRecord,
  actor: Actor,
  command: ParsedCommentCommand,
): Promise<CommentEntry> {
  return deps.registry.withRoom(draft.id, (room) =>
    room.exclusive(async () => {
      const facts = foldComments(await deps.comments.listComments(draft.id));
      const clauseIds = new Set(clauseOrder(room.doc));
      // Only a clause of the draft is looked up: `doc.get` would add a root for any other name.
      const spanWords =
        command.type === 'start-thread' && command.span !== null && clauseIds.has(command.clauseId)
          ? (resolveSpan(room.doc, command.clauseId, command.span)?.words.normalize('NFC') ?? null)
          : null;
      const decision = decideComment(facts, actor, command, {
        delegations: draft.delegations,
        clauseIds,
        spanWords,
        ids: { threadId: newId(), commentId: newId() },
        now: deps.now(),
      });
      if (!decision.ok) throw httpErrorOf(decision.error);
      const entry = await deps.comments
        .appendComment(draft.id, facts.lastSeq, decision.entry)
        .catch((error: unknown) => {
          // Another server process wrote first: nothing was stored, and sending again is safe.
          if (error instanceof CommentLogMovedError) {
            throw new HttpError(409, 'comment_conflict', 'Someone commented at the same moment. Send yours again.');
          }
          throw error;
        });
      deps.events.publish(draft.id, commentChangeOf(facts, entry, draft.delegations, room.doc));
      return entry;
    }),
  );
}

/**
 * Applies a stored entry to the folded log and answers the change to push: the thread as it
 * stands now, its quote read in `doc`, and the delegations whose mention count moved.
 */
export function commentChangeOf(
  facts: CommentFacts,
  entry: CommentEntry,
  delegations: readonly string[],
  doc: Y.Doc,
): CommentChange {
  const before = countsOf(facts, delegations);
  applyCommentEntry(facts, entry);
  const after = countsOf(facts, delegations);
  const changed = new Map([...after].filter(([code, count]) => before.get(code) !== count));
  const thread = entry.threadId === null ? undefined : facts.threads.get(entry.threadId);
  return {
    seq: entry.seq,
    thread: thread === undefined ? null : withCurrentQuote(doc, thread),
    mentionsWaiting: changed,
  };
}

function countsOf(facts: CommentFacts, delegations: readonly string[]): Map<string, number> {
  return new Map(delegations.map((code) => [code, mentionsWaiting(facts, code)]));
}

/** What `viewer` may see of a draft's comments, spans read against the room's text now. */
export async function commentsStateFor(
  deps: Pick<CommentContextDeps, 'comments' | 'registry'>,
  draft: DraftRecord,
  viewer: Actor,
): Promise<CommentsState> {
  const facts = foldComments(await deps.comments.listComments(draft.id));
  return deps.registry.withRoom(draft.id, async (room) => ({
    threads: visibleThreads(facts, viewer).map((thread) => withCurrentQuote(room.doc, thread)),
    mentionsWaiting:
      viewer.role === 'delegation' && viewer.delegation !== null ? mentionsWaiting(facts, viewer.delegation) : 0,
  }));
}

/**
 * The comment log as an audit, as far as `viewer` may see it: every entry of each thread it sees
 * (start, replies, resolutions, with the session that made each), and the mention reads of its
 * own delegation (the chair and the secretariat see every delegation's).
 */
export async function commentAuditFor(
  deps: Pick<CommentContextDeps, 'comments'>,
  draft: DraftRecord,
  viewer: Actor,
): Promise<CommentEntry[]> {
  const entries = await deps.comments.listComments(draft.id);
  const facts = foldComments(entries);
  const visible = new Set(visibleThreads(facts, viewer).map((thread) => thread.id));
  return entries.filter((entry) =>
    entry.threadId !== null
      ? visible.has(entry.threadId)
      : viewer.role === 'chair' ||
        viewer.role === 'secretariat' ||
        (viewer.delegation !== null && entry.actor.delegation === viewer.delegation),
  );
}
