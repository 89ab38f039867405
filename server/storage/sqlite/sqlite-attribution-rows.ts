import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { StoredAuthor, UpdateAttribution } from '../document-store.ts';

const AuthorId = z.number().int();

/** One row of doc_authors per session (and one for the server): what edits refer to. */
export function authorKeyOf(author: StoredAuthor): string {
  return author.sessionIdHash ?? `${author.role}:${author.delegation ?? ''}`;
}

/**
 * What an update's attribution writes beside it (migration 9): the client ids it binds, its
 * clause edits and their author's row. Shared by the document store (every client update) and
 * the decision store (a server-written edit made for someone, stored with its decision), so
 * that both write the same rows. Call `insert` inside the transaction that stores the update.
 */
export interface AttributionRows {
  /**
   * Writes `attribution` for the update at `seq`. `authorIdOf` answers the doc_authors id of an
   * author, making its row if need be (the document store caches it; `lookUpAuthorId` does not).
   */
  insert(
    draftId: string,
    seq: number,
    attribution: UpdateAttribution,
    authorIdOf: (draftId: string, author: StoredAuthor) => number,
  ): void;
  /** The author's row id, made if it does not exist yet. */
  lookUpAuthorId(draftId: string, author: StoredAuthor): number;
}

export function createAttributionRows(db: Database.Database): AttributionRows {
  // A plain INSERT: a client id bound twice fails the whole transaction, update included.
  const insertClient = db.prepare(
    'INSERT INTO doc_clients (draft_id, client_id, session_id_hash, role, delegation, first_seq) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertEdit = db.prepare(
    `INSERT INTO doc_edits (draft_id, seq, clause_id, kind, pos, text, author_id, at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAuthor = db.prepare(
    `INSERT INTO doc_authors (draft_id, author_key, session_id_hash, role, delegation) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(draft_id, author_key) DO NOTHING`,
  );
  const selectAuthorId = db.prepare('SELECT id FROM doc_authors WHERE draft_id = ? AND author_key = ?').pluck();
  return {
    insert(draftId, seq, { author, newClients, edits, at }, authorIdOf) {
      for (const client of newClients) {
        insertClient.run(draftId, client, author.sessionIdHash, author.role, author.delegation, seq);
      }
      if (edits.length === 0) return;
      const authorId = authorIdOf(draftId, author);
      const atMs = Date.parse(at);
      for (const edit of edits) {
        insertEdit.run(draftId, seq, edit.clauseId, edit.kind, edit.offset, edit.text, authorId, atMs);
      }
    },
    lookUpAuthorId(draftId, author) {
      const key = authorKeyOf(author);
      insertAuthor.run(draftId, key, author.sessionIdHash, author.role, author.delegation);
      return AuthorId.parse(selectAuthorId.get(draftId, key));
    },
  };
}
