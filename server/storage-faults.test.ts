import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readClauseText } from '../shared/clause-text.ts';
import { clauseOrder } from '../shared/doc-layout.ts';
import { ServerConfig } from './config.ts';
import { startServer } from './start-server.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from './testing/collab-client.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from './testing/test-server.ts';

let dirs: string[] = [];
let servers: TestServer[] = [];
let clients: CollabClient[] = [];

afterEach(async () => {
  for (const client of clients) client.destroy();
  for (const server of servers) await server.stop().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
  servers = [];
  clients = [];
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-faults-'));
  dirs.push(dir);
  return dir;
}

const config = (dir: string) =>
  ServerConfig.parse({ port: 0, host: '127.0.0.1', dataDir: dir, seedDemo: false, clientDir: '', logLevel: 'silent' });

/** A data directory holding a store with one draft in it, the server stopped. */
async function storeWithADraft(): Promise<string> {
  const dir = dataDir();
  const server = await startTestServer({ dataDir: dir });
  await createTestDraft(server.url);
  await server.stop({ keepData: true });
  return dir;
}

describe('a store that cannot be trusted', () => {
  it('is refused at start when its file is damaged, with a message naming the file', async () => {
    const dir = await storeWithADraft();
    const file = join(dir, 'mufakat.sqlite');
    // Overwrite every page but the header with noise, as a failing disk would.
    const noise = Buffer.alloc(statSync(file).size - 4096, 0x5a);
    const fd = openSync(file, 'r+');
    writeSync(fd, noise, 0, noise.length, 4096);
    closeSync(fd);
    await expect(startServer(config(dir))).rejects.toThrow(new RegExp(`${file}.*damaged`));
  });

  it('is refused at start when a file SQLite must write cannot be written, instead of dying of SIGBUS', async () => {
    const dir = await storeWithADraft();
    // A -shm that cannot be opened for writing, whatever the user (root included).
    mkdirSync(join(dir, 'mufakat.sqlite-shm'));
    await expect(startServer(config(dir))).rejects.toThrow(/mufakat\.sqlite-shm cannot be written/);
  });

  it('acknowledges nothing once its file is deleted while the server runs, and says so in the health check', async () => {
    const dir = dataDir();
    const server = await startTestServer({ dataDir: dir });
    servers.push(server);
    const draft = await createTestDraft(server.url);
    const writer = connectClient(server.url, draft.id, await sessionCookieFor(server.url, draft.links.chair));
    const watcher = connectClient(server.url, draft.id, await sessionCookieFor(server.url, draft.links.observer));
    clients.push(writer, watcher);
    await Promise.all([writer.synced, watcher.synced]);
    const [clauseId = ''] = clauseOrder(writer.doc);
    typeIntoClause(writer.doc, clauseId, ' stored');
    await waitFor(() => readClauseText(clauseRoot(watcher.doc, clauseId)).endsWith('stored'), 'the first edit');

    for (const name of ['mufakat.sqlite', 'mufakat.sqlite-wal', 'mufakat.sqlite-shm'])
      rmSync(join(dir, name), { force: true });
    typeIntoClause(writer.doc, clauseId, ' LOST');
    await waitFor(() => writer.closeCodes.includes(1011), 'the writer to be told nothing was stored');
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(JSON.stringify(await health.json())).toContain('was deleted while the server was running');
    // Nothing unstored was broadcast.
    expect(readClauseText(clauseRoot(watcher.doc, clauseId))).not.toContain('LOST');
  });
});
