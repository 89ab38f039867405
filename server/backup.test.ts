import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readClauseText } from '../shared/clause-text.ts';
import { clauseOrder } from '../shared/doc-layout.ts';
import { backupDatabase } from './backup.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from './testing/collab-client.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from './testing/test-server.ts';

let dirs: string[] = [];
let servers: TestServer[] = [];
let clients: CollabClient[] = [];

afterEach(async () => {
  for (const client of clients) client.destroy();
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
  servers = [];
  clients = [];
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-backup-'));
  dirs.push(dir);
  return dir;
}

describe('npm run backup', () => {
  it('copies the live store while edits go on, and the copy restores every edit made before it', async () => {
    const live = tempDir();
    const server = await startTestServer({ dataDir: live });
    servers.push(server);
    const draft = await createTestDraft(server.url);
    const writer = connectClient(server.url, draft.id, await sessionCookieFor(server.url, draft.links.chair));
    const watcher = connectClient(server.url, draft.id, await sessionCookieFor(server.url, draft.links.observer));
    clients.push(writer, watcher);
    await Promise.all([writer.synced, watcher.synced]);
    const [clauseId = ''] = clauseOrder(writer.doc);
    for (let i = 0; i < 20; i++) typeIntoClause(writer.doc, clauseId, ` ${i}`);
    const beforeBackup = readClauseText(clauseRoot(writer.doc, clauseId));
    await waitFor(() => readClauseText(clauseRoot(watcher.doc, clauseId)) === beforeBackup, 'the edits to be stored');

    const copy = join(tempDir(), 'copy.sqlite');
    // Edits go on while the copy is made.
    const typing = setInterval(() => typeIntoClause(writer.doc, clauseId, ' more'), 5);
    const { bytes } = await backupDatabase(live, copy);
    clearInterval(typing);
    expect(bytes).toBeGreaterThan(0);

    const restored = tempDir();
    copyFileSync(copy, join(restored, 'mufakat.sqlite'));
    const again = await startTestServer({ dataDir: restored });
    servers.push(again);
    const reader = connectClient(again.url, draft.id, await sessionCookieFor(again.url, draft.links.observer));
    clients.push(reader);
    await reader.synced;
    expect(readClauseText(clauseRoot(reader.doc, clauseId)).startsWith(beforeBackup)).toBe(true);
  });
});
