import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { NewClause } from '../shared/schemas/draft.ts';
import { type MufakatStore, type SeededServer, startSeededServer } from './seeded-server.ts';
import type { RoomAddress, ServerKind } from './wire.ts';

/** Many clients editing drafts at a steady rate; some of them also observe. */
export interface EditingWorkload {
  drafts: number;
  clauses: number;
  clientsPerDraft: number;
  /** Of each draft's clients, how many use the server's provider, apply everything and measure. */
  observersPerDraft: number;
  editIntervalMs: number;
  /** Edits made before this are not measured: the server and clients have just connected. */
  warmupMs: number;
  durationMs: number;
}

/** Many clients opening one large draft at the same moment. */
export interface JoinWorkload {
  clauses: number;
  charactersPerClause: number;
  joiners: number;
}

export interface HarnessLag {
  p99Ms: number;
  maxMs: number;
}

export interface ServerLoadResult {
  server: ServerKind;
  p50Ms: number;
  p99Ms: number;
  /** Latencies measured: edits seen by every other observer of their draft, or joiners synced. */
  samples: number;
  /** Edits some observer never received, or joiners never synced. */
  missing: number;
  cpuSeconds: number;
  /** CPU seconds of each instance, in the order they started (one entry for one instance). */
  cpuPerInstance: number[];
  /**
   * With several instances: per edit and observer on another instance than the editor's, the
   * time from the edit to that observer having it; null with one instance.
   */
  crossInstance: { p50Ms: number; p99Ms: number; samples: number; sameP50Ms: number; sameP99Ms: number } | null;
  wallSeconds: number;
  /** fsyncs per second during the workload, null where not counted. */
  fsyncsPerSecond: number | null;
  rssStartMiB: number;
  /** (Resident memory with every draft loaded − at start) / drafts; null where not measured. */
  rssPerDraftMiB: number | null;
  /** The harness's own event-loop delay during the workload, the worse of its two threads. */
  lag: HarnessLag;
}

const Lag = z.object({ p99Ms: z.number(), maxMs: z.number() });
const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('connected'), count: z.number() }),
  z.object({ type: z.literal('edited'), clocks: z.array(z.tuple([z.number(), z.number(), z.number()])) }),
  z.object({ type: z.literal('caught-up'), lag: Lag }),
  z.object({ type: z.literal('joined'), ms: z.array(z.number()), lag: Lag }),
  z.object({
    type: z.literal('report'),
    edits: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])),
    urls: z.array(z.tuple([z.number(), z.string()])),
    arrivals: z.array(
      z.object({
        roomIndex: z.number(),
        receiver: z.number(),
        bySender: z.array(z.tuple([z.number(), z.array(z.tuple([z.number(), z.number()]))])),
      }),
    ),
  }),
]);
type FromWorker = z.infer<typeof FromWorker>;
type Role = 'observer' | 'writer' | 'joiner';
type Assigned = { address: RoomAddress; roomIndex: number; role: Role };

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

/** The clauses of an editing workload's drafts: short, as a statement's are. */
export function shortClauses(count: number): NewClause[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'operative' as const,
    text: `OPERATIVE clause ${i + 1} of the benchmark draft, with some words to edit;`,
  }));
}

/** Clauses of `characters` each, words of a statement repeated. */
export function longClauses(count: number, characters: number): NewClause[] {
  const words = 'URGE all parties to exercise restraint and to resolve disputes by peaceful means, ';
  return Array.from({ length: count }, (_, i) => ({
    kind: 'operative' as const,
    text: `${i + 1}. ${words.repeat(Math.ceil(characters / words.length))}`.slice(0, characters),
  }));
}

/**
 * Fresh worker threads for one run (started while the server starts: loading them takes seconds),
 * a typed inbox for each, and `plan` to hand each its share of the clients.
 */
