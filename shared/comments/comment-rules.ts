import {
  type CommentEntryInput,
  type ParsedCommentCommand,
  REPLIES_PER_THREAD_MAX,
  THREADS_PER_CLAUSE_MAX,
} from '../schemas/comments.ts';
import type { Actor } from '../schemas/decisions.ts';
import {
  type CommentFacts,
  canComment,
  canKeepPrivateNotes,
  canResolveThread,
  canSeeThread,
  parseMentions,
} from './comment-threads.ts';

/** Why a comment command is refused: each code is the HTTP answer's `error.code`. */
export const CommentErrorCode = {
  forbidden: 'forbidden',
  notFound: 'not_found',
  tooMany: 'too_many_comments',
  spanChanged: 'span_changed',
  unknownDelegation: 'unknown_delegation',
  alreadyResolved: 'already_resolved',
  notResolved: 'not_resolved',
} as const;
export type CommentErrorCode = (typeof CommentErrorCode)[keyof typeof CommentErrorCode];

export interface CommentError {
  code: CommentErrorCode;
  message: string;
  details?: unknown;
}

/** What a comment command is judged against, besides the comment log. */
export interface CommentContext {
  delegations: readonly string[];
  /** The clause ids in the draft's order now. */
  clauseIds: ReadonlySet<string>;
  /**
   * The words a span covers now in the server's own text, or null when its positions do not
   * resolve inside that clause's root (see `resolveSpan`).
   */
  spanWords: string | null;
  /** The ids the new thread and comment get (random, chosen by the server). */
  ids: { threadId: string; commentId: string };
  now: Date;
}

export type CommentDecision = { ok: true; entry: CommentEntryInput } | { ok: false; error: CommentError };

const refuse = (code: CommentErrorCode, message: string, details?: unknown): CommentDecision => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * The rules of comments, pure. Comments never change the text or a decision, so they are allowed
 * on frozen and adopted clauses and after a Chairman's Statement; what they guard is who sees
 * and who may write what, and the caps.
 */
export function decideComment(
  facts: CommentFacts,
  actor: Actor,
  command: ParsedCommentCommand,
  context: CommentContext,
): CommentDecision {
  const base = {
    at: context.now.toISOString(),
    actor,
    clauseId: null,
    visibility: null,
    owner: null,
    span: null,
    commentId: null,
    text: null,
    mentions: [],
  } satisfies Partial<CommentEntryInput>;
  if (command.type === 'read-mentions') {
    if (actor.role !== 'delegation' || actor.delegation === null) {
      return refuse(CommentErrorCode.forbidden, 'Only a delegation has mentions to read.');
    }
    return { ok: true, entry: { ...base, command: 'read-mentions', threadId: null } };
  }
  if (!canComment(actor)) return refuse(CommentErrorCode.forbidden, 'Observers follow the room; they do not comment.');
  if (command.type === 'start-thread') {
    if (!context.clauseIds.has(command.clauseId)) {
      return refuse(CommentErrorCode.notFound, 'This clause is not in the draft any more.');
    }
    if (command.visibility === 'delegation' && !canKeepPrivateNotes(actor)) {
      return refuse(CommentErrorCode.forbidden, 'Only a delegation keeps private notes; write a comment for everyone.');
    }
    const onClause = [...facts.threads.values()].filter((t) => t.clauseId === command.clauseId).length;
    if (onClause >= THREADS_PER_CLAUSE_MAX) {
      return refuse(
        CommentErrorCode.tooMany,
        `This clause has ${THREADS_PER_CLAUSE_MAX} comment threads, the most it can hold: reply to one of them.`,
      );
    }
    if (
      command.span !== null &&
      (context.spanWords === null || context.spanWords !== command.span.quote.normalize('NFC'))
    ) {
      return refuse(
        CommentErrorCode.spanChanged,
        'The words you selected changed before the comment arrived. Select them again.',
        { current: context.spanWords },
      );
    }
    const mentions = parseMentions(command.text, command.mentions, context.delegations);
    if (!mentions.ok) return unknownDelegations(mentions.unknown);
    return {
      ok: true,
      entry: {
        ...base,
        command: 'start-thread',
        threadId: context.ids.threadId,
        clauseId: command.clauseId,
        visibility: command.visibility,
        owner: command.visibility === 'delegation' ? actor.delegation : null,
        span: command.span === null ? null : { ...command.span, quote: command.span.quote.normalize('NFC') },
        commentId: context.ids.commentId,
        text: command.text,
        mentions: mentions.mentions,
      },
    };
  }
  const thread = facts.threads.get(command.threadId);
  // A thread this session may not see is answered as one that does not exist.
  if (thread === undefined || !canSeeThread(actor, thread)) {
    return refuse(CommentErrorCode.notFound, 'No such comment thread in this draft.');
  }
  if (command.type === 'reply') {
    if (thread.comments.length - 1 >= REPLIES_PER_THREAD_MAX) {
      return refuse(
        CommentErrorCode.tooMany,
        `This thread has ${REPLIES_PER_THREAD_MAX} replies, the most it can hold: start a new thread.`,
      );
    }
    const mentions = parseMentions(command.text, command.mentions, context.delegations);
    if (!mentions.ok) return unknownDelegations(mentions.unknown);
    return {
      ok: true,
      entry: {
        ...base,
        command: 'reply',
        threadId: thread.id,
        commentId: context.ids.commentId,
        text: command.text,
        mentions: mentions.mentions,
      },
    };
  }
  if (!canResolveThread(actor, thread)) {
    return refuse(
      CommentErrorCode.forbidden,
      'Only whoever started this thread, the chair or the secretariat can resolve or re-open it.',
    );
  }
  if (command.type === 'resolve' && thread.resolved !== null) {
    return refuse(CommentErrorCode.alreadyResolved, 'This thread is resolved already.');
  }
  if (command.type === 'reopen' && thread.resolved === null) {
    return refuse(CommentErrorCode.notResolved, 'This thread is open already.');
  }
  return { ok: true, entry: { ...base, command: command.type, threadId: thread.id } };
}

function unknownDelegations(unknown: string[]): CommentDecision {
  return refuse(
    CommentErrorCode.unknownDelegation,
    `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a delegation of this draft.`,
    { unknown },
  );
}
