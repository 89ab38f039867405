import pg from 'pg';
import * as Y from 'yjs';
import { z } from 'zod';
import { EditAuthor } from '../../../shared/schemas/attribution.ts';
import {
  type ClauseAuthor,
  type ClientBinding,
  ClientsBoundElsewhereError,
  type DocumentStore,
  LocksMovedError,
  SERVER_AUTHOR,
  type StoredAuthor,
  type StoredClauseEdit,
  type UpdateAttribution,
} from '../document-store.ts';
import { authorKeyOf, lookUpAuthorId } from './postgres-attribution.ts';
import type { PostgresDatabase, Queryable } from './postgres-database.ts';
import { type ClientColumns, type EditColumns, GroupAppend, type PendingAppend } from './postgres-group-append.ts';

const Bytes = z.instanceof(Buffer);
const UNIQUE_VIOLATION = '23505';
/** The primary key of `doc_clients`: one binding per client id of a draft. */
const CLIENTS_KEY = 'doc_clients_pkey';
const SnapshotRow = z.object({ upto_seq: z.number(), data: Bytes });
const HeadRow = z.object({ update_seq: z.number() });
const LoggedUpdate = z.object({ seq: z.coerce.number().int(), data: Bytes });
const AuthorColumns = z.object({
  session_id_hash: z.string().nullable(),
  role: EditAuthor.shape.role,
  delegation: z.string().nullable(),
});
const ClientRow = AuthorColumns.extend({ client_id: z.number().int() });
const ClauseAuthorRow = AuthorColumns.omit({ session_id_hash: true }).extend({
  clause_id: z.string(),
  first_at: z.date(),
});
const EditRow = AuthorColumns.extend({
  seq: z.number().int(),
  clause_id: z.string(),
  kind: z.enum(['insert', 'delete']),
  pos: z.number().int(),
  text: Bytes.transform((bytes) => bytes.toString('utf8')),
  at: z.date(),
});

function authorOf(row: z.infer<typeof AuthorColumns>): StoredAuthor {
  return { sessionIdHash: row.session_id_hash, role: row.role, delegation: row.delegation };
}

function bufferOf(update: Uint8Array): Buffer {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength);
}

/**
 * One append as one statement, so one round trip and atomic by itself: the draft's head row is
 * moved (and locked until the statement commits) first, and the updates, their client bindings
 * and clause edits are numbered from it. A client id bound already fails the whole statement.
 * With a locks version ($16), a head whose locks moved is not matched and nothing is written:
 * a decision holding the row commits first, and the WHERE is judged again on what it wrote.
 */
const APPEND = `
  WITH head AS (
    UPDATE draft_heads SET update_seq = update_seq + $2
     WHERE draft_id = $1 AND ($16::bigint IS NULL OR locks_version = $16::bigint)
    RETURNING update_seq - $2 AS base, update_seq
  ), updates AS (
    INSERT INTO doc_updates (draft_id, seq, data)
    SELECT $1, head.base + u.i, u.data FROM head, unnest($3::bytea[]) WITH ORDINALITY AS u(data, i)
  ), clients AS (
    INSERT INTO doc_clients (draft_id, client_id, session_id_hash, role, delegation, first_seq)
    SELECT $1, c.client, c.session, c.role, c.delegation, head.base + c.i
      FROM head, unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[]) AS c(client, session, role, delegation, i)
  ), edits AS (
    INSERT INTO doc_edits (draft_id, seq, clause_id, kind, pos, text, author_id, at)
    SELECT $1, head.base + e.i, e.clause, e.kind, e.pos, e.text, e.author, e.at
      FROM head, unnest($9::bigint[], $10::text[], $11::text[], $12::integer[], $13::bytea[], $14::bigint[], $15::timestamptz[])
        AS e(i, clause, kind, pos, text, author, at)
  )
  SELECT update_seq FROM head`;

/**
 * The update log and snapshots in PostgreSQL. Each append is one statement that first takes
 * the draft's head row (`draft_heads`) and numbers its updates from it: numbers per draft,
 * gap-free, committed in their order. The appends of many drafts made in one turn go as one
 * statement (`GroupAppend`). Reading what another writer appended after seq N is
 * `SELECT data FROM doc_updates WHERE draft_id = $1 AND seq > $2 ORDER BY seq`, a range of the
 * primary key.
 */