function startWorkers() {
  const workers = Array.from(
    { length: WORKERS },
    () => new Worker(new URL('./server-load-worker-entry.mjs', import.meta.url)),
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
  const ask = <T extends FromWorker['type']>(message: Record<string, unknown> | null, type: T) =>
    Promise.all(
      workers.map(async (worker, index) => {
        if (message !== null) worker.postMessage(message);
        const reply = await inbox[index]?.();
        if (reply?.type !== type) throw new Error(`expected ${type} from a worker, got ${reply?.type}`);
        return reply as Extract<FromWorker, { type: T }>;
      }),
    );
  const plan = (clients: Assigned[], timing: { editIntervalMs: number; warmupMs: number; durationMs: number }) => {
    workers.forEach((worker, w) => {
      const share = clients.filter((_, i) => i % WORKERS === w);
      const { editIntervalMs, warmupMs, durationMs } = timing;
      worker.postMessage({ type: 'plan', clients: share, editIntervalMs, warmupMs, durationMs });
    });
  };
  return { ask, plan, stop: () => Promise.all(workers.map((worker) => worker.terminate())) };
}

const worseLag = (lags: HarnessLag[]): HarnessLag => ({
  p99Ms: Math.max(...lags.map((lag) => lag.p99Ms)),
  maxMs: Math.max(...lags.map((lag) => lag.maxMs)),
});

const cpuOf = (seeded: SeededServer) => seeded.instances.map((instance) => instance.cpuSeconds());
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function fsyncRate(seeded: SeededServer, before: number | null, seconds: number): number | null {
  const after = seeded.server.fsyncs();
  return before === null || after === null ? null : (after - before) / seconds;
}

/**
 * An editing workload on one server: every client edits one character into a random clause once
 * per interval; an edit's latency runs from the moment it is made to the moment the last other
 * observer of its draft has it, read off each observer's state vector.
 */
export async function runEditing(
  kind: ServerKind,
  workload: EditingWorkload,
  store?: MufakatStore,
): Promise<ServerLoadResult> {
  const workers = startWorkers();
  const [seeded] = await Promise.all([
    startSeededServer(
      kind,
      {
        drafts: workload.drafts,
        clauses: shortClauses(workload.clauses),
        clientsPerDraft: workload.clientsPerDraft,
        hold: false,
      },
      store,
    ).catch(async (error: unknown) => {
      await workers.stop();
      throw error;
    }),
    workers.ask(null, 'ready'),
  ]);
  try {
    const clients = seeded.rooms.flatMap((addresses, roomIndex) =>
      addresses.map(
        (address, i): Assigned => ({
          address,
          roomIndex,
          role: i < workload.observersPerDraft ? 'observer' : 'writer',
        }),
      ),
    );
    workers.plan(clients, workload);
    await workers.ask({ type: 'connect', role: 'observer' }, 'connected');
    // Every draft is loaded now, each with its observers: the stock server's seeders may go.
    const rssLoaded = sum(seeded.instances.map((instance) => instance.rssMiB()));
    for (const holder of seeded.holders) holder.close();
    await workers.ask({ type: 'connect', role: 'writer' }, 'connected');

    const editing = workers.ask({ type: 'edit' }, 'edited');
    const measuredFrom = performance.timeOrigin + performance.now() + workload.warmupMs;
    await new Promise((resolve) => setTimeout(resolve, workload.warmupMs));
    const cpuBefore = cpuOf(seeded);
    const fsyncsBefore = seeded.server.fsyncs();
    const started = performance.now();
    const edited = await editing;
    const clocks = edited.flatMap((message) => message.clocks);
    const caughtUp = await workers.ask({ type: 'await-clocks', clocks }, 'caught-up');
    const wallSeconds = (performance.now() - started) / 1000;
    const cpuPerInstance = cpuOf(seeded).map((cpu, i) => cpu - (cpuBefore[i] ?? 0));
    const fsyncsPerSecond = fsyncRate(seeded, fsyncsBefore, wallSeconds);
    const reports = await workers.ask({ type: 'report' }, 'report');
    const urlOf = new Map(reports.flatMap((report) => report.urls));

    const observersByRoom = new Map<
      number,
      Array<{ receiver: number; bySender: Map<number, Array<[number, number]>> }>
    >();
    for (const report of reports) {
      for (const { roomIndex, receiver, bySender } of report.arrivals) {
        const list = observersByRoom.get(roomIndex) ?? [];
        list.push({ receiver, bySender: new Map(bySender) });
        observersByRoom.set(roomIndex, list);
      }
    }
    const latencies: number[] = [];
    const crossLatencies: number[] = [];
    const sameLatencies: number[] = [];
    let missing = 0;
    for (const report of reports) {
      for (const [roomIndex, sender, clock, madeAt] of report.edits) {
        if (madeAt < measuredFrom) continue;
        let lastSeen = madeAt;
        let seenByAll = true;
        for (const { receiver, bySender } of observersByRoom.get(roomIndex) ?? []) {
          if (receiver === sender) continue;
          const at = firstReached(bySender.get(sender), clock);
          if (at === null) {
            seenByAll = false;
            break;
          }
          lastSeen = Math.max(lastSeen, at);
          if (urlOf.get(receiver) !== urlOf.get(sender)) crossLatencies.push(at - madeAt);
          else sameLatencies.push(at - madeAt);
        }
        if (seenByAll) latencies.push(lastSeen - madeAt);
        else missing += 1;
      }
    }
    const sorted = latencies.sort((a, b) => a - b);
    const cross = crossLatencies.sort((a, b) => a - b);
    const same = sameLatencies.sort((a, b) => a - b);
    return {
      server: kind,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      samples: sorted.length,
      missing,
      cpuSeconds: sum(cpuPerInstance),
      cpuPerInstance,
      crossInstance:
        seeded.instances.length > 1
          ? {
              p50Ms: percentile(cross, 50),
              p99Ms: percentile(cross, 99),
              samples: cross.length,
              sameP50Ms: percentile(same, 50),
              sameP99Ms: percentile(same, 99),
            }
          : null,
      wallSeconds,
      fsyncsPerSecond,
      rssStartMiB: seeded.rssStartMiB,
      rssPerDraftMiB: (rssLoaded - seeded.rssStartMiB) / workload.drafts,
      lag: worseLag(caughtUp.map((message) => message.lag)),
    };
  } finally {
    await workers.stop();
    await seeded.stop();
  }
}

/**
 * Joiners opening one large draft at the same moment, the draft already loaded (an idle client
 * holds it): each one's time from opening its socket to the arrival of the server's full sync
 * answer. Joiners do not apply that answer: a hundred copies of 2 MB decoded in the harness
 * would time the harness.
 */
export async function runJoin(kind: ServerKind, workload: JoinWorkload): Promise<ServerLoadResult> {
  const workers = startWorkers();
  const [seeded] = await Promise.all([
    startSeededServer(kind, {
      drafts: 1,
      clauses: longClauses(workload.clauses, workload.charactersPerClause),
      clientsPerDraft: workload.joiners,
      hold: true,
    }).catch(async (error: unknown) => {
      await workers.stop();
      throw error;
    }),
    workers.ask(null, 'ready'),
  ]);
  try {
    const clients = (seeded.rooms[0] ?? []).map((address): Assigned => ({ address, roomIndex: 0, role: 'joiner' }));
    workers.plan(clients, { editIntervalMs: 0, warmupMs: 0, durationMs: 0 });
    const cpuBefore = seeded.server.cpuSeconds();
    const fsyncsBefore = seeded.server.fsyncs();
    const started = performance.now();
    const joined = await workers.ask({ type: 'join' }, 'joined');
    const wallSeconds = (performance.now() - started) / 1000;
    const cpuSeconds = seeded.server.cpuSeconds() - cpuBefore;
    const fsyncsPerSecond = fsyncRate(seeded, fsyncsBefore, wallSeconds);
    const sorted = joined.flatMap((message) => message.ms).sort((a, b) => a - b);
    return {
      server: kind,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      samples: sorted.length,
      missing: workload.joiners - sorted.length,
      cpuSeconds,
      cpuPerInstance: [cpuSeconds],
      crossInstance: null,
      wallSeconds,
      fsyncsPerSecond,
      rssStartMiB: seeded.rssStartMiB,
      rssPerDraftMiB: null,
      lag: worseLag(joined.map((message) => message.lag)),
    };
  } finally {
    await workers.stop();
    await seeded.stop();
  }
}
