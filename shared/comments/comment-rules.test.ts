import { describe, expect, it } from 'vitest';
import {
  CommentCommand,
  type CommentEntry,
  REPLIES_PER_THREAD_MAX,
  THREADS_PER_CLAUSE_MAX,
} from '../schemas/comments.ts';
import type { Actor } from '../schemas/decisions.ts';
import { type CommentContext, decideComment } from './comment-rules.ts';
import { foldComments } from './comment-threads.ts';

const MYS: Actor = { session: 's-mys', role: 'delegation', delegation: 'MYS' };
let seq = 0;

function entry(command: CommentEntry['command'], threadId: string, clauseId: string | null = null): CommentEntry {
  seq += 1;
  return {
    seq,
    at: '2026-12-02T07:00:00.000Z',
    actor: MYS,
    threadId,
    command,
    clauseId,
    visibility: command === 'start-thread' ? 'everyone' : null,
    owner: null,
    span: null,
    commentId: `c${seq}`,
    text: 'words',
    mentions: [],
  };
}

const context = (clauseIds: string[]): CommentContext => ({
  delegations: ['MYS', 'PHL'],
  clauseIds: new Set(clauseIds),
  spanWords: null,
  ids: { threadId: 'new-thread', commentId: 'new-comment' },
  now: new Date('2026-12-02T07:00:00.000Z'),
});

describe('the caps of comments', () => {
  it(`refuses thread ${THREADS_PER_CLAUSE_MAX + 1} on one clause, not the first on another`, () => {
    const entries = Array.from({ length: THREADS_PER_CLAUSE_MAX }, (_, i) => entry('start-thread', `t${i}`, 'c1'));
    const facts = foldComments(entries);
    const start = (clauseId: string) =>
      decideComment(
        facts,
        MYS,
        CommentCommand.parse({ type: 'start-thread', clauseId, text: 'x' }),
        context(['c1', 'c2']),
      );
    expect(start('c1')).toMatchObject({ ok: false, error: { code: 'too_many_comments' } });
    expect(start('c2').ok).toBe(true);
  });

  it(`refuses reply ${REPLIES_PER_THREAD_MAX + 1} in a thread, not reply ${REPLIES_PER_THREAD_MAX}`, () => {
    const replies = (count: number) =>
      foldComments([
        entry('start-thread', 'thread-0001', 'c1'),
        ...Array.from({ length: count }, () => entry('reply', 'thread-0001')),
      ]);
    const command = CommentCommand.parse({ type: 'reply', threadId: 'thread-0001', text: 'x' });
    expect(decideComment(replies(REPLIES_PER_THREAD_MAX - 1), MYS, command, context(['c1'])).ok).toBe(true);
    expect(decideComment(replies(REPLIES_PER_THREAD_MAX), MYS, command, context(['c1']))).toMatchObject({
      ok: false,
      error: { code: 'too_many_comments' },
    });
  });
});

describe('who may resolve a thread', () => {
  const PHL: Actor = { session: 's-phl', role: 'delegation', delegation: 'PHL' };
  const CHAIR: Actor = { session: 's-chair', role: 'chair', delegation: null };
  const SECRETARIAT: Actor = { session: 's-sec', role: 'secretariat', delegation: null };
  const OBSERVER: Actor = { session: 's-obs', role: 'observer', delegation: null };
  const OTHER_MYS: Actor = { session: 's-mys-2', role: 'delegation', delegation: 'MYS' };
  const resolve = CommentCommand.parse({ type: 'resolve', threadId: 'thread-0001' });
  const outcome = (actor: Actor, visibility: 'everyone' | 'delegation') => {
    const started = {
      ...entry('start-thread', 'thread-0001', 'c1'),
      visibility,
      owner: visibility === 'delegation' ? 'MYS' : null,
    };
    const decision = decideComment(foldComments([started]), actor, resolve, context(['c1']));
    return decision.ok ? 'ok' : decision.error.code;
  };

  it('lets the starter’s delegation (any official), the chair and the secretariat resolve a public thread', () => {
    expect([OTHER_MYS, CHAIR, SECRETARIAT, PHL, OBSERVER].map((actor) => outcome(actor, 'everyone'))).toEqual([
      'ok',
      'ok',
      'ok',
      'forbidden',
      'forbidden',
    ]);
  });

  it('lets only its own delegation resolve a private note; to the others it does not exist', () => {
    // An observer is refused any comment command before a thread is looked for: it learns nothing.
    expect([OTHER_MYS, CHAIR, SECRETARIAT, PHL, OBSERVER].map((actor) => outcome(actor, 'delegation'))).toEqual([
      'ok',
      'not_found',
      'not_found',
      'not_found',
      'forbidden',
    ]);
  });
});
