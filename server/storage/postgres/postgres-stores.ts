import type { Stores } from '../stores.ts';
import { createPostgresCommentStore } from './postgres-comment-store.ts';
import { openPostgresDatabase, type PostgresDatabaseOptions } from './postgres-database.ts';
import { createPostgresDecisionStore } from './postgres-decision-store.ts';
import { createPostgresDocumentStore } from './postgres-document-store.ts';
import { createPostgresDraftStore } from './postgres-draft-store.ts';

/**
 * Every store in one PostgreSQL database (MUFAKAT_DATABASE_URL), through a pool of node-postgres
 * connections; the schema is migrated before the stores are answered.
 */
export async function createPostgresStores(options: PostgresDatabaseOptions): Promise<Stores> {
  const db = await openPostgresDatabase(options);
  let closed = false;
  return {
    drafts: createPostgresDraftStore(db),
    documents: createPostgresDocumentStore(db),
    decisions: createPostgresDecisionStore(db),
    comments: createPostgresCommentStore(db),
    problem: () => db.fault,
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
