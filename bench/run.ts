import { mkdirSync, writeFileSync } from 'node:fs';
import { buildInitialDocument } from '../server/drafts/create-draft.ts';
import { connectClient } from '../server/testing/collab-client.ts';
import { createTestDraft, sessionCookieFor, TWO_DELEGATION_DRAFT } from '../server/testing/test-server.ts';
import { type DecisionLoadResult, printDecisionLoad, runDecisionLoad } from './decision-load.ts';
import { runDecisionPush } from './decision-push.ts';
import { runFirstSync } from './first-sync.ts';
import { type PropagationResult, runPropagation, type Workload } from './propagation.ts';
import { printRoomResult, runRoomInChromium } from './room-in-chromium.ts';
import { startMufakat, startReference } from './server-process.ts';

/**
 * `npm run bench`: Mufakat's server and the reference y-websocket server on the same workload in
 * the same run, each in its own process, then Mufakat's first sync of a long-logged draft.
 * Set BENCH_QUICK=1 for a short smoke run.
 */
const quick = process.env.BENCH_QUICK === '1';
// Each y-websocket provider adds a process 'exit' listener; fifty of them are expected here.
process.setMaxListeners(0);
const workload: Workload = quick
  ? { clients: 10, clauses: 100, editsPerClient: 20, editsPerSecond: 10 }
  : { clients: 50, clauses: 100, editsPerClient: 200, editsPerSecond: 10 };

const clauses = Array.from({ length: workload.clauses }, (_, i) => ({
  kind: 'operative' as const,
  text: `OPERATIVE clause ${i + 1} of the benchmark draft, with some words to edit;`,
}));

async function benchMufakat(): Promise<PropagationResult> {
  const server = await startMufakat();
  try {
    const draft = await createTestDraft(server.url, { ...TWO_DELEGATION_DRAFT, clauses });
    const cookies = await Promise.all(
      Array.from({ length: workload.clients }, () => sessionCookieFor(server.url, draft.links.secretariat)),
    );
    return await runPropagation(server, draft.id, cookies, workload);
  } finally {
    await server.stop();
  }
}

async function benchReference(): Promise<PropagationResult> {
  const server = await startReference();
  try {
    // The reference stores nothing: seed the same 100-clause document through a first client.
    const room = 'benchmark-draft';
    const seeder = connectClient(server.url, room, null);
    await seeder.synced;
    const { applyUpdate } = await import('yjs');
    applyUpdate(seeder.doc, buildInitialDocument(clauses));
    const cookies = Array.from({ length: workload.clients }, () => null);
    const result = await runPropagation(server, room, cookies, workload);
    seeder.destroy();
    return result;
  } finally {
    await server.stop();
  }
}

function row(label: string, ours: number, reference: number, digits = 1): string {
  const ratio = reference > 0 ? (ours / reference).toFixed(2) : 'n/a';
  return `${label.padEnd(26)}${ours.toFixed(digits).padStart(12)}${reference.toFixed(digits).padStart(12)}${ratio.padStart(9)}`;
}

console.log(
  `Propagation: ${workload.clients} clients, ${workload.clauses} clauses, ${workload.editsPerClient} edits each at ${workload.editsPerSecond}/s`,
);
const reference = await benchReference();
const ours = await benchMufakat();
console.log(`\n${''.padEnd(26)}${'mufakat'.padStart(12)}${'reference'.padStart(12)}${'ratio'.padStart(9)}`);
console.log(row('p50 latency (ms)', ours.p50Ms, reference.p50Ms));
console.log(row('p99 latency (ms)', ours.p99Ms, reference.p99Ms));
console.log(row('max latency (ms)', ours.maxMs, reference.maxMs));
console.log(row('server CPU (s)', ours.cpuSeconds, reference.cpuSeconds, 2));
console.log(row('server peak RSS (MiB)', ours.peakRssMiB, reference.peakRssMiB));
console.log(row('edits never seen by all', ours.unseenEdits, reference.unseenEdits, 0));
console.log(
  `targets: p99 ≤ 1.2 × reference, CPU ≤ 1.5 × reference (Mufakat with write-ahead SQLite, synchronous=${process.env.MUFAKAT_SQLITE_SYNCHRONOUS ?? 'FULL'})`,
);

const firstSync = await runFirstSync(quick ? 50 : 300, quick ? 1000 : 10_000, quick ? 2 : 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(
  `\nFirst sync, ${firstSync.clauses} clauses with ${firstSync.loggedUpdates} updates in the log:` +
    `\n  cold (loaded from SQLite): median ${median(firstSync.coldMs).toFixed(1)} ms, runs ${firstSync.coldMs.map((v) => v.toFixed(1)).join(', ')}` +
    `\n  warm (room in memory):     median ${median(firstSync.warmMs).toFixed(1)} ms` +
    `\n  target: under 200 ms`,
);

const push = await runDecisionPush(quick ? 40 : 200);
console.log(
  `\nDecision push, ${push.commands} commands on the 19-delegation demo draft, command sent to event received:` +
    `\n  p50 ${push.p50Ms.toFixed(1)} ms, p99 ${push.p99Ms.toFixed(1)} ms, max ${push.maxMs.toFixed(1)} ms` +
    `\n  target: within 100 ms`,
);

// BENCH_BASELINE=<checkout of an earlier commit> runs the same decision load against it, with its
// clients reloading the state after every event as the room did before decisions were pushed.
const loadRounds = quick ? 5 : 20;
const decisionLoad: DecisionLoadResult[] = [];
const baseline = process.env.BENCH_BASELINE;
if (baseline !== undefined && baseline !== '') {
  decisionLoad.push(await runDecisionLoad(`baseline (${baseline})`, 'refetch', loadRounds, baseline));
}
decisionLoad.push(await runDecisionLoad('mufakat (events applied)', 'apply', loadRounds));
printDecisionLoad(decisionLoad);

const room = await runRoomInChromium(quick ? 1 : 3, quick ? 20 : 60);
printRoomResult(room);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify({ date: new Date().toISOString(), workload, ours, reference, firstSync, push, decisionLoad, room }, null, 2)}\n`,
);
process.exit(0);
