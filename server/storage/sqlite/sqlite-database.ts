import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { StorageFault } from '../storage-fault.ts';

/**
 * The schema of the embedded store, one database file for every aggregate (drafts, documents,
 * decisions), as numbered migrations. A database is brought up to the newest on opening, each
 * migration in its own transaction; a database newer than this code is refused.
 */
const MIGRATIONS: readonly string[] = [
  // 1: drafts and access, the document log, decisions and the audit log.
  `
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
  CREATE TABLE IF NOT EXISTS doc_snapshots (
    draft_id TEXT PRIMARY KEY REFERENCES drafts(id),
    upto_seq INTEGER NOT NULL,
    data BLOB NOT NULL
  );
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
  `,
  // 2: each draft numbers its decisions 1, 2, 3, … so that a client can tell it missed one.
  // The table's own seq counts every draft's entries together. The append-only trigger is lifted
  // for the one back-fill of existing entries, in this migration's transaction.
  `
  ALTER TABLE audit_log ADD COLUMN draft_seq INTEGER;
  DROP TRIGGER audit_log_no_update;
  UPDATE audit_log SET draft_seq = (
    SELECT COUNT(*) FROM audit_log AS earlier
     WHERE earlier.draft_id = audit_log.draft_id AND earlier.seq <= audit_log.seq
  );
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE UNIQUE INDEX audit_log_by_draft_seq ON audit_log(draft_id, draft_seq);
  `,
  // 3: links expire, and the chair can replace one (its sessions end with it).
  `
  ALTER TABLE links ADD COLUMN expires_at TEXT;
  ALTER TABLE links ADD COLUMN revoked_at TEXT;
  CREATE INDEX links_by_draft ON links(draft_id, role, delegation);
  `,
  // 4: a position records the clause's number it was taken at ("paragraph 5"; NULL for a clause
  // named, not numbered). Positions recorded before have none: \`numbered\` tells them apart.
  `
  ALTER TABLE positions ADD COLUMN number TEXT;
  ALTER TABLE positions ADD COLUMN numbered INTEGER NOT NULL DEFAULT 0;
  `,
  // 5: the silence procedure. Silences, one row each,
  // their record as JSON; a row leaves \`running\` once, by an update conditioned on \`running\`.
  // The Chairman's Statement, written once like an adoption.
  `
  CREATE TABLE IF NOT EXISTS silences (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    state TEXT NOT NULL,
    deadline TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (draft_id, id)
  );
  CREATE UNIQUE INDEX IF NOT EXISTS silences_one_running ON silences(draft_id) WHERE state = 'running';
  CREATE INDEX IF NOT EXISTS silences_running ON silences(state, deadline);
  CREATE TRIGGER IF NOT EXISTS silences_end_once BEFORE UPDATE ON silences
    WHEN OLD.state <> 'running'
    BEGIN SELECT RAISE(ABORT, 'a silence that ended never changes'); END;
  CREATE TRIGGER IF NOT EXISTS silences_no_delete BEFORE DELETE ON silences
    BEGIN SELECT RAISE(ABORT, 'a silence is never deleted'); END;
  CREATE TABLE IF NOT EXISTS chair_statements (
    draft_id TEXT PRIMARY KEY REFERENCES drafts(id),
    record TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS chair_statements_no_update BEFORE UPDATE ON chair_statements
    BEGIN SELECT RAISE(ABORT, 'a chairman''s statement is immutable'); END;
  CREATE TRIGGER IF NOT EXISTS chair_statements_no_delete BEFORE DELETE ON chair_statements
    BEGIN SELECT RAISE(ABORT, 'a chairman''s statement is immutable'); END;
  `,
  // 6: ad referendum and kinds of reservation: an endorsement agreed ad referendum
  // and the date its confirmation is expected by (NULL: none named); a reservation's kind. Rows
  // written before read as a plain endorsement and a reservation of no recorded kind (substantive).
  `
  ALTER TABLE positions ADD COLUMN ad_referendum INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE positions ADD COLUMN ad_referendum_expected_by TEXT;
  ALTER TABLE positions ADD COLUMN reservation_kind TEXT;
  `,
  // 7: brackets: brackets on clauses, anchored by
  // Yjs relative positions (base64), never in the text. A lifted bracket keeps its row: the history
  // of who contested what.
  `
  CREATE TABLE IF NOT EXISTS brackets (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    clause_id TEXT NOT NULL,
    bracket_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT,
    holders TEXT NOT NULL,
    start_anchor TEXT,
    end_anchor TEXT,
    quote TEXT NOT NULL,
    placed_at TEXT NOT NULL,
    lifted_at TEXT,
    lifted_by TEXT,
    PRIMARY KEY (draft_id, clause_id, bracket_id)
  );
  `,
  // 8: alternatives: alternative formulations of a clause
  // ("Alt 1") with their sponsors and state, and the delegations' positions on each.
  `
  CREATE TABLE IF NOT EXISTS alternatives (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    clause_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    proposed_by TEXT NOT NULL,
    sponsors TEXT NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (draft_id, clause_id, n)
  );
  CREATE TABLE IF NOT EXISTS alternative_positions (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    clause_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    delegation TEXT NOT NULL,
    stance TEXT NOT NULL,
    reason TEXT,
    text_hash TEXT NOT NULL,
    at TEXT NOT NULL,
    number TEXT,
    numbered INTEGER NOT NULL,
    PRIMARY KEY (draft_id, clause_id, n, delegation)
  );
  `,
  // 9 (attribution, issue 14): each Yjs client id of a draft is bound to the session that first
  // sent it (NULL session: the server), written with that update; and each update's clause edits
  // (what it inserted and deleted where, by whom), kept apart from the log so that compaction,
  // which folds the log away, removes none. An edit names its author by a row of doc_authors
  // (one per session, and one for the server): a keystroke's row is then some 100 bytes, not 200.
  `
  CREATE TABLE IF NOT EXISTS doc_clients (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    client_id INTEGER NOT NULL,
    session_id_hash TEXT,
    role TEXT NOT NULL,
    delegation TEXT,
    first_seq INTEGER,
    PRIMARY KEY (draft_id, client_id)
  );
  CREATE TABLE IF NOT EXISTS doc_authors (
    id INTEGER PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    author_key TEXT NOT NULL,
    session_id_hash TEXT,
    role TEXT NOT NULL,
    delegation TEXT,
    UNIQUE (draft_id, author_key)
  );
  CREATE TABLE IF NOT EXISTS doc_edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    seq INTEGER NOT NULL,
    clause_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES doc_authors(id),
    at_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS doc_edits_by_clause ON doc_edits(draft_id, clause_id, id);
  `,
  // 10: comments (issue 14): each draft's comment log, append-only,
  // numbered 1, 2, 3, … per draft; a thread's state is folded from it, so it is the audit too.
  `
  CREATE TABLE IF NOT EXISTS comment_log (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor_session TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_delegation TEXT,
    command TEXT NOT NULL,
    thread_id TEXT,
    clause_id TEXT,
    visibility TEXT,
    owner TEXT,
    span TEXT,
    comment_id TEXT,
    text TEXT,
    mentions TEXT NOT NULL,
    PRIMARY KEY (draft_id, seq)
  );
  CREATE TRIGGER IF NOT EXISTS comment_log_no_update BEFORE UPDATE ON comment_log
    BEGIN SELECT RAISE(ABORT, 'the comment log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS comment_log_no_delete BEFORE DELETE ON comment_log
    BEGIN SELECT RAISE(ABORT, 'the comment log is append-only'); END;
  `,
  // 11: versions (issue 14, device "versions"): each a label and every clause's words, runs and
  // hash at that point, numbered 1, 2, 3, … per draft, written with the decision that made it.
  // The texts are stored, not a place in the update log, so compaction never touches them.
  `
  CREATE TABLE IF NOT EXISTS versions (
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    n INTEGER NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_session TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_delegation TEXT,
    audit_seq INTEGER NOT NULL,
    clauses TEXT NOT NULL,
    PRIMARY KEY (draft_id, n)
  );
  CREATE TRIGGER IF NOT EXISTS versions_no_update BEFORE UPDATE ON versions
    BEGIN SELECT RAISE(ABORT, 'a version never changes'); END;
  CREATE TRIGGER IF NOT EXISTS versions_no_delete BEFORE DELETE ON versions
    BEGIN SELECT RAISE(ABORT, 'a version never changes'); END;
  `,
  // 12: a compare names who edited each changed clause between two times. With the author and
  // the time in the clause index, that is read from the index alone, without a lookup of each
  // edit's row (at 100,000 edits, 280 ms a compare instead of 65). The index still serves a
  // clause's history (newest edits first) and replaces the one it extends.
  `
  CREATE INDEX IF NOT EXISTS doc_edits_by_clause_author ON doc_edits(draft_id, clause_id, id, author_id, at_ms);
  DROP INDEX IF EXISTS doc_edits_by_clause;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteDatabaseOptions {
  /** Path of the database file, or ':memory:' for tests that need no durability. */
  file: string;
  /**
   * `FULL` (the default) syncs the WAL at every commit and survives power loss; `NORMAL`
   * survives a crash of the process (kill -9) but may lose the last commits on power loss.
   */
  synchronous?: SqliteSynchronous;
  /**
   * The most the database file may hold; beyond it every write fails as on a full disk (and the
   * server acknowledges nothing it could not store). Unset: as much as the disk holds.
   */
  maxBytes?: number;
}

/**
 * The embedded database, open, and what guards it against its file going away underneath: a
 * file deleted or replaced while the server runs would take every later commit with it, though
 * SQLite would report each one as done.
 */
export interface SqliteDatabase {
  db: Database.Database;
  /**
   * Throws `StorageFault` if the file the server opened is no longer the one at its path (deleted,
   * replaced) or was found so before. Called before every write: nothing is acknowledged then.
   */
  assertIntact(): void;
  /** Why the store stopped, or null while it works. */
  readonly fault: string | null;
}

export { StorageFault };

/**
 * Opens (or creates) the database file in WAL mode and brings its schema up to date, after
 * checking that it can: the directory and files are writable (an unwritable `-shm` would kill the
 * process with SIGBUS at its first write, with nothing logged) and the file is not damaged
 * (`PRAGMA quick_check`). Each refusal is an error that names the file and what to do.
 */
export function openSqliteDatabase(options: SqliteDatabaseOptions): SqliteDatabase {
  const { file } = options;
  if (file === ':memory:') {
    const db = configure(new Database(file), options);
    migrate(db);
    return { db, assertIntact: () => {}, fault: null };
  }
  mkdirSync(dirname(file), { recursive: true });
  assertWritable(file);
  let db: Database.Database;
  try {
    db = configure(new Database(file), options);
  } catch (error: unknown) {
    throw damaged(file, error instanceof Error ? error.message : String(error));
  }
  const check = z.array(z.string()).parse(db.prepare('PRAGMA quick_check').pluck().all());
  if (check.length !== 1 || check[0] !== 'ok') {
    db.close();
    throw damaged(file, check.slice(0, 3).join('; '));
  }
  migrate(db);
  const opened = statSync(file);
  let fault: string | null = null;
  return {
    db,
    get fault() {
      return fault;
    },
    assertIntact() {
      if (fault === null) {
        const now = statSync(file, { throwIfNoEntry: false });
        if (now === undefined || now.ino !== opened.ino || now.dev !== opened.dev) {
          fault = `The database file ${file} was ${now === undefined ? 'deleted' : 'replaced'} while the server was running. Nothing is stored any more: stop the server, restore the file from a backup (npm run backup makes one), then start it again.`;
        }
      }
      if (fault !== null) throw new StorageFault(fault);
    },
  };
}

function configure(db: Database.Database, options: SqliteDatabaseOptions): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (options.maxBytes !== undefined) {
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
  }
  return db;
}

/** Refuses to start on files SQLite could not write: the database, its `-wal` and `-shm`, their directory. */
function assertWritable(file: string): void {
  for (const path of [dirname(file), file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    const isDirectory = path === dirname(file);
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
      // Permission bits do not bind root; opening for writing shows an immutable or read-only file too.
      if (!isDirectory) closeSync(openSync(path, 'r+'));
    } catch (error: unknown) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(
        `The database ${isDirectory ? 'directory' : 'file'} ${path} cannot be written (${why}). Make it writable by the user running Mufakat (or set MUFAKAT_DATA_DIR to a writable directory), then start again.`,
      );
    }
  }
}

function damaged(file: string, why: string): Error {
  return new Error(
    `The database file ${file} is damaged (${why}). Mufakat will not start on it: restore it from a backup (npm run backup makes one), or move it aside to start with an empty store.`,
  );
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const current = row === undefined ? 0 : Number(z.object({ value: z.string() }).parse(row).value);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The database was written by a newer Mufakat (schema ${current}, this one knows ${SCHEMA_VERSION}). Upgrade Mufakat.`,
    );
  }
  const setVersion = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)");
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      setVersion.run(String(version));
    })();
  });
}

/**
 * A store whose every method first asserts that the database is intact: once its file is found
 * deleted or replaced, every read and write fails, and nothing more is acknowledged.
 */
export function guarded<T extends object>(database: SqliteDatabase, store: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    wrapped[name] =
      typeof method === 'function'
        ? (...args: unknown[]) => {
            database.assertIntact();
            return (method as (...a: unknown[]) => unknown).apply(store, args);
          }
        : method;
  }
  return wrapped as T;
}
