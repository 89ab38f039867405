import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import type { CreateDraftRequest, CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { type ChildServer, startChildServer } from '../testing/child-server.ts';
import { type CollabClient, connectClient, typeIntoClause } from '../testing/collab-client.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

export interface KillNineResult {
  trials: number;
  clients: number;
  /** Edits some other client had received when the server was killed: acknowledged ones. */
  acknowledgedEdits: number;
  /** Of those, the ones missing after the restart (must be none). */
  lostEdits: number;
  seconds: number;
}

/**
 * Clients type at 10 edits a second each into a child server that is killed with SIGKILL at a
 * random moment, again and again on the same data directory (compacting often, so that kills land
 * in compactions too). An edit is acknowledged once another client has it, since the server
 * broadcasts only what it has committed; after each restart every acknowledged edit must be there.
 */
export async function runKillNine(options: { trials: number; clients: number; seed: number }): Promise<KillNineResult> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-chaos-kill-'));
  let random = options.seed;
  const next = () => {
    // A small deterministic generator: each run of the same seed kills at the same moments.
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    return random / 2 ** 31;
  };
  let child: ChildServer | null = null;
  let acknowledged = 0;
  let lost = 0;
  try {
    child = await startChildServer(dataDir, { MUFAKAT_COMPACT_AFTER_UPDATES: '50' });
    const clauses = Array.from({ length: 10 }, (_, i) => ({ kind: 'operative' as const, text: `Clause ${i};` }));
    const request: CreateDraftRequest = { title: 'Chaos', kind: 'joint-statement', delegations: ['MYS'], clauses };
    const draft = await createTestDraft(child.url, request);
    for (let trial = 0; trial < options.trials; trial++) {
      const clients = await Promise.all(
        Array.from({ length: options.clients }, () => connect(child as ChildServer, draft)),
      );
      const [first] = clients;
      if (first === undefined) throw new Error('a trial needs at least one client');
      const ids = clauseOrder(first.doc);
      const typing = clients.map((client, c) =>
        setInterval(() => {
          typeIntoClause(client.doc, ids[c % ids.length] ?? '', ` t${trial}c${c}e${Math.floor(next() * 1e9)}.`);
        }, 100),
      );
      await new Promise((resolve) => setTimeout(resolve, 300 + next() * 900));
      child.process.kill('SIGKILL');
      await child.exited;
      for (const timer of typing) clearInterval(timer);
      // What each client had from the others when the server died: everything acknowledged.
      const seen = new Set<string>();
      for (const client of clients) {
        for (const id of ids)
          for (const token of tokensIn(readClauseText(clauseTextRoot(client.doc, id)))) seen.add(token);
      }
      const typedBy = (token: string, c: number) => token.includes(`c${c}e`);
      const acknowledgedNow = [...seen].filter((token) =>
        clients.some((client, c) => !typedBy(token, c) && hasToken(client, ids, token)),
      );
      for (const client of clients) client.destroy();
      child = await startChildServer(dataDir, { MUFAKAT_COMPACT_AFTER_UPDATES: '50' });
      const reader = await connect(child, draft);
      const recovered = new Set(ids.flatMap((id) => tokensIn(readClauseText(clauseTextRoot(reader.doc, id)))));
      reader.destroy();
      acknowledged += acknowledgedNow.length;
      lost += acknowledgedNow.filter((token) => !recovered.has(token)).length;
    }
    return {
      trials: options.trials,
      clients: options.clients,
      acknowledgedEdits: acknowledged,
      lostEdits: lost,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (child !== null && child.process.exitCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function connect(child: ChildServer, draft: CreateDraftResponse): Promise<CollabClient> {
  const client = connectClient(child.url, draft.id, await sessionCookieFor(child.url, draft.links.secretariat));
  await client.synced;
  return client;
}

function tokensIn(text: string): string[] {
  return text.match(/t\d+c\d+e\d+\./g) ?? [];
}

function hasToken(client: CollabClient, ids: readonly string[], token: string): boolean {
  return ids.some((id) => readClauseText(clauseTextRoot(client.doc, id)).includes(token));
}
