import { Worker } from 'node:worker_threads';
import { z } from 'zod';
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

const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), clientIds: z.array(z.number()) }),
  z.object({ type: z.literal('typed'), clocks: z.array(z.tuple([z.number(), z.number()])) }),
  z.object({ type: z.literal('caught-up') }),
  z.object({
    type: z.literal('report'),
    edits: z.array(z.tuple([z.number(), z.number(), z.number()])),
    arrivals: z.array(
      z.object({
        receiver: z.number(),
        bySender: z.array(z.tuple([z.number(), z.array(z.tuple([z.number(), z.number()]))])),
      }),
    ),
  }),
]);
type FromWorker = z.infer<typeof FromWorker>;

/** Clients run in this many threads, so that together they can use both cores of the machine. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The first time in `log` (clock reached, time; in arrival order) at which `clock` was reached. */
function firstReached(log: Array<[number, number]> | undefined, clock: number): number | null {
  if (log === undefined) return null;
  let low = 0;
  let high = log.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((log[mid]?.[0] ?? 0) >= clock) high = mid;
    else low = mid + 1;
  }
  return log[low]?.[1] ?? null;
}

/**
 * Every client makes `editsPerClient` small edits at `editsPerSecond` into random clauses. An
 * edit's latency runs from the moment it is made to the moment the last other client has it,
 * read off each receiver's state vector (it holds the edit once it holds the sender's clock).
 */
export async function runPropagation(
  server: ServerProcess,
  draftId: string,
  cookies: ReadonlyArray<string | null>,
  workload: Workload,
): Promise<PropagationResult> {
  const shares = Array.from({ length: WORKERS }, (_, w) => cookies.filter((_, i) => i % WORKERS === w));
  const workers = shares.map(
    (share, phase) =>
      new Worker(new URL('./propagation-worker-entry.mjs', import.meta.url), {
        workerData: { url: server.url, draftId, cookies: share, ...workload, phase },
      }),
  );
  const inbox = workers.map((worker) => {
    const queue: FromWorker[] = [];
    const waiting: Array<(message: FromWorker) => void> = [];
    worker.on('message', (raw: unknown) => {
      const message = FromWorker.parse(raw);
      const next = waiting.shift();
      if (next === undefined) queue.push(message);
      else next(message);
    });
    worker.on('error', (error) => {
      throw error;
    });
    return () =>
      new Promise<FromWorker>((resolve) => {
        const queued = queue.shift();
        if (queued === undefined) waiting.push(resolve);
        else resolve(queued);
      });
  });
  const receiveAll = <T extends FromWorker['type']>(type: T) =>
    Promise.all(
      inbox.map(async (receive) => {
        const message = await receive();
        if (message.type !== type) throw new Error(`expected ${type} from a worker, got ${message.type}`);
        return message as Extract<FromWorker, { type: T }>;
      }),
    );

  const ready = await receiveAll('ready');
  const clientCount = ready.reduce((sum, message) => sum + message.clientIds.length, 0);
  const cpuBefore = server.cpuSeconds();
  const started = performance.now();
  for (const worker of workers) worker.postMessage({ type: 'start' });
  const typed = await receiveAll('typed');
  const clocks = typed.flatMap((message) => message.clocks);
  for (const worker of workers) worker.postMessage({ type: 'await-clocks', clocks });
  await receiveAll('caught-up');
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = server.cpuSeconds() - cpuBefore;
  for (const worker of workers) worker.postMessage({ type: 'report' });
  const reports = await receiveAll('report');
  await Promise.all(workers.map((worker) => worker.terminate()));

  const arrivals = new Map<number, Map<number, Array<[number, number]>>>();
  for (const report of reports) {
    for (const { receiver, bySender } of report.arrivals) arrivals.set(receiver, new Map(bySender));
  }
  const latencies: number[] = [];
  let unseen = 0;
  for (const report of reports) {
    for (const [sender, clock, madeAt] of report.edits) {
      let lastSeen = madeAt;
      let seenByAll = true;
      for (const [receiver, bySender] of arrivals) {
        if (receiver === sender) continue;
        const at = firstReached(bySender.get(sender), clock);
        if (at === null) {
          seenByAll = false;
          break;
        }
        lastSeen = Math.max(lastSeen, at);
      }
      if (seenByAll) latencies.push(lastSeen - madeAt);
      else unseen += 1;
    }
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    server: server.name,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    edits: clientCount * workload.editsPerClient,
    unseenEdits: unseen,
    cpuSeconds,
    peakRssMiB: server.peakRssMiB(),
    wallSeconds,
  };
}
