import type { Stores } from '../stores.ts';
import { openSqliteDatabase, type SqliteDatabaseOptions } from './sqlite-database.ts';
import { createSqliteDecisionStore } from './sqlite-decision-store.ts';
import { createSqliteDocumentStore } from './sqlite-document-store.ts';
import { createSqliteDraftStore } from './sqlite-draft-store.ts';

/** The embedded default: every store over one SQLite file in WAL mode, through better-sqlite3. */
export function createSqliteStores(options: SqliteDatabaseOptions): Stores {
  const db = openSqliteDatabase(options);
  return {
    drafts: createSqliteDraftStore(db),
    documents: createSqliteDocumentStore(db),
    decisions: createSqliteDecisionStore(db),
    async close() {
      if (db.open) db.close();
    },
  };
}
