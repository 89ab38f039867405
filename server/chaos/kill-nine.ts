import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import type { CreateDraftRequest, CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { type ChildServer, startChildServer } from '../testing/child-server.ts';
import { type CollabClient, connectClient, typeIntoClause } from '../testing/collab-client.ts';
import { createTestDraft, sessionCookieFor } from '../testing/test-server.ts';

export interface KillNineResult {
  trials: number;
  clients: number;
  /** Edits some other client had received when the server was killed: acknowledged ones, each counted once. */
  acknowledgedEdits: number;
  /** Of those, the ones missing after any later restart (must be none). */
  lostEdits: number;
  seconds: number;
}

/**
 * Clients type at 10 edits a second each into a child server that is killed with SIGKILL at a
 * random moment, again and again on the same data directory (compacting often, so that kills land
 * in compactions too). An edit is acknowledged once another client has it, since the server
 * broadcasts only what it has committed; after each restart every acknowledged edit must be there.
 */
export async function runKillNine(options: {
  trials: number;
  clients: number;
  seed: number;
  /** Called after each trial, with its index: the runner prints progress and memory from it. */
  onTrial?: (trial: number) => void;
}): Promise<KillNineResult> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-chaos-kill-'));
  let random = options.seed;
  const next = () => {
    // A small deterministic generator: each run of the same seed kills at the same moments.
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    return random / 2 ** 31;
  };
  let child: ChildServer | null = null;
  const acknowledged = new Set<string>();
  const lost = new Set<string>();
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
      // Each client's text is read once: the draft keeps every trial's edits and grows all run.
      const typedThisTrial = new RegExp(`^t${trial}c(\\d+)e`);
      clients.forEach((client, c) => {
        for (const token of tokensOf(client.doc, ids)) {
          const typist = typedThisTrial.exec(token)?.[1];
          if (typist !== undefined && Number(typist) !== c) acknowledged.add(token);
        }
      });
      for (const client of clients) client.destroy();
      child = await startChildServer(dataDir, { MUFAKAT_COMPACT_AFTER_UPDATES: '50' });
      const reader = await connect(child, draft);
      const recovered = tokensOf(reader.doc, ids);
      reader.destroy();
      // Every edit acknowledged so far, in this trial or an earlier one, must survive this kill.
      for (const token of acknowledged) if (!recovered.has(token)) lost.add(token);
      options.onTrial?.(trial);
    }
    return {
      trials: options.trials,
      clients: options.clients,
      acknowledgedEdits: acknowledged.size,
      lostEdits: lost.size,
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

/** The edits (`t<trial>c<client>e<n>.`) in a doc's clauses. */
function tokensOf(doc: Y.Doc, ids: readonly string[]): Set<string> {
  return new Set(ids.flatMap((id) => readClauseText(clauseTextRoot(doc, id)).match(/t\d+c\d+e\d+\./g) ?? []));
}
