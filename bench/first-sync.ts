import * as Y from 'yjs';
import { connectClient, typeIntoClause, waitFor } from '../server/testing/collab-client.ts';
import { createTestDraft, sessionCookieFor } from '../server/testing/test-server.ts';
import { ORDER_ROOT } from '../shared/doc-layout.ts';
import { startMufakat } from './server-process.ts';

export interface FirstSyncResult {
  clauses: number;
  loggedUpdates: number;
  coldMs: number[];
  warmMs: number[];
}

/**
 * A draft of `clauses` clauses whose log holds `updates` single-edit updates (compaction is held
 * off), then the time from opening the socket to the first full sync: cold (the room is loaded
 * from SQLite for this connection) and warm (the room is already in memory).
 */
export async function runFirstSync(clauses: number, updates: number, runs: number): Promise<FirstSyncResult> {
  const server = await startMufakat({
    MUFAKAT_COMPACT_AFTER_UPDATES: String(updates * 10),
    MUFAKAT_MESSAGES_PER_SECOND: String(updates * 10),
    MUFAKAT_MESSAGE_BURST: String(updates * 10),
    MUFAKAT_IDLE_UNLOAD_MS: '50',
  });
  try {
    const draft = await createTestDraft(server.url, {
      title: 'First-sync benchmark',
      kind: 'chairs-report',
      delegations: ['MYS', 'PHL'],
      clauses: Array.from({ length: clauses }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraph ${i + 1}.` })),
    });
    const cookie = await sessionCookieFor(server.url, draft.links.secretariat);
    const writer = connectClient(server.url, draft.id, cookie);
    await writer.synced;
    const ids = writer.doc.getArray<string>(ORDER_ROOT).toArray();
    for (let i = 0; i < updates; i++) typeIntoClause(writer.doc, ids[i % ids.length] ?? '', 'x');
    // The server holds every update once a fresh client receives the writer's last clock.
    const checker = connectClient(server.url, draft.id, cookie);
    const writerClock = Y.getState(writer.doc.store, writer.doc.clientID);
    await waitFor(
      () => Y.getState(checker.doc.store, writer.doc.clientID) === writerClock,
      'the server to hold every update',
      120_000,
    );
    writer.destroy();
    checker.destroy();

    const timeSync = async () => {
      const started = performance.now();
      const client = connectClient(server.url, draft.id, cookie);
      await client.synced;
      const elapsed = performance.now() - started;
      return { client, elapsed };
    };
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Wait for the idle room to unload, so that the next connection loads it from SQLite.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const cold = await timeSync();
      coldMs.push(cold.elapsed);
      const warm = await timeSync();
      warmMs.push(warm.elapsed);
      cold.client.destroy();
      warm.client.destroy();
    }
    return { clauses, loggedUpdates: updates, coldMs, warmMs };
  } finally {
    await server.stop();
  }
}
