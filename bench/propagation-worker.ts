import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { z } from 'zod';
import { type CollabClient, connectClient, typeIntoClause } from '../server/testing/collab-client.ts';
import { ORDER_ROOT } from '../shared/doc-layout.ts';

/**
 * One share of the benchmark's clients, in its own thread so that the clients of one run use
 * both cores. It records when each of its clients made each edit and when each of its clients
 * received each other client's clock; the main thread merges those logs into latencies.
 */
const WorkerInput = z.object({
  url: z.string(),
  draftId: z.string(),
  cookies: z.array(z.string().nullable()),
  clauses: z.number(),
  editsPerClient: z.number(),
  editsPerSecond: z.number(),
  /** This worker's place among all workers, to spread the clients' ticks over the interval. */
  phase: z.number(),
});

const FromMain = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('await-clocks'), clocks: z.array(z.tuple([z.number(), z.number()])) }),
  z.object({ type: z.literal('report') }),
]);

/** Milliseconds on a clock shared by every thread of the process. */
const now = () => performance.timeOrigin + performance.now();

const input = WorkerInput.parse(workerData);
const port = parentPort;
if (port === null) throw new Error('propagation-worker must run as a worker thread');
process.setMaxListeners(0);

const clients: CollabClient[] = input.cookies.map((cookie) => connectClient(input.url, input.draftId, cookie));
await Promise.all(clients.map((client) => client.synced));
const clauseIds = clients[0]?.doc.getArray<string>(ORDER_ROOT).toArray() ?? [];
if (clauseIds.length !== input.clauses) throw new Error(`expected ${input.clauses} clauses, got ${clauseIds.length}`);

/** [sender client id, clock after the edit, time made] */
const edits: Array<[number, number, number]> = [];
/** receiver client id -> sender client id -> [clock reached, time] pairs, in arrival order. */
const arrivals = new Map<number, Map<number, Array<[number, number]>>>();
for (const receiver of clients) {
  const bySender = new Map<number, Array<[number, number]>>();
  arrivals.set(receiver.doc.clientID, bySender);
  receiver.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin !== receiver.provider) return;
    const at = now();
    for (const [clientId, clock] of transaction.afterState) {
      if (transaction.beforeState.get(clientId) === clock) continue;
      let log = bySender.get(clientId);
      if (log === undefined) {
        log = [];
        bySender.set(clientId, log);
      }
      log.push([clock, at]);
    }
  });
}

function type(): Promise<void> {
  const intervalMs = 1000 / input.editsPerSecond;
  return Promise.all(
    clients.map(
      (client, index) =>
        new Promise<void>((resolve) => {
          let made = 0;
          const offset = ((index + input.phase / 2) / clients.length) * intervalMs;
          setTimeout(() => {
            const timer = setInterval(() => {
              const clauseId = clauseIds[Math.floor(Math.random() * clauseIds.length)] ?? '';
              const madeAt = now();
              typeIntoClause(client.doc, clauseId, String.fromCharCode(97 + (made % 26)));
              edits.push([client.doc.clientID, Y.getState(client.doc.store, client.doc.clientID), madeAt]);
              made += 1;
              if (made === input.editsPerClient) {
                clearInterval(timer);
                resolve();
              }
            }, intervalMs);
          }, offset);
        }),
    ),
  ).then(() => undefined);
}

async function awaitClocks(clocks: Array<[number, number]>): Promise<void> {
  const deadline = now() + 30_000;
  const caughtUp = () =>
    clients.every((client) =>
      clocks.every(
        ([clientId, clock]) => clientId === client.doc.clientID || Y.getState(client.doc.store, clientId) >= clock,
      ),
    );
  while (!caughtUp() && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

port.on('message', (raw: unknown) => {
  const message = FromMain.parse(raw);
  if (message.type === 'start') {
    void type().then(() =>
      port.postMessage({
        type: 'typed',
        clocks: clients.map((client) => [client.doc.clientID, Y.getState(client.doc.store, client.doc.clientID)]),
      }),
    );
  } else if (message.type === 'await-clocks') {
    void awaitClocks(message.clocks).then(() => port.postMessage({ type: 'caught-up' }));
  } else {
    const log = [...arrivals].map(([receiver, bySender]) => ({ receiver, bySender: [...bySender] }));
    port.postMessage({ type: 'report', edits, arrivals: log });
    for (const client of clients) client.destroy();
    port.close();
  }
});
port.postMessage({ type: 'ready', clientIds: clients.map((client) => client.doc.clientID) });
