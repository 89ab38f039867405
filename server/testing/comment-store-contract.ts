import { describe, expect, it } from 'vitest';
import type { CommentEntryInput } from '../../shared/schemas/comments.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { CommentLogMovedError } from '../storage/comment-store.ts';
import type { Stores } from '../storage/stores.ts';

const AT = '2026-11-22T10:00:00.000Z';
const MYS: Actor = { session: 'mys-session', role: 'delegation', delegation: 'MYS' };

function started(threadId: string, visibility: 'everyone' | 'delegation' = 'everyone'): CommentEntryInput {
  return {
    at: AT,
    actor: MYS,
    threadId,
    command: 'start-thread',
    clauseId: 'c1',
    visibility,
    owner: visibility === 'delegation' ? 'MYS' : null,
    span: { start: 'AAAA', end: 'AAAB', quote: 'the importance' },
    commentId: `${threadId}-1`,
    text: 'Why "importance"? @PHL',
    mentions: ['PHL'],
  };
}

/**
 * The comment store's part of the contract, run inside `describeStoreContract` with its stores,
 * draft and a way to reopen them: an append-only log per draft, numbered without gaps, appended
 * only at the end the writer saw.
 */
export function commentContractCases(
  current: () => { stores: Stores; draftId: string },
  reopen: () => Promise<Stores>,
): void {
  describe('comments', () => {
    it('numbers a draft’s comment entries 1, 2, 3 and gives them back as written', async () => {
      const { stores, draftId } = current();
      const first = await stores.comments.appendComment(draftId, 0, started('thread-0001'));
      const second = await stores.comments.appendComment(draftId, 1, started('thread-0002', 'delegation'));
      expect([first.seq, second.seq]).toEqual([1, 2]);
      expect(await stores.comments.listComments(draftId)).toEqual([first, second]);
    });

    it('refuses an entry checked against a log that has grown since, writing nothing', async () => {
      const { stores, draftId } = current();
      await stores.comments.appendComment(draftId, 0, started('thread-0001'));
      await expect(stores.comments.appendComment(draftId, 0, started('thread-0002'))).rejects.toBeInstanceOf(
        CommentLogMovedError,
      );
      expect((await stores.comments.listComments(draftId)).map((e) => e.threadId)).toEqual(['thread-0001']);
    });

    it('keeps every comment entry when the store is reopened', async () => {
      const { stores, draftId } = current();
      await stores.comments.appendComment(draftId, 0, started('thread-0001'));
      const before = await stores.comments.listComments(draftId);
      const reopened = await reopen();
      expect(await reopened.comments.listComments(draftId)).toEqual(before);
    });

    it('keeps the comments of each draft apart', async () => {
      const { stores, draftId } = current();
      await stores.comments.appendComment(draftId, 0, started('thread-0001'));
      expect(await stores.comments.listComments('draft-0002')).toEqual([]);
    });
  });
}
