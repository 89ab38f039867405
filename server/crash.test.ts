import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readClauseText } from '../shared/clause-text.ts';
import { ORDER_ROOT } from '../shared/doc-layout.ts';
import { CloseCode } from '../shared/protocol.ts';
import { type ChildServer, startChildServer } from './testing/child-server.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from './testing/collab-client.ts';
import { createTestDraft, sessionCookieFor } from './testing/test-server.ts';

let dataDir: string;
let child: ChildServer | null;
let clients: CollabClient[];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mufakat-crash-'));
  child = null;
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  if (child !== null && child.process.exitCode === null) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function connect(url: string, draftId: string, link: string): Promise<CollabClient> {
  const client = connectClient(url, draftId, await sessionCookieFor(url, link));
  clients.push(client);
  await client.synced;
  return client;
}

function firstClauseText(client: CollabClient): string {
  const id = client.doc.getArray<string>(ORDER_ROOT).get(0);
  return readClauseText(clauseRoot(client.doc, id));
}

describe('durability of a server process', () => {
  it('loses no update that any client has seen when the server is killed with SIGKILL', async () => {
    // Compact often, so that the kill can also land in the middle of a compaction.
    child = await startChildServer(dataDir, { MUFAKAT_COMPACT_AFTER_UPDATES: '15' });
    const draft = await createTestDraft(child.url);
    const writer = await connect(child.url, draft.id, draft.links.chair);
    const watcher = await connect(child.url, draft.id, draft.links.observer);
    const clauseId = writer.doc.getArray<string>(ORDER_ROOT).get(0);

    let typed = 0;
    const typing = setInterval(() => {
      typeIntoClause(writer.doc, clauseId, ` e${typed}`);
      typed += 1;
    }, 2);
    await waitFor(() => firstClauseText(watcher).includes(' e60 '), 'the watcher to see sixty edits');
    child.process.kill('SIGKILL');
    await child.exited;
    clearInterval(typing);
    const seen = firstClauseText(watcher);
    // The clients must not resend their copies: only what the server stored may come back.
    for (const client of clients.splice(0)) client.destroy();

    child = await startChildServer(dataDir);
    const reader = await connect(child.url, draft.id, draft.links.secretariat);
    const recovered = firstClauseText(reader);
    expect(recovered.startsWith(seen)).toBe(true);
    expect(recovered.length).toBeGreaterThanOrEqual(seen.length);
  });

  it('drains and exits cleanly on SIGTERM, closing sockets with 1001 and keeping every edit', async () => {
    child = await startChildServer(dataDir);
    const draft = await createTestDraft(child.url);
    const writer = await connect(child.url, draft.id, draft.links.chair);
    const watcher = await connect(child.url, draft.id, draft.links.observer);
    const clauseId = writer.doc.getArray<string>(ORDER_ROOT).get(0);
    for (let i = 0; i < 30; i++) typeIntoClause(writer.doc, clauseId, ` t${i}`);
    const expected = firstClauseText(writer);
    await waitFor(() => firstClauseText(watcher) === expected, 'the watcher to see every edit');

    child.process.kill('SIGTERM');
    const { code } = await child.exited;
    expect(code).toBe(0);
    await waitFor(() => watcher.closeCodes.includes(CloseCode.goingAway), 'close 1001');
    for (const client of clients.splice(0)) client.destroy();

    child = await startChildServer(dataDir);
    const reader = await connect(child.url, draft.id, draft.links.secretariat);
    expect(firstClauseText(reader)).toBe(expected);
  });
});
