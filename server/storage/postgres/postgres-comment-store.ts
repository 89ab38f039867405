import { z } from 'zod';
import { Role } from '../../../shared/roles.ts';
import { CommentEntry, CommentSpan, CommentVisibility } from '../../../shared/schemas/comments.ts';
import { CommentLogMovedError, type CommentStore } from '../comment-store.ts';
import type { PostgresDatabase } from './postgres-database.ts';

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
    .transform((json) => (json === null ? null : CommentSpan.parse(JSON.parse(json)))),
  comment_id: z.string().nullable(),
  text: z.string().nullable(),
  mentions: z.array(z.string()),
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

/** The comment log in PostgreSQL, numbered from the draft's head row. */
export function createPostgresCommentStore(db: PostgresDatabase): CommentStore {
  return {
    async listComments(draftId) {
      const { rows } = await db.query(
        `SELECT seq, at, actor_session, actor_role, actor_delegation, command, thread_id, clause_id, visibility,
                owner, span, comment_id, text, mentions
           FROM comment_log WHERE draft_id = $1 ORDER BY seq`,
        [draftId],
      );
      return rows.map(entryOf);
    },
    async appendComment(draftId, afterSeq, entry) {
      return db.transaction(async (tx) => {
        // Moves the head only if it still is where the writer saw it; a writer that got there
        // first holds the row until it commits, and this one then finds the head moved.
        const head = await tx.query(
          'UPDATE draft_heads SET comment_seq = comment_seq + 1 WHERE draft_id = $1 AND comment_seq = $2 RETURNING comment_seq',
          [draftId, afterSeq],
        );
        if (head.rows.length === 0) {
          const exists = await tx.query('SELECT 1 FROM draft_heads WHERE draft_id = $1', [draftId]);
          if (exists.rows.length === 0) throw new Error(`There is no draft ${draftId} to comment on.`);
          throw new CommentLogMovedError(draftId, afterSeq);
        }
        const seq = afterSeq + 1;
        await tx.query(
          `INSERT INTO comment_log (draft_id, seq, at, actor_session, actor_role, actor_delegation, command, thread_id,
             clause_id, visibility, owner, span, comment_id, text, mentions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
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
            entry.mentions,
          ],
        );
        return { ...entry, seq };
      });
    },
  };
}
