import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import { type CollabClient, connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import {
  createTestDraft,
  sessionCookieFor,
  startTestServer,
  type TestServer,
  TWO_DELEGATION_DRAFT,
} from '../testing/test-server.ts';

export interface StorageChaosResult {
  fault: 'disk full' | 'unwritable log';
  /** The fault could be injected on this machine (making a file immutable needs chattr). */
  injected: boolean;
  /** Edits another client had seen: acknowledged. */
  acknowledgedEdits: number;
  /** Acknowledged edits missing after a restart without the fault (must be none). */
  lostEdits: number;
  /** The writer was told, by a closed socket, that its edits were not stored. */
  writerToldOfFailure: boolean;
}

/**
 * A store that stops taking writes while clients type: the disk fills up (the database capped
 * to a few pages, SQLite failing as on a full disk) or the write-ahead log becomes unwritable.
 * Nothing that was not stored may have been acknowledged, and the writer must learn of it.
 */
export async function runStorageChaos(fault: StorageChaosResult['fault']): Promise<StorageChaosResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-chaos-storage-'));
  const clients: CollabClient[] = [];
  let server: TestServer | null = null;
  let immutable: string | null = null;
  try {
    server = await startTestServer(fault === 'disk full' ? { dataDir, maxDatabaseMb: 1 } : { dataDir });
    // Many clauses, so that the store fills before any clause reaches its 20,000 characters.
    const clauses = Array.from({ length: 100 }, (_, i) => ({ kind: 'operative' as const, text: `Clause ${i};` }));
    const draft = await createTestDraft(server.url, { ...TWO_DELEGATION_DRAFT, clauses });
    const connect = async (link: string) => {
      const client = connectClient(
        (server as TestServer).url,
        draft.id,
        await sessionCookieFor((server as TestServer).url, link),
      );
      clients.push(client);
      await client.synced;
      return client;
    };
    const writer = await connect(draft.links.chair);
    const watcher = await connect(draft.links.observer);
    const ids = clauseOrder(writer.doc);
    const [clauseId = ''] = ids;
    let injected = true;
    if (fault === 'unwritable log') {
      typeIntoClause(writer.doc, clauseId, ' before.');
      await waitFor(() => readClauseText(clauseTextRoot(watcher.doc, clauseId)).includes('before.'), 'a first edit');
      immutable = join(dataDir, 'mufakat.sqlite-wal');
      try {
        execFileSync('chattr', ['+i', immutable], { stdio: 'ignore' });
      } catch {
        immutable = null;
        injected = false;
      }
    }
    // Big edits, so that a one-megabyte database fills within a second or two.
    const chunk = 'x'.repeat(1500);
    let typed = 0;
    const typing = setInterval(() => {
      if (typed >= 600) return;
      typeIntoClause(writer.doc, ids[typed % ids.length] ?? '', ` e${typed}.${chunk}`);
      typed += 1;
    }, 5);
    const told = await waitFor(() => writer.closeCodes.includes(1011), 'the writer to be told', 20_000).then(
      () => true,
      () => false,
    );
    clearInterval(typing);
    const tokens = (client: CollabClient) =>
      new Set(ids.flatMap((id) => readClauseText(clauseTextRoot(client.doc, id)).match(/e\d+\./g) ?? []));
    const seen = tokens(watcher);
    for (const client of clients.splice(0)) client.destroy();
    await server.stop({ keepData: true });
    server = null;
    if (immutable !== null) execFileSync('chattr', ['-i', immutable], { stdio: 'ignore' });
    immutable = null;

    server = await startTestServer({ dataDir });
    const reader = await connect(draft.links.secretariat);
    const recovered = tokens(reader);
    return {
      fault,
      injected,
      acknowledgedEdits: seen.size,
      lostEdits: [...seen].filter((token) => !recovered.has(token)).length,
      writerToldOfFailure: told || !injected,
    };
  } finally {
    for (const client of clients) client.destroy();
    if (immutable !== null) execFileSync('chattr', ['-i', immutable], { stdio: 'ignore' });
    if (server !== null) await server.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
