import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readClauseText } from '../shared/clause-text.ts';
import { clauseOrder } from '../shared/doc-layout.ts';
import { CloseCode } from '../shared/protocol.ts';
import { configFromEnv } from './config.ts';
import { type ChildServer, startChildServer } from './testing/child-server.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from './testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from './testing/commands.ts';
import { type PostgresServer, startPostgresServer } from './testing/postgres-server.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from './testing/test-server.ts';

// One private cluster for the file; each test its own database in it.
let postgres: PostgresServer;
let dataDir: string;
let child: ChildServer | null = null;
let server: TestServer | null = null;
const clients: CollabClient[] = [];

beforeAll(async () => {
  postgres = await startPostgresServer();
  // The server still wants a data directory; on PostgreSQL it writes nothing there.
  dataDir = mkdtempSync(join(tmpdir(), 'mufakat-pg-server-'));
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  if (child !== null && child.process.exitCode === null) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
  child = null;
  await server?.stop({ keepData: true });
  server = null;
  // A test that stopped PostgreSQL and failed before starting it again leaves it for the next.
  await postgres.resume().catch(() => undefined);
});

async function connect(url: string, draftId: string, link: string): Promise<CollabClient> {
  const client = connectClient(url, draftId, await sessionCookieFor(url, link));
  clients.push(client);
  await client.synced;
  return client;
}

function firstClauseText(client: CollabClient): string {
  const [clauseId = ''] = clauseOrder(client.doc);
  return readClauseText(clauseRoot(client.doc, clauseId));
}

describe('the server on PostgreSQL (MUFAKAT_DATABASE_URL)', () => {
  it('refuses to start, saying why, when PostgreSQL cannot be reached', async () => {
    const url = await postgres.createDatabase();
    await postgres.halt();
    await expect(startTestServer({ dataDir, databaseUrl: url })).rejects.toThrow(
      /could not open its PostgreSQL database: PostgreSQL at 127\.0\.0\.1:\d+\/mufakat_test_\d+ cannot be reached/,
    );
  });

  it('refuses MUFAKAT_MAX_DATABASE_MB with PostgreSQL, which would not cap anything', () => {
    expect(() =>
      configFromEnv({ MUFAKAT_DATABASE_URL: 'postgres://localhost/mufakat', MUFAKAT_MAX_DATABASE_MB: '100' }),
    ).toThrow(/MUFAKAT_MAX_DATABASE_MB caps the SQLite file/);
  });

  it('keeps a client’s edit and a delegation’s position across a restart of the server', async () => {
    const env = { MUFAKAT_DATABASE_URL: await postgres.createDatabase() };
    child = await startChildServer(dataDir, env);
    const draft = await createTestDraft(child.url);
    const writer = await connect(child.url, draft.id, draft.links.chair);
    const watcher = await connect(child.url, draft.id, draft.links.observer);
    const [clauseId = ''] = clauseOrder(writer.doc);
    typeIntoClause(writer.doc, clauseId, ' kept in PostgreSQL');
    await waitFor(() => firstClauseText(watcher).endsWith('kept in PostgreSQL'), 'the watcher to see the edit');
    const mys = await sessionCookieFor(child.url, draft.links.delegations.MYS ?? '');
    const before = await fetchState(child.url, draft.id, mys);
    const textHash = before.clauses.find((c) => c.id === clauseId)?.textHash;
    const endorsed = await sendCommand(child.url, draft.id, mys, {
      type: 'position',
      clauseId,
      stance: 'endorsed',
      textHash,
    });
    expect(endorsed.status).toBe(200);

    child.process.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    for (const client of clients.splice(0)) client.destroy();
    child = await startChildServer(dataDir, env);

    const reader = await connect(child.url, draft.id, draft.links.secretariat);
    expect(firstClauseText(reader)).toBe(firstClauseText(writer));
    const after = await fetchState(child.url, draft.id, await sessionCookieFor(child.url, draft.links.chair));
    const clause = after.clauses.find((c) => c.id === clauseId);
    expect(clause?.textHash).toBe(textHash);
    expect(clause?.positions).toEqual([expect.objectContaining({ delegation: 'MYS', stance: 'endorsed', textHash })]);
  });

  it('acknowledges nothing while PostgreSQL is down, answers 503, and carries on once it is back', async () => {
    server = await startTestServer({ dataDir, databaseUrl: await postgres.createDatabase() });
    const { url } = server;
    const draft = await createTestDraft(url);
    const writer = await connect(url, draft.id, draft.links.chair);
    const watcher = await connect(url, draft.id, draft.links.observer);
    const [clauseId = ''] = clauseOrder(writer.doc);
    typeIntoClause(writer.doc, clauseId, ' stored');
    await waitFor(() => firstClauseText(watcher).endsWith('stored'), 'the first edit');
    const chair = await sessionCookieFor(url, draft.links.chair);

    await postgres.halt();
    typeIntoClause(writer.doc, clauseId, ' unacknowledged');
    // The room's append failed: it closes its sockets, and the client keeps its edit to resend.
    await waitFor(
      () => writer.closeCodes.includes(CloseCode.internalError),
      'the writer to be told nothing was stored',
    );
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(503);
    expect(JSON.stringify(await health.json())).toContain('cannot be reached');
    const state = await fetch(`${url}/api/drafts/${draft.id}/state`, { headers: { cookie: chair } });
    expect(state.status).toBe(503);
    const refused = await sendCommand(url, draft.id, chair, { type: 'adopt', place: 'Kuala Lumpur' });
    expect([refused.status, errorCode(refused.body)]).toEqual([503, 'storage_unavailable']);
    expect(firstClauseText(watcher)).not.toContain('unacknowledged');

    await postgres.resume();
    await waitFor(async () => (await fetch(`${url}/api/health`)).status === 200, 'the health check to recover', 20_000);
    // Both clients reconnect by themselves; the writer's edit is stored now and reaches the watcher.
    await waitFor(() => firstClauseText(watcher).endsWith('stored unacknowledged'), 'the resent edit', 20_000);
    typeIntoClause(writer.doc, clauseId, ' again');
    await waitFor(() => firstClauseText(watcher).endsWith('unacknowledged again'), 'a new edit', 20_000);
  });

  it('loses no edit that any client saw when PostgreSQL crashes mid-typing', async () => {
    const databaseUrl = await postgres.createDatabase();
    server = await startTestServer({ dataDir, databaseUrl });
    const draft = await createTestDraft(server.url);
    const writer = await connect(server.url, draft.id, draft.links.chair);
    const watcher = await connect(server.url, draft.id, draft.links.observer);
    const [clauseId = ''] = clauseOrder(writer.doc);
    let typed = 0;
    const typing = setInterval(() => {
      typeIntoClause(writer.doc, clauseId, ` e${typed}`);
      typed += 1;
    }, 3);
    try {
      await waitFor(() => firstClauseText(watcher).includes(' e40 '), 'the watcher to see forty edits', 20_000);
      // Immediate shutdown: every PostgreSQL process aborts mid-commit, as in a crash.
      await postgres.crash();
    } finally {
      clearInterval(typing);
    }
    const seen = firstClauseText(watcher);
    // The clients must not resend their copies: only what PostgreSQL kept may come back.
    for (const client of clients.splice(0)) client.destroy();
    await postgres.resume();
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, databaseUrl });
    const reader = await connect(server.url, draft.id, draft.links.secretariat);
    const recovered = firstClauseText(reader);
    expect(recovered.startsWith(seen)).toBe(true);
    expect(seen).toContain(' e40 ');
  });
});
