import { describe, expect, it } from 'vitest';
import type { CommentThreadView } from '../../shared/schemas/comments.ts';
import { applyCommentEvent, commentsOfState } from './use-comments.ts';

function thread(id: string, seq: number, texts: string[], clauseId = 'c1'): CommentThreadView {
  return {
    id,
    clauseId,
    visibility: 'everyone',
    owner: null,
    span: null,
    startedBy: { role: 'delegation', delegation: 'MYS' },
    resolved: null,
    comments: texts.map((text, i) => ({
      id: `${id}-${i}`,
      author: { role: 'delegation', delegation: i === 0 ? 'MYS' : 'PHL' },
      at: '2026-12-02T07:00:00.000Z',
      text,
      mentions: [],
    })),
    startedSeq: Number(id.slice(1)),
    seq,
  };
}

describe('the comments a room keeps', () => {
  it('keeps a thread’s later view and drops an earlier one that arrives after it', () => {
    const state = commentsOfState({ threads: [thread('t1', 1, ['first'])], mentionsWaiting: 0 });
    const replied = applyCommentEvent(state, { type: 'thread', thread: thread('t1', 3, ['first', 'reply']) });
    const stale = applyCommentEvent(replied, { type: 'thread', thread: thread('t1', 2, ['first']) });
    expect(stale.threads.get('t1')?.comments.map((c) => c.text)).toEqual(['first', 'reply']);
    expect(stale.arrived?.comment.text).toBe('reply');
  });

  it('lists each clause’s threads in the order they were started', () => {
    let comments = commentsOfState({ threads: [thread('t2', 2, ['b']), thread('t1', 5, ['a'])], mentionsWaiting: 0 });
    comments = applyCommentEvent(comments, { type: 'thread', thread: thread('t3', 6, ['c'], 'c2') });
    expect(comments.byClause.get('c1')?.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(comments.byClause.get('c2')?.map((t) => t.id)).toEqual(['t3']);
  });

  it('takes the mention count the channel sends', () => {
    const comments = commentsOfState({ threads: [], mentionsWaiting: 2 });
    expect(applyCommentEvent(comments, { type: 'mentions', mentionsWaiting: 0 }).mentionsWaiting).toBe(0);
  });
});
