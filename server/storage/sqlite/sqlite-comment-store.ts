import { z } from 'zod';
import { Role } from '../../../shared/roles.ts';
import {
  CommentEntry,
  type CommentEntryInput,
  CommentSpan,
  CommentVisibility,
} from '../../../shared/schemas/comments.ts';
import { CommentLogMovedError, type CommentStore } from '../comment-store.ts';
import { guarded, type SqliteDatabase } from './sqlite-database.ts';

const CommentRow = z.object({
  seq: z.number(),
  at: z.string(),
  actor_session: z.string(),
  actor_role: Role,
  actor_delegation: z.string().nullable(),
  command: CommentEntry.shape.command,
  thread_id: z.string().nullable(),
  clause_id: z.string().nullable(),
  visibility: CommentVisibility.nullable(),
  owner: z.string().nullable(),
  span: z
    .string()
    .nullable()
    .transform((s) => (s === null ? null : CommentSpan.parse(JSON.parse(s)))),
  comment_id: z.string().nullable(),
  text: z.string().nullable(),
  mentions: z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s))),
});

function entryOf(row: unknown): CommentEntry {
  const r = CommentRow.parse(row);
  return {
    seq: r.seq,
    at: r.at,
    actor: { session: r.actor_session, role: r.actor_role, delegation: r.actor_delegation },
    threadId: r.thread_id,
    command: r.command,
    clauseId: r.clause_id,
    visibility: r.visibility,
    owner: r.owner,
    span: r.span,
    commentId: r.comment_id,
    text: r.text,
    mentions: r.mentions,
  };
}

/** The comment log in the embedded database. */
export function createSqliteCommentStore(database: SqliteDatabase): CommentStore {
  const { db } = database;
  const selectAll = db.prepare('SELECT * FROM comment_log WHERE draft_id = ? ORDER BY seq');
  const selectLastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM comment_log WHERE draft_id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO comment_log (draft_id, seq, at, actor_session, actor_role, actor_delegation, command, thread_id,
       clause_id, visibility, owner, span, comment_id, text, mentions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const append = db.transaction((draftId: string, afterSeq: number, entry: CommentEntryInput): CommentEntry => {
    const last = z.number().parse(selectLastSeq.get(draftId));
    if (last !== afterSeq) throw new CommentLogMovedError(draftId, afterSeq);
    const seq = afterSeq + 1;
    insert.run(
      draftId,
      seq,
      entry.at,
      entry.actor.session,
      entry.actor.role,
      entry.actor.delegation,
      entry.command,
      entry.threadId,
      entry.clauseId,
      entry.visibility,
      entry.owner,
      entry.span === null ? null : JSON.stringify(entry.span),
      entry.commentId,
      entry.text,
      JSON.stringify(entry.mentions),
    );
    return { ...entry, seq };
  });
  return guarded(database, {
    async listComments(draftId) {
      return selectAll.all(draftId).map(entryOf);
    },
    async appendComment(draftId, afterSeq, entry) {
      return append(draftId, afterSeq, entry);
    },
  });
}
