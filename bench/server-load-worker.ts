import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { z } from 'zod';
import { clauseTextRoot, ORDER_ROOT } from '../shared/doc-layout.ts';
import { type LeanClient, now, openLeanClient, openProviderClient, type ProviderClient } from './wire.ts';

/**
 * One share of a server-load workload's clients, in its own thread (two of them use both cores).
 * Observers connect through the server's own provider, apply everything and note when each
 * other client's clock reached them; writers send their edits and decode nothing after their
 * first sync; joiners only note when their sync answer arrived. Every client of an editing
 * workload edits, observers included. The main thread merges the logs into latencies.
 */
const Address = z.object({
  kind: z.enum(['mufakat', 'stock', 'hocuspocus']),
  url: z.string(),
  room: z.string(),
  cookie: z.string().nullable(),
});
const Plan = z.object({
  clients: z.array(
    z.object({ address: Address, roomIndex: z.number(), role: z.enum(['observer', 'writer', 'joiner']) }),
  ),
  editIntervalMs: z.number(),
  warmupMs: z.number(),
  durationMs: z.number(),
});

const FromMain = z.discriminatedUnion('type', [
  Plan.extend({ type: z.literal('plan') }),
  z.object({ type: z.literal('connect'), role: z.enum(['observer', 'writer']) }),
  z.object({ type: z.literal('edit') }),
  z.object({ type: z.literal('await-clocks'), clocks: z.array(z.tuple([z.number(), z.number(), z.number()])) }),
  z.object({ type: z.literal('join') }),
  z.object({ type: z.literal('report') }),
]);

/** What this thread's clients are; sent once the server is up, while the thread started beside it. */
let input: z.infer<typeof Plan> = { clients: [], editIntervalMs: 1000, warmupMs: 0, durationMs: 0 };
const port = parentPort;
if (port === null) throw new Error('server-load-worker must run as a worker thread');
process.setMaxListeners(0);

interface Editor {
  roomIndex: number;
  /** The server (instance) the client is connected to. */
  url: string;
  doc: Y.Doc;
  /** Each clause's paragraph, found once: the writer's own copy never changes shape. */
  paragraphs: Y.XmlText[];
}
const observers: Array<{ roomIndex: number; client: ProviderClient }> = [];
const writers: Array<{ roomIndex: number; client: LeanClient }> = [];
const editors: Editor[] = [];
const joinerTimes: number[] = [];

/** [room, sender client id, clock after the edit, time made] */
const edits: Array<[number, number, number, number]> = [];
/** Per observer: its room, its client id, and sender id -> [clock reached, time], in arrival order. */
const arrivals: Array<{ roomIndex: number; receiver: number; bySender: Map<number, Array<[number, number]>> }> = [];

const lag = monitorEventLoopDelay({ resolution: 10 });
const lagFigures = () => ({ p99Ms: lag.percentile(99) / 1e6, maxMs: lag.max / 1e6 });

function paragraphsOf(doc: Y.Doc): Y.XmlText[] {
  return doc
    .getArray<string>(ORDER_ROOT)
    .toArray()
    .map((clauseId) => {
      const first = (clauseTextRoot(doc, clauseId).toDelta() as Array<{ insert: unknown }>)[0]?.insert;
      if (!(first instanceof Y.XmlText)) throw new Error(`clause ${clauseId} has no paragraph`);
      return first;
    });
}

async function connect(role: 'observer' | 'writer'): Promise<number> {
  const mine = input.clients.filter((client) => client.role === role);
  await Promise.all(
    mine.map(async ({ address, roomIndex }) => {
      if (role === 'observer') {
        const client = openProviderClient(address);
        await client.synced;
        observers.push({ roomIndex, client });
        const bySender = new Map<number, Array<[number, number]>>();
        arrivals.push({ roomIndex, receiver: client.doc.clientID, bySender });
        client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
          if (transaction.local) return;
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
        editors.push({ roomIndex, url: address.url, doc: client.doc, paragraphs: paragraphsOf(client.doc) });
      } else {
        const client = openLeanClient(address, true);
        await client.synced;
        writers.push({ roomIndex, client });
        client.doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== 'server') client.send(update);
        });
        editors.push({ roomIndex, url: address.url, doc: client.doc, paragraphs: paragraphsOf(client.doc) });
      }
    }),
  );
  return mine.length;
}