export function createPostgresDocumentStore(db: PostgresDatabase): DocumentStore {
  /**
   * Author rows by draft and author key: a row never changes or goes, so after an author's
   * first edit it costs a lookup here instead of a round trip. A row is written in its own
   * statement before the append that needs it; if that append then fails, the row stays, an
   * author without edits (PostgreSQL never gives its id to another row).
   */
  const authorIds = new Map<string, number>();

  const authorIdOf = async (draftId: string, author: StoredAuthor): Promise<number> => {
    const cacheKey = `${draftId}\n${authorKeyOf(author)}`;
    const known = authorIds.get(cacheKey);
    if (known !== undefined) return known;
    const id = await lookUpAuthorId(db, draftId, author);
    authorIds.set(cacheKey, id);
    return id;
  };

  /** The client bindings and clause edits of an append as columns, each row naming its update from 1. */
  const attributionColumns = async (
    draftId: string,
    attribution: readonly UpdateAttribution[] | undefined,
  ): Promise<{ clients: ClientColumns; edits: EditColumns }> => {
    const clients: ClientColumns = { client: [], session: [], role: [], delegation: [], update: [] };
    const edits: EditColumns = { update: [], clause: [], kind: [], pos: [], text: [], author: [], at: [] };
    for (const [index, { author, newClients, edits: its, at }] of (attribution ?? []).entries()) {
      for (const client of newClients) {
        clients.client.push(client);
        clients.session.push(author.sessionIdHash);
        clients.role.push(author.role);
        clients.delegation.push(author.delegation);
        clients.update.push(index + 1);
      }
      if (its.length === 0) continue;
      const authorId = await authorIdOf(draftId, author);
      for (const edit of its) {
        edits.update.push(index + 1);
        edits.clause.push(edit.clauseId);
        edits.kind.push(edit.kind);
        edits.pos.push(edit.offset);
        edits.text.push(Buffer.from(edit.text, 'utf8'));
        edits.author.push(authorId);
        edits.at.push(at);
      }
    }
    return { clients, edits };
  };

  /** One append as its own statement (APPEND): what a group leaves out, or one alone. */
  const appendOne = async ({ draftId, updates, clients, edits, locksVersion }: PendingAppend): Promise<number> => {
    // Key order is column order ($4–$15).
    const columns = [...Object.values(clients), ...Object.values(edits)];
    const { rows } = await db
      .query(APPEND, [draftId, updates.length, updates, ...columns, locksVersion], { name: 'append' })
      .catch((error: unknown) => {
        if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION && error.constraint === CLIENTS_KEY) {
          throw new ClientsBoundElsewhereError(draftId);
        }
        throw error;
      });
    if (rows.length > 0) return HeadRow.parse(rows[0]).update_seq;
    const head = await db.query('SELECT 1 FROM draft_heads WHERE draft_id = $1', [draftId]);
    if (head.rows.length === 0) throw new Error(`There is no draft ${draftId} to append updates to.`);
    throw new LocksMovedError(draftId, locksVersion ?? 0);
  };
  const group = new GroupAppend((text, values) => db.query(text, values, { name: 'group-append' }), appendOne);

  const bind = async (tx: Queryable, draftId: string, clients: readonly number[], author: StoredAuthor) => {
    if (clients.length === 0) return;
    await tx.query(
      `INSERT INTO doc_clients (draft_id, client_id, session_id_hash, role, delegation, first_seq)
       SELECT $1, client, $3, $4, $5, NULL FROM unnest($2::bigint[]) AS client
       ON CONFLICT (draft_id, client_id) DO NOTHING`,
      [draftId, [...clients], author.sessionIdHash, author.role, author.delegation],
    );
  };

  return {
    async createDocument(draftId, initialState) {
      await db.transaction(async (tx) => {
        // Refused if the draft has a document already: creating one never replaces one.
        await tx.query('INSERT INTO doc_snapshots (draft_id, upto_seq, data) VALUES ($1, 0, $2)', [
          draftId,
          bufferOf(initialState),
        ]);
        const { to } = Y.parseUpdateMeta(initialState);
        await bind(tx, draftId, [...to.keys()], SERVER_AUTHOR);
      });
    },
    async loadDocument(draftId) {
      // One snapshot for the three reads: an append or a compaction between them cannot tear it.
      return db.transaction(
        async (tx) => {
          const snapshots = await tx.query('SELECT upto_seq, data FROM doc_snapshots WHERE draft_id = $1', [draftId]);
          const snapshot = snapshots.rows.length === 0 ? null : SnapshotRow.parse(snapshots.rows[0]);
          const after = snapshot?.upto_seq ?? 0;
          // Bare arrays: with 10,000 rows, building a row object each costs more than the bytes.
          const rows = await tx.queryArrays(
            'SELECT data FROM doc_updates WHERE draft_id = $1 AND seq > $2 ORDER BY seq',
            [draftId, after],
          );
          const updates = rows.map(([data]) => {
            if (!(data instanceof Uint8Array)) throw new Error(`A stored update of draft ${draftId} is not binary.`);
            return data;
          });
          const head = await tx.query('SELECT update_seq FROM draft_heads WHERE draft_id = $1', [draftId]);
          const lastSeq = head.rows.length === 0 ? 0 : HeadRow.parse(head.rows[0]).update_seq;
          return { snapshot: snapshot?.data ?? null, updates, lastSeq: Math.max(lastSeq, after) };
        },
        { readOnly: true },
      );
    },
    async appendUpdates(draftId, updates, attribution, locksVersion) {
      const { clients, edits } = await attributionColumns(draftId, attribution);
      return group.append({
        draftId,
        updates: updates.map(bufferOf),
        clients,
        edits,
        locksVersion: locksVersion ?? null,
      });
    },
    async loadUpdatesAfter(draftId, afterSeq) {
      return db.transaction(
        async (tx) => {
          const snapshots = await tx.query(
            'SELECT upto_seq, data FROM doc_snapshots WHERE draft_id = $1 AND upto_seq > $2',
            [draftId, afterSeq],
          );
          const snapshot = snapshots.rows.length === 0 ? null : SnapshotRow.parse(snapshots.rows[0]);
          const rows = await tx.queryArrays(
            'SELECT seq, data FROM doc_updates WHERE draft_id = $1 AND seq > $2 ORDER BY seq',
            [draftId, snapshot?.upto_seq ?? afterSeq],
          );
          return {
            snapshot: snapshot === null ? null : { uptoSeq: snapshot.upto_seq, data: snapshot.data },
            updates: rows.map(([seq, data]) => LoggedUpdate.parse({ seq, data })),
          };
        },
        { readOnly: true },
      );
    },
    async bindClients(draftId, clients, author) {
      await bind(db, draftId, clients, author);
    },
    async loadClientBindings(draftId): Promise<ClientBinding[]> {
      const { rows } = await db.query(
        'SELECT client_id, session_id_hash, role, delegation FROM doc_clients WHERE draft_id = $1 ORDER BY client_id',
        [draftId],
      );
      return rows.map((raw) => {
        const row = ClientRow.parse(raw);
        return { client: row.client_id, author: authorOf(row) };
      });
    },
    async loadClauseEdits(draftId, clauseId, limit) {
      const { rows } = await db.query(
        `SELECT e.seq, e.clause_id, e.kind, e.pos, e.text, a.session_id_hash, a.role, a.delegation, e.at
           FROM doc_edits e JOIN doc_authors a ON a.id = e.author_id
          WHERE e.draft_id = $1 AND e.clause_id = $2 ORDER BY e.seq DESC, e.id DESC LIMIT $3`,
        [draftId, clauseId, limit + 1],
      );
      const parsed = rows.map((raw) => EditRow.parse(raw));
      const edits: StoredClauseEdit[] = parsed
        .slice(0, limit)
        .reverse()
        .map((row) => ({
          clauseId: row.clause_id,
          kind: row.kind,
          offset: row.pos,
          text: row.text,
          author: authorOf(row),
          at: row.at.toISOString(),
          seq: row.seq,
        }));
      return { edits, more: parsed.length > limit };
    },
    async loadClauseAuthors(draftId, clauseIds, { after, upTo }): Promise<ClauseAuthor[]> {
      // Two officials of one delegation are one author: grouped by role and delegation, not row.
      const { rows } = await db.query(
        `SELECT e.clause_id, a.role, a.delegation, MIN(e.at) AS first_at
           FROM doc_edits e JOIN doc_authors a ON a.id = e.author_id
          WHERE e.draft_id = $1 AND e.clause_id = ANY($2::text[]) AND e.at > $3 AND e.at <= $4
          GROUP BY e.clause_id, a.role, a.delegation
          ORDER BY array_position($2::text[], e.clause_id), MIN(e.id)`,
        [draftId, [...clauseIds], after, upTo],
      );
      return rows.map((raw) => {
        const row = ClauseAuthorRow.parse(raw);
        return {
          clauseId: row.clause_id,
          author: { role: row.role, delegation: row.delegation },
          firstAt: row.first_at.toISOString(),
        };
      });
    },
    async compact(draftId, snapshot, uptoSeq) {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO doc_snapshots (draft_id, upto_seq, data) VALUES ($1, $2, $3)
           ON CONFLICT (draft_id) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data
           WHERE doc_snapshots.upto_seq < excluded.upto_seq`,
          [draftId, uptoSeq, bufferOf(snapshot)],
        );
        await tx.query('DELETE FROM doc_updates WHERE draft_id = $1 AND seq <= $2', [draftId, uptoSeq]);
      });
    },
  };
}
