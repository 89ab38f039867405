import { z } from 'zod';
import type { StoredAuthor, UpdateAttribution } from '../document-store.ts';
import type { Queryable } from './postgres-database.ts';

/** One row of doc_authors per session (and one for the server): what edits refer to. */
export function authorKeyOf(author: StoredAuthor): string {
  return author.sessionIdHash ?? `${author.role}:${author.delegation ?? ''}`;
}

/** The author's doc_authors id, its row made if it has none yet. */
export async function lookUpAuthorId(db: Queryable, draftId: string, author: StoredAuthor): Promise<number> {
  const key = authorKeyOf(author);
  await db.query(
    `INSERT INTO doc_authors (draft_id, author_key, session_id_hash, role, delegation) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (draft_id, author_key) DO NOTHING`,
    [draftId, key, author.sessionIdHash, author.role, author.delegation],
  );
  const { rows } = await db.query('SELECT id FROM doc_authors WHERE draft_id = $1 AND author_key = $2', [draftId, key]);
  return z.object({ id: z.number() }).parse(rows[0]).id;
}

/**
 * Writes what a server-written update's attribution binds and records (a restore made for
 * someone), inside the transaction that stores the update at `seq`: the same rows an append
 * writes. A client id bound already fails the transaction.
 */
export async function insertAttribution(
  tx: Queryable,
  draftId: string,
  seq: number,
  { author, newClients, edits, at }: UpdateAttribution,
): Promise<void> {
  if (newClients.length > 0) {
    await tx.query(
      `INSERT INTO doc_clients (draft_id, client_id, session_id_hash, role, delegation, first_seq)
       SELECT $1, client, $3, $4, $5, $6 FROM unnest($2::bigint[]) AS client`,
      [draftId, [...newClients], author.sessionIdHash, author.role, author.delegation, seq],
    );
  }
  if (edits.length === 0) return;
  const authorId = await lookUpAuthorId(tx, draftId, author);
  await tx.query(
    `INSERT INTO doc_edits (draft_id, seq, clause_id, kind, pos, text, author_id, at)
     SELECT $1, $2, e.clause, e.kind, e.pos, e.text, $7, $8
       FROM unnest($3::text[], $4::text[], $5::integer[], $6::bytea[]) AS e(clause, kind, pos, text)`,
    [
      draftId,
      seq,
      edits.map((e) => e.clauseId),
      edits.map((e) => e.kind),
      edits.map((e) => e.offset),
      edits.map((e) => Buffer.from(e.text, 'utf8')),
      authorId,
      at,
    ],
  );
}
