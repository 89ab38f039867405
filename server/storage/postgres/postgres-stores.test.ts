import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, startPostgresServer } from '../../testing/postgres-server.ts';
import { describeStoreContract } from '../../testing/store-contract.ts';
import { createPostgresStores } from './postgres-stores.ts';

// One private cluster for the file, one database for each test.
let server: PostgresServer;
let url = '';

beforeAll(async () => {
  server = await startPostgresServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describeStoreContract('PostgreSQL', {
  async open() {
    url = await server.createDatabase();
    return createPostgresStores({ url });
  },
  async reopen(stores) {
    await stores.close();
    return createPostgresStores({ url });
  },
  async cleanup() {
    await server.dropDatabase(url);
  },
});
