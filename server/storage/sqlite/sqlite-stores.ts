import type { Stores } from '../stores.ts';
import { createSqliteCommentStore } from './sqlite-comment-store.ts';
import { openSqliteDatabase, type SqliteDatabaseOptions } from './sqlite-database.ts';
import { createSqliteDecisionStore } from './sqlite-decision-store.ts';
import { createSqliteDocumentStore } from './sqlite-document-store.ts';
import { createSqliteDraftStore } from './sqlite-draft-store.ts';

/** The embedded default: every store over one SQLite file in WAL mode, through better-sqlite3. */
export function createSqliteStores(options: SqliteDatabaseOptions): Stores {
  const database = openSqliteDatabase(options);
  const { db } = database;
  return {
    drafts: createSqliteDraftStore(database),
    documents: createSqliteDocumentStore(database),
    decisions: createSqliteDecisionStore(database),
    comments: createSqliteCommentStore(database),
    problem: () => {
      try {
        database.assertIntact();
        return null;
      } catch (error: unknown) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
