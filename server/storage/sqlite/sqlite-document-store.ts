import { z } from 'zod';
import type { DocumentStore, StoredDocument } from '../document-store.ts';
import { guarded, type SqliteDatabase } from './sqlite-database.ts';

const SnapshotRow = z.object({ upto_seq: z.number(), data: z.instanceof(Buffer) });

/** The update log and snapshots in the embedded database. */
export function createSqliteDocumentStore(database: SqliteDatabase): DocumentStore {
  const { db } = database;
  const selectSnapshot = db.prepare('SELECT upto_seq, data FROM doc_snapshots WHERE draft_id = ?');
  // The log is read as bare blobs: with 10,000 rows, parsing each row object costs more than
  // applying the updates. Each blob is still checked to be bytes.
  const selectUpdateDataAfter = db
    .prepare('SELECT data FROM doc_updates WHERE draft_id = ? AND seq > ? ORDER BY seq')
    .pluck();
  const selectLastSeq = db.prepare('SELECT MAX(seq) FROM doc_updates WHERE draft_id = ?').pluck();
  const insertUpdate = db.prepare('INSERT INTO doc_updates (draft_id, data) VALUES (?, ?)');
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (draft_id, upto_seq, data) VALUES (?, ?, ?)
     ON CONFLICT(draft_id) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data`,
  );
  const insertSnapshot = db.prepare('INSERT INTO doc_snapshots (draft_id, upto_seq, data) VALUES (?, 0, ?)');
  const deleteUpdatesUpTo = db.prepare('DELETE FROM doc_updates WHERE draft_id = ? AND seq <= ?');

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
  const insertAll = (draftId: string, updates: readonly Uint8Array[]): number => {
    let last = 0;
    for (const update of updates) {
      const info = insertUpdate.run(draftId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      last = Number(info.lastInsertRowid);
    }
    return last;
  };
  const appendUpdatesTx = db.transaction(insertAll);
  const commit = new GroupCommit(
    db.transaction((appends: readonly PendingAppend[]) => appends.map((a) => insertAll(a.draftId, a.updates))),
    (append) => appendUpdatesTx(append.draftId, append.updates),
    // Checked again at the commit itself: the file may have gone since the append was asked.
    () => database.assertIntact(),
  );
  const compactTx = db.transaction((draftId: string, snapshot: Uint8Array, uptoSeq: number) => {
    upsertSnapshot.run(draftId, uptoSeq, Buffer.from(snapshot));
    deleteUpdatesUpTo.run(draftId, uptoSeq);
  });

  return guarded(database, {
    async createDocument(draftId, initialState) {
      // Refused if the draft has a document already: creating one never replaces one.
      insertSnapshot.run(draftId, Buffer.from(initialState));
    },
    async loadDocument(draftId) {
      return loadTx(draftId);
    },
    appendUpdates(draftId, updates) {
      return commit.append({ draftId, updates });
    },
    async compact(draftId, snapshot, uptoSeq) {
      compactTx(draftId, snapshot, uptoSeq);
    },
  });
}

interface PendingAppend {
  draftId: string;
  updates: readonly Uint8Array[];
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
