import * as Y from 'yjs';
import { z } from 'zod';
import { EditAuthor } from '../../../shared/schemas/attribution.ts';
import {
  type ClauseAuthor,
  type ClientBinding,
  type DocumentStore,
  SERVER_AUTHOR,
  type StoredAuthor,
  type StoredClauseEdit,
  type StoredDocument,
  type UpdateAttribution,
  type UpdatesAfter,
} from '../document-store.ts';
import { authorKeyOf, createAttributionRows } from './sqlite-attribution-rows.ts';
import { guarded, type SqliteDatabase } from './sqlite-database.ts';

const SnapshotRow = z.object({ upto_seq: z.number(), data: z.instanceof(Buffer) });
const LoggedUpdate = z.object({ seq: z.number().int(), data: z.instanceof(Buffer) });
const AuthorColumns = z.object({
  session_id_hash: z.string().nullable(),
  role: EditAuthor.shape.role,
  delegation: z.string().nullable(),
});
const ClientRow = AuthorColumns.extend({ client_id: z.number().int() });
const ClauseAuthorRow = AuthorColumns.omit({ session_id_hash: true }).extend({ first_ms: z.number().int() });
const EditRow = AuthorColumns.extend({
  seq: z.number().int(),
  clause_id: z.string(),
  kind: z.enum(['insert', 'delete']),
  pos: z.number().int(),
  text: z.string(),
  at_ms: z.number().int(),
});

function authorOf(row: z.infer<typeof AuthorColumns>): StoredAuthor {
  return { sessionIdHash: row.session_id_hash, role: row.role, delegation: row.delegation };
}

