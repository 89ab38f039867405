import * as Y from 'yjs';
import { type CollabClient, connectClient, typeIntoClause } from '../server/testing/collab-client.ts';
import { ORDER_ROOT } from '../shared/doc-layout.ts';
import type { ServerProcess } from './server-process.ts';

export interface Workload {
  clients: number;
  clauses: number;
  editsPerClient: number;
  editsPerSecond: number;
}

export interface PropagationResult {
  server: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  edits: number;
  unseenEdits: number;
  cpuSeconds: number;
  peakRssMiB: number;
  wallSeconds: number;
}

interface Edit {
  clock: number;
  startedAt: number;
  seenBy: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Every client makes `editsPerClient` small edits at `editsPerSecond` into random clauses. An
 * edit's latency runs from the moment it is made to the moment the last other client has it,
 * detected through each receiver's state vector (an edit is seen once the receiver holds the
 * sender's clock that the edit produced).
 */
export async function runPropagation(
  server: ServerProcess,
  draftId: string,
  cookies: ReadonlyArray<string | null>,
  workload: Workload,
): Promise<PropagationResult> {
  const clients: CollabClient[] = cookies.map((cookie) => connectClient(server.url, draftId, cookie));
  await Promise.all(clients.map((c) => c.synced));
  const clauseIds = clients[0]?.doc.getArray<string>(ORDER_ROOT).toArray() ?? [];
  if (clauseIds.length !== workload.clauses)
    throw new Error(`expected ${workload.clauses} clauses, got ${clauseIds.length}`);

  const editsBySender = clients.map(() => [] as Edit[]);
  const latencies: number[] = [];
  // For each receiver and sender: how many of the sender's edits the receiver has seen.
  const seenIndex = clients.map(() => clients.map(() => 0));
  const senderIndex = new Map(clients.map((client, s) => [client.doc.clientID, s]));
  clients.forEach((receiver, r) => {
    // A transaction's before and after state vectors name exactly the senders whose edits it
    // brought, so each received update costs a look at one or two clients, not fifty.
    receiver.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin !== receiver.provider) return;
      const now = performance.now();
      for (const [clientId, clock] of transaction.afterState) {
        if (transaction.beforeState.get(clientId) === clock) continue;
        const s = senderIndex.get(clientId);
        if (s === undefined || s === r) continue;
        const edits = editsBySender[s] ?? [];
        const row = seenIndex[r] ?? [];
        let index = row[s] ?? 0;
        while (index < edits.length && (edits[index]?.clock ?? Number.POSITIVE_INFINITY) <= clock) {
          const edit = edits[index] as Edit;
          edit.seenBy += 1;
          if (edit.seenBy === clients.length - 1) latencies.push(now - edit.startedAt);
          index += 1;
        }
        row[s] = index;
      }
    });
  });

  const cpuBefore = server.cpuSeconds();
  const started = performance.now();
  const intervalMs = 1000 / workload.editsPerSecond;
  await Promise.all(
    clients.map(
      (client, s) =>
        new Promise<void>((resolve) => {
          let made = 0;
          // Spread the clients' ticks over the interval so that edits do not arrive in bursts.
          setTimeout(
            () => {
              const timer = setInterval(() => {
                const clauseId = clauseIds[Math.floor(Math.random() * clauseIds.length)] ?? '';
                const startedAt = performance.now();
                typeIntoClause(client.doc, clauseId, String.fromCharCode(97 + (made % 26)));
                editsBySender[s]?.push({
                  clock: Y.getState(client.doc.store, client.doc.clientID),
                  startedAt,
                  seenBy: 0,
                });
                made += 1;
                if (made === workload.editsPerClient) {
                  clearInterval(timer);
                  resolve();
                }
              }, intervalMs);
            },
            (s / clients.length) * intervalMs,
          );
        }),
    ),
  );
  const total = workload.clients * workload.editsPerClient;
  const deadline = performance.now() + 30_000;
  while (latencies.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = server.cpuSeconds() - cpuBefore;
  for (const client of clients) client.destroy();

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    server: server.name,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    edits: total,
    unseenEdits: total - latencies.length,
    cpuSeconds,
    peakRssMiB: server.peakRssMiB(),
    wallSeconds,
  };
}