/**
 * Every client edits once per interval, from a random moment in the first, through the warm-up
 * and the duration; the lag is measured after the warm-up, as the latencies are.
 */
function edit(): Promise<void> {
  lag.enable();
  setTimeout(() => lag.reset(), input.warmupMs);
  const started = now();
  return Promise.all(
    editors.map(
      (editor, index) =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            const timer = setInterval(() => {
              if (now() - started >= input.warmupMs + input.durationMs) {
                clearInterval(timer);
                resolve();
                return;
              }
              const paragraph = editor.paragraphs[Math.floor(Math.random() * editor.paragraphs.length)];
              if (paragraph === undefined) return;
              const madeAt = now();
              paragraph.insert(paragraph.length, String.fromCharCode(97 + (index % 26)));
              edits.push([
                editor.roomIndex,
                editor.doc.clientID,
                Y.getState(editor.doc.store, editor.doc.clientID),
                madeAt,
              ]);
            }, input.editIntervalMs);
          }, Math.random() * input.editIntervalMs);
        }),
    ),
  ).then(() => undefined);
}

async function awaitClocks(clocks: Array<[number, number, number]>): Promise<void> {
  const deadline = now() + 30_000;
  const caughtUp = () =>
    observers.every(({ roomIndex, client }) =>
      clocks.every(
        ([room, clientId, clock]) =>
          room !== roomIndex || clientId === client.doc.clientID || Y.getState(client.doc.store, clientId) >= clock,
      ),
    );
  while (!caughtUp() && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** How long a joiner may wait for its sync answer before it counts as never synced. */
const JOIN_TIMEOUT_MS = 60_000;

/** All joiners open their sockets at once; each notes the time from opening to its sync answer. */
async function join(): Promise<void> {
  lag.reset();
  lag.enable();
  const joiners = input.clients.filter((client) => client.role === 'joiner');
  const clients = joiners.map(({ address }) => ({ started: now(), client: openLeanClient(address, false) }));
  await Promise.all(
    clients.map(async ({ started, client }) => {
      const at = await Promise.race([
        client.synced.catch(() => null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), JOIN_TIMEOUT_MS)),
      ]);
      if (at !== null) joinerTimes.push(at - started);
    }),
  );
  for (const { client } of clients) client.close();
}

port.on('message', (raw: unknown) => {
  const message = FromMain.parse(raw);
  if (message.type === 'plan') {
    input = message;
  } else if (message.type === 'connect') {
    void connect(message.role).then((count) => port.postMessage({ type: 'connected', count }));
  } else if (message.type === 'edit') {
    void edit().then(() =>
      port.postMessage({
        type: 'edited',
        clocks: editors.map((editor) => [
          editor.roomIndex,
          editor.doc.clientID,
          Y.getState(editor.doc.store, editor.doc.clientID),
        ]),
      }),
    );
  } else if (message.type === 'await-clocks') {
    void awaitClocks(message.clocks).then(() => {
      lag.disable();
      port.postMessage({ type: 'caught-up', lag: lagFigures() });
    });
  } else if (message.type === 'join') {
    void join().then(() => {
      lag.disable();
      port.postMessage({ type: 'joined', ms: joinerTimes, lag: lagFigures() });
    });
  } else {
    port.postMessage({
      type: 'report',
      edits,
      urls: editors.map((editor) => [editor.doc.clientID, editor.url]),
      arrivals: arrivals.map(({ roomIndex, receiver, bySender }) => ({ roomIndex, receiver, bySender: [...bySender] })),
    });
    for (const { client } of observers) client.destroy();
    for (const { client } of writers) client.close();
    port.close();
  }
});
port.postMessage({ type: 'ready' });