/** The update log and snapshots in the embedded database. */
export function createSqliteDocumentStore(database: SqliteDatabase): DocumentStore {
  const { db } = database;
  const selectSnapshot = db.prepare('SELECT upto_seq, data FROM doc_snapshots WHERE draft_id = ?');
  // The log is read as bare blobs: with 10,000 rows, parsing each row object costs more than
  // applying the updates. Each blob is still checked to be bytes.
  const selectUpdateDataAfter = db
    .prepare('SELECT data FROM doc_updates WHERE draft_id = ? AND seq > ? ORDER BY seq')
    .pluck();
  const selectUpdatesAfter = db.prepare(
    'SELECT seq, data FROM doc_updates WHERE draft_id = ? AND seq > ? ORDER BY seq',
  );
  const selectSnapshotAfter = db.prepare(
    'SELECT upto_seq, data FROM doc_snapshots WHERE draft_id = ? AND upto_seq > ?',
  );
  const loadAfterTx = db.transaction((draftId: string, afterSeq: number): UpdatesAfter => {
    const row = selectSnapshotAfter.get(draftId, afterSeq);
    const snapshot = row === undefined ? null : SnapshotRow.parse(row);
    const updates = selectUpdatesAfter
      .all(draftId, snapshot?.upto_seq ?? afterSeq)
      .map((raw) => LoggedUpdate.parse(raw));
    return { snapshot: snapshot === null ? null : { uptoSeq: snapshot.upto_seq, data: snapshot.data }, updates };
  });
  const selectLastSeq = db.prepare('SELECT MAX(seq) FROM doc_updates WHERE draft_id = ?').pluck();
  const insertUpdate = db.prepare('INSERT INTO doc_updates (draft_id, data) VALUES (?, ?)');
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (draft_id, upto_seq, data) VALUES (?, ?, ?)
     ON CONFLICT(draft_id) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data
     WHERE doc_snapshots.upto_seq < excluded.upto_seq`,
  );
  const insertSnapshot = db.prepare('INSERT INTO doc_snapshots (draft_id, upto_seq, data) VALUES (?, 0, ?)');
  const deleteUpdatesUpTo = db.prepare('DELETE FROM doc_updates WHERE draft_id = ? AND seq <= ?');
  const attributionRows = createAttributionRows(db);
  const insertClientIfFree = db.prepare(
    `INSERT INTO doc_clients (draft_id, client_id, session_id_hash, role, delegation, first_seq)
     VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT(draft_id, client_id) DO NOTHING`,
  );
  const selectClients = db.prepare(
    'SELECT client_id, session_id_hash, role, delegation FROM doc_clients WHERE draft_id = ? ORDER BY client_id',
  );
  const selectEdits = db.prepare(
    `SELECT e.seq, e.clause_id, e.kind, e.pos, e.text, a.session_id_hash, a.role, a.delegation, e.at_ms
     FROM doc_edits e JOIN doc_authors a ON a.id = e.author_id
     WHERE e.draft_id = ? AND e.clause_id = ? ORDER BY e.id DESC LIMIT ?`,
  );

  // Grouped in SQLite from the clause index alone (doc_edits_by_clause_author holds each edit's
  // author and time), by author id first and only then joined to the few authors: returning
  // every edit of 200 clauses took seconds at 100,000 updates.
  const selectClauseAuthors = db.prepare(
    `SELECT a.role, a.delegation, MIN(g.first_ms) AS first_ms, MIN(g.first_id) AS first_id
     FROM (
       SELECT author_id, MIN(at_ms) AS first_ms, MIN(id) AS first_id FROM doc_edits
       WHERE draft_id = ? AND clause_id = ? AND at_ms > ? AND at_ms <= ? GROUP BY author_id
     ) g JOIN doc_authors a ON a.id = g.author_id
     GROUP BY a.role, a.delegation ORDER BY first_id`,
  );
  const loadClauseAuthorsTx = db.transaction(
    (draftId: string, clauseIds: readonly string[], afterMs: number, upToMs: number): ClauseAuthor[] =>
      clauseIds.flatMap((clauseId) =>
        selectClauseAuthors.all(draftId, clauseId, afterMs, upToMs).map((raw) => {
          const row = ClauseAuthorRow.parse(raw);
          return {
            clauseId,
            author: { role: row.role, delegation: row.delegation },
            firstAt: new Date(row.first_ms).toISOString(),
          };
        }),
      ),
  );

  const loadTx = db.transaction((draftId: string): StoredDocument => {
    const snapshotRow = selectSnapshot.get(draftId);
    const snapshot = snapshotRow === undefined ? null : SnapshotRow.parse(snapshotRow);
    const after = snapshot?.upto_seq ?? 0;
    const updates = selectUpdateDataAfter.all(draftId, after);
    for (const data of updates) {
      if (!(data instanceof Uint8Array)) throw new Error(`A stored update of draft ${draftId} is not binary.`);
    }
    const lastSeq = z.number().nullable().parse(selectLastSeq.get(draftId));
    return {
      snapshot: snapshot?.data ?? null,
      updates: updates as Uint8Array[],
      lastSeq: Math.max(lastSeq ?? 0, after),
    };
  });
  const insertAll = (
    draftId: string,
    updates: readonly Uint8Array[],
    attribution: readonly UpdateAttribution[] | undefined,
  ): number => {
    let last = 0;
    updates.forEach((update, index) => {
      const info = insertUpdate.run(draftId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      last = Number(info.lastInsertRowid);
      const attributed = attribution?.[index];
      if (attributed !== undefined) attributionRows.insert(draftId, last, attributed, authorIdOf);
    });
    return last;
  };
  /**
   * Author rows by draft and author key, as committed. A row is made at the author's first edit
   * and never changes or goes, so after that an update's author costs a map lookup instead of an
   * upsert and a select in the group commit. Rows made by a transaction are remembered only once
   * it commits (`committing`): a rolled-back row's id may be given to another author.
   */
  const authorIds = new Map<string, number>();
  const madeInTransaction = new Map<string, number>();
  const authorIdOf = (draftId: string, author: StoredAuthor): number => {
    const key = authorKeyOf(author);
    const cacheKey = `${draftId}\n${key}`;
    const known = authorIds.get(cacheKey) ?? madeInTransaction.get(cacheKey);
    if (known !== undefined) return known;
    const id = attributionRows.lookUpAuthorId(draftId, author);
    madeInTransaction.set(cacheKey, id);
    return id;
  };
  /** `db.transaction(fn)`, keeping the author rows it made once it has committed. */
  const committing = <Args extends unknown[], Result>(fn: (...args: Args) => Result) => {
    const transaction = db.transaction(fn);
    return (...args: Args): Result => {
      try {
        const result = transaction(...args);
        for (const [key, id] of madeInTransaction) authorIds.set(key, id);
        return result;
      } finally {
        madeInTransaction.clear();
      }
    };
  };
  const bindTx = db.transaction((draftId: string, clients: readonly number[], author: StoredAuthor) => {
    for (const client of clients) {
      insertClientIfFree.run(draftId, client, author.sessionIdHash, author.role, author.delegation);
    }
  });
  const createTx = db.transaction((draftId: string, initialState: Uint8Array) => {
    insertSnapshot.run(draftId, Buffer.from(initialState));
    const { to } = Y.parseUpdateMeta(initialState);
    bindTx(draftId, [...to.keys()], SERVER_AUTHOR);
  });
  const appendUpdatesTx = committing(insertAll);
  const commit = new GroupCommit(
    committing((appends: readonly PendingAppend[]) =>
      appends.map((a) => insertAll(a.draftId, a.updates, a.attribution)),
    ),
    (append) => appendUpdatesTx(append.draftId, append.updates, append.attribution),
    // Checked again at the commit itself: the file may have gone since the append was asked.
    () => database.assertIntact(),
  );
  const compactTx = db.transaction((draftId: string, snapshot: Uint8Array, uptoSeq: number) => {
    upsertSnapshot.run(draftId, uptoSeq, Buffer.from(snapshot));
    deleteUpdatesUpTo.run(draftId, uptoSeq);
  });

  const store: Omit<DocumentStore, 'appendUpdates'> = guarded(database, {
    async createDocument(draftId, initialState) {
      // Refused if the draft has a document already: creating one never replaces one.
      createTx(draftId, initialState);
    },
    async loadDocument(draftId) {
      return loadTx(draftId);
    },
    async loadUpdatesAfter(draftId, afterSeq) {
      return loadAfterTx(draftId, afterSeq);
    },
    async bindClients(draftId, clients, author) {
      bindTx(draftId, clients, author);
    },
    async loadClientBindings(draftId): Promise<ClientBinding[]> {
      return selectClients.all(draftId).map((raw) => {
        const row = ClientRow.parse(raw);
        return { client: row.client_id, author: authorOf(row) };
      });
    },
    async loadClauseEdits(draftId, clauseId, limit) {
      const rows = selectEdits.all(draftId, clauseId, limit + 1).map((raw) => EditRow.parse(raw));
      const edits: StoredClauseEdit[] = rows
        .slice(0, limit)
        .reverse()
        .map((row) => ({
          clauseId: row.clause_id,
          kind: row.kind,
          offset: row.pos,
          text: row.text,
          author: authorOf(row),
          at: new Date(row.at_ms).toISOString(),
          seq: row.seq,
        }));
      return { edits, more: rows.length > limit };
    },
    async loadClauseAuthors(draftId, clauseIds, { after, upTo }) {
      return loadClauseAuthorsTx(draftId, clauseIds, Date.parse(after), Date.parse(upTo));
    },
    async compact(draftId, snapshot, uptoSeq) {
      compactTx(draftId, snapshot, uptoSeq);
    },
  });
  return {
    ...store,
    // Not wrapped in `guarded`: the group commit checks the file once for all the appends it
    // commits, right before committing (one stat per commit, not one per room per turn).
    appendUpdates(draftId, updates, attribution) {
      return commit.append({ draftId, updates, attribution });
    },
  };
}

interface PendingAppend {
  draftId: string;
  updates: readonly Uint8Array[];
  attribution: readonly UpdateAttribution[] | undefined;
}

/**
 * One commit for every room's updates of one turn of the event loop. Each room flushes its own
 * batch once a turn (`Room.scheduleFlush`); with a hundred active drafts that would be a hundred
 * transactions, each a sync to disk under `synchronous=FULL`, and better-sqlite3 blocks the loop
 * through each. The appends asked for while the loop runs its immediates are collected and
 * committed together at the next turn, before any of them resolves, so nothing is broadcast
 * before it is durable. If the whole batch fails, each append is retried alone, so one draft's
 * failure does not fail the others.
 */
class GroupCommit {
  private waiting: Array<{ append: PendingAppend; resolve: (seq: number) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly commitAll: (appends: readonly PendingAppend[]) => number[],
    private readonly commitOne: (append: PendingAppend) => number,
    private readonly assertIntact: () => void,
  ) {}

  append(append: PendingAppend): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.commit());
    });
  }

  private commit(): void {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    try {
      this.assertIntact();
    } catch (error: unknown) {
      for (const { reject } of batch) reject(error);
      return;
    }
    let seqs: number[] | null = null;
    try {
      seqs = this.commitAll(batch.map(({ append }) => append));
    } catch {
      // Rolled back as a whole: find which append fails by committing each alone.
    }
    batch.forEach(({ append, resolve, reject }, index) => {
      if (seqs !== null) {
        resolve(seqs[index] ?? 0);
        return;
      }
      try {
        resolve(this.commitOne(append));
      } catch (error: unknown) {
        reject(error);
      }
    });
  }
}
