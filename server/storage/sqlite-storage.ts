import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { Role } from '../../shared/roles.ts';
import { ConsensusRule, DraftKind } from '../../shared/schemas/draft.ts';
import type {
  AuditEntry,
  AuditEntryInput,
  DecisionEffect,
  DraftDecisions,
  DraftRecord,
  LinkRecord,
  SessionRecord,
  SessionWithLink,
  Storage,
  StoredDocument,
} from './storage.ts';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  delegations TEXT NOT NULL,
  consensus TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
  id TEXT PRIMARY KEY,
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  role TEXT NOT NULL,
  delegation TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  link_id TEXT NOT NULL REFERENCES links(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_draft ON doc_updates(draft_id, seq);
CREATE TABLE IF NOT EXISTS positions (
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  clause_id TEXT NOT NULL,
  delegation TEXT NOT NULL,
  stance TEXT NOT NULL,
  reason TEXT,
  text_hash TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (draft_id, clause_id, delegation)
);
CREATE TABLE IF NOT EXISTS clause_texts (
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  text_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (draft_id, text_hash)
);
CREATE TABLE IF NOT EXISTS frozen_clauses (
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  clause_id TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  frozen_by TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (draft_id, clause_id)
);
CREATE TABLE IF NOT EXISTS adoptions (
  draft_id TEXT PRIMARY KEY REFERENCES drafts(id),
  record TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  at TEXT NOT NULL,
  actor_session TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor_delegation TEXT,
  command TEXT NOT NULL,
  clause_id TEXT,
  text_hash TEXT,
  details TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_by_draft ON audit_log(draft_id, seq);
-- The audit log and adoption records are immutable: the database itself refuses to change them.
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS adoptions_no_update BEFORE UPDATE ON adoptions
  BEGIN SELECT RAISE(ABORT, 'an adoption record is immutable'); END;
CREATE TRIGGER IF NOT EXISTS adoptions_no_delete BEFORE DELETE ON adoptions
  BEGIN SELECT RAISE(ABORT, 'an adoption record is immutable'); END;
CREATE TABLE IF NOT EXISTS doc_snapshots (
  draft_id TEXT PRIMARY KEY REFERENCES drafts(id),
  upto_seq INTEGER NOT NULL,
  data BLOB NOT NULL
);
`;

/** Rows are parsed like any other input: a corrupted or hand-edited row fails loudly here. */
const DraftRow = z.object({
  id: z.string(),
  title: z.string(),
  kind: DraftKind,
  delegations: z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s))),
  consensus: z.string().transform((s) => ConsensusRule.parse(JSON.parse(s))),
  created_at: z.string(),
});
const LinkRow = z.object({
  id: z.string(),
  draft_id: z.string(),
  role: Role,
  delegation: z.string().nullable(),
  token_hash: z.string(),
  created_at: z.string(),
});
const SessionLinkRow = LinkRow.extend({
  session_id_hash: z.string(),
  session_created_at: z.string(),
  session_expires_at: z.string(),
});
const SnapshotRow = z.object({ upto_seq: z.number(), data: z.instanceof(Buffer) });
const PositionRow = z.object({
  clause_id: z.string(),
  delegation: z.string(),
  stance: z.enum(['endorsed', 'reserved']),
  reason: z.string().nullable(),
  text_hash: z.string(),
  at: z.string(),
});
const FrozenRow = z.object({ clause_id: z.string(), text_hash: z.string(), frozen_by: z.string(), at: z.string() });
const AdoptionRow = z.object({ record: z.string(), text_hash: z.string(), at: z.string() });
const AuditRow = z.object({
  seq: z.number(),
  at: z.string(),
  actor_session: z.string(),
  actor_role: z.string(),
  actor_delegation: z.string().nullable(),
  command: z.string(),
  clause_id: z.string().nullable(),
  text_hash: z.string().nullable(),
  details: z.string().transform((s) => z.record(z.string(), z.unknown()).parse(JSON.parse(s))),
});

export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteStorageOptions {
  /** Path of the database file, or ':memory:' for tests that need no durability. */
  file: string;
  /**
   * `FULL` (the default) syncs the WAL at every commit and survives power loss; `NORMAL`
   * survives a crash of the process (kill -9) but may lose the last commits on power loss.
   */
  synchronous?: SqliteSynchronous;
}

/** The embedded default store: one SQLite file in WAL mode through better-sqlite3. */
export function createSqliteStorage(options: SqliteStorageOptions): Storage {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrate(db);

  const insertDraft = db.prepare(
    'INSERT INTO drafts (id, title, kind, delegations, consensus, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectDraft = db.prepare('SELECT * FROM drafts WHERE id = ?');
  const insertLink = db.prepare(
    'INSERT INTO links (id, draft_id, role, delegation, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectLinkByHash = db.prepare('SELECT * FROM links WHERE token_hash = ?');
  const insertSession = db.prepare(
    'INSERT INTO sessions (id_hash, link_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const selectSession = db.prepare(
    `SELECT links.*, sessions.id_hash AS session_id_hash, sessions.created_at AS session_created_at,
            sessions.expires_at AS session_expires_at
       FROM sessions JOIN links ON links.id = sessions.link_id
      WHERE sessions.id_hash = ? AND sessions.expires_at > ?`,
  );
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
  const deleteUpdatesUpTo = db.prepare('DELETE FROM doc_updates WHERE draft_id = ? AND seq <= ?');
  const selectPositions = db.prepare('SELECT * FROM positions WHERE draft_id = ?');
  const selectFrozen = db.prepare('SELECT * FROM frozen_clauses WHERE draft_id = ?');
  const selectAdoption = db.prepare('SELECT record, text_hash, at FROM adoptions WHERE draft_id = ?');
  const selectAudit = db.prepare('SELECT * FROM audit_log WHERE draft_id = ? ORDER BY seq');
  const upsertPosition = db.prepare(
    `INSERT INTO positions (draft_id, clause_id, delegation, stance, reason, text_hash, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(draft_id, clause_id, delegation) DO UPDATE SET
       stance = excluded.stance, reason = excluded.reason, text_hash = excluded.text_hash, at = excluded.at`,
  );
  const insertClauseText = db.prepare(
    'INSERT OR IGNORE INTO clause_texts (draft_id, text_hash, text) VALUES (?, ?, ?)',
  );
  const selectClauseText = db.prepare('SELECT text FROM clause_texts WHERE draft_id = ? AND text_hash = ?').pluck();
  const deletePosition = db.prepare('DELETE FROM positions WHERE draft_id = ? AND clause_id = ? AND delegation = ?');
  const insertFrozen = db.prepare(
    'INSERT INTO frozen_clauses (draft_id, clause_id, text_hash, frozen_by, at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteFrozen = db.prepare('DELETE FROM frozen_clauses WHERE draft_id = ? AND clause_id = ?');
  const insertAdoption = db.prepare('INSERT INTO adoptions (draft_id, record, text_hash, at) VALUES (?, ?, ?, ?)');
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (draft_id, at, actor_session, actor_role, actor_delegation, command, clause_id, text_hash, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const upsertMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  const insertLinks = (links: LinkRecord[]) => {
    for (const link of links) {
      insertLink.run(link.id, link.draftId, link.role, link.delegation, link.tokenHash, link.createdAt);
    }
  };
  const createDraftTx = db.transaction((draft: DraftRecord, links: LinkRecord[], initialState: Uint8Array) => {
    insertDraft.run(
      draft.id,
      draft.title,
      draft.kind,
      JSON.stringify(draft.delegations),
      JSON.stringify(draft.consensus),
      draft.createdAt,
    );
    insertLinks(links);
    upsertSnapshot.run(draft.id, 0, Buffer.from(initialState));
  });
  const addLinksTx = db.transaction(insertLinks);
  const recordDecisionTx = db.transaction((draftId: string, effect: DecisionEffect, audit: AuditEntryInput): number => {
    switch (effect.kind) {
      case 'set-position': {
        const p = effect.position;
        upsertPosition.run(draftId, p.clauseId, p.delegation, p.stance, p.reason, p.textHash, p.at);
        insertClauseText.run(draftId, p.textHash, effect.text);
        break;
      }
      case 'withdraw-position':
        deletePosition.run(draftId, effect.clauseId, effect.delegation);
        break;
      case 'freeze': {
        const f = effect.frozen;
        insertFrozen.run(draftId, f.clauseId, f.textHash, f.frozenBy, f.at);
        insertClauseText.run(draftId, f.textHash, effect.text);
        break;
      }
      case 'reopen':
        deleteFrozen.run(draftId, effect.clauseId);
        break;
      case 'adopt':
        insertAdoption.run(draftId, effect.adoption.record, effect.adoption.textHash, effect.adoption.at);
        break;
    }
    const info = insertAudit.run(
      draftId,
      audit.at,
      audit.actor.session,
      audit.actor.role,
      audit.actor.delegation,
      audit.command,
      audit.clauseId,
      audit.textHash,
      JSON.stringify(audit.details),
    );
    return Number(info.lastInsertRowid);
  });
  const appendUpdatesTx = db.transaction((draftId: string, updates: readonly Uint8Array[]): number => {
    let last = 0;
    for (const update of updates) {
      const info = insertUpdate.run(draftId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      last = Number(info.lastInsertRowid);
    }
    return last;
  });
  const compactTx = db.transaction((draftId: string, snapshot: Uint8Array, uptoSeq: number) => {
    upsertSnapshot.run(draftId, uptoSeq, Buffer.from(snapshot));
    deleteUpdatesUpTo.run(draftId, uptoSeq);
  });

  return {
    async createDraft(draft, links, initialState) {
      createDraftTx(draft, links, initialState);
    },
    async getDraft(draftId) {
      const row = selectDraft.get(draftId);
      if (row === undefined) return null;
      const d = DraftRow.parse(row);
      return {
        id: d.id,
        title: d.title,
        kind: d.kind,
        delegations: d.delegations,
        consensus: d.consensus,
        createdAt: d.created_at,
      };
    },
    async addLinks(links) {
      addLinksTx(links);
    },
    async findLinkByTokenHash(tokenHash) {
      const row = selectLinkByHash.get(tokenHash);
      return row === undefined ? null : toLink(LinkRow.parse(row));
    },
    async createSession(session: SessionRecord) {
      insertSession.run(session.idHash, session.linkId, session.createdAt, session.expiresAt);
    },
    async findSession(sessionIdHash, now): Promise<SessionWithLink | null> {
      const row = selectSession.get(sessionIdHash, now.toISOString());
      if (row === undefined) return null;
      const r = SessionLinkRow.parse(row);
      return {
        session: {
          idHash: r.session_id_hash,
          linkId: r.id,
          createdAt: r.session_created_at,
          expiresAt: r.session_expires_at,
        },
        link: toLink(r),
      };
    },
    async loadDocument(draftId): Promise<StoredDocument> {
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
    },
    async appendUpdates(draftId, updates) {
      return appendUpdatesTx(draftId, updates);
    },
    async compact(draftId, snapshot, uptoSeq) {
      compactTx(draftId, snapshot, uptoSeq);
    },
    async loadDecisions(draftId): Promise<DraftDecisions> {
      const positions = selectPositions.all(draftId).map((row) => PositionRow.parse(row));
      const frozen = selectFrozen.all(draftId).map((row) => FrozenRow.parse(row));
      const adoptionRow = selectAdoption.get(draftId);
      const adoption = adoptionRow === undefined ? null : AdoptionRow.parse(adoptionRow);
      return {
        positions: positions.map((p) => ({
          clauseId: p.clause_id,
          delegation: p.delegation,
          stance: p.stance,
          reason: p.reason,
          textHash: p.text_hash,
          at: p.at,
        })),
        frozen: frozen.map((f) => ({ clauseId: f.clause_id, textHash: f.text_hash, frozenBy: f.frozen_by, at: f.at })),
        adoption: adoption === null ? null : { record: adoption.record, textHash: adoption.text_hash, at: adoption.at },
      };
    },
    async getClauseText(draftId, textHash) {
      return z
        .string()
        .nullable()
        .parse(selectClauseText.get(draftId, textHash) ?? null);
    },
    async recordDecision(draftId, effect, audit): Promise<AuditEntry> {
      return { ...audit, seq: recordDecisionTx(draftId, effect, audit) };
    },
    async listAudit(draftId): Promise<AuditEntry[]> {
      return selectAudit.all(draftId).map((row) => {
        const r = AuditRow.parse(row);
        return {
          seq: r.seq,
          at: r.at,
          actor: { session: r.actor_session, role: r.actor_role, delegation: r.actor_delegation },
          command: r.command,
          clauseId: r.clause_id,
          textHash: r.text_hash,
          details: r.details,
        };
      });
    },
    async getMeta(key) {
      const row = selectMeta.get(key);
      return row === undefined ? null : z.object({ value: z.string() }).parse(row).value;
    },
    async setMeta(key, value) {
      upsertMeta.run(key, value);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function toLink(row: z.infer<typeof LinkRow>): LinkRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    role: row.role,
    delegation: row.delegation,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
  };
}

function migrate(db: Database.Database): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const current = row === undefined ? 0 : Number(z.object({ value: z.string() }).parse(row).value);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The database was written by a newer Mufakat (schema ${current}, this one knows ${SCHEMA_VERSION}). Upgrade Mufakat.`,
    );
  }
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
}
