import type { ServerLoadResult } from './server-load.ts';
import type { ServerKind } from './wire.ts';

/** One workload's figures on each server, Mufakat first. */
export type ThreeServers = Record<ServerKind, ServerLoadResult>;

const LABEL = 34;
const COLUMN = 13;

function figure(value: number | null, digits: number): string {
  return value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

function ratio(ours: number | null, reference: number | null): string {
  if (ours === null || reference === null || !(reference > 0)) return 'n/a';
  return (ours / reference).toFixed(2);
}

/**
 * The figures of one workload side by side: Mufakat, the stock server, Hocuspocus, then Mufakat's
 * ratio to each. The harness's event-loop lag is printed under each server's figures: a lag near
 * the latencies means the clients, not the server, set them.
 */
export function printWorkload(title: string, results: ThreeServers, options: { memory: boolean }): void {
  const { mufakat, stock, hocuspocus } = results;
  const head = ['mufakat', 'stock', 'hocuspocus', 'M/stock', 'M/hocuspocus'];
  console.log(`\n${title}`);
  console.log(`${''.padEnd(LABEL)}${head.map((h) => h.padStart(COLUMN)).join('')}`);
  const row = (label: string, pick: (r: ServerLoadResult) => number | null, digits = 1, ratios = true) => {
    const values = [mufakat, stock, hocuspocus].map((r) => figure(pick(r), digits));
    const tail = ratios ? [ratio(pick(mufakat), pick(stock)), ratio(pick(mufakat), pick(hocuspocus))] : ['', ''];
    console.log(`${label.padEnd(LABEL)}${[...values, ...tail].map((v) => v.padStart(COLUMN)).join('')}`);
  };
  row('p50 latency (ms)', (r) => r.p50Ms);
  row('p99 latency (ms)', (r) => r.p99Ms);
  row('server CPU (s)', (r) => r.cpuSeconds, 2);
  row('fsyncs per second', (r) => r.fsyncsPerSecond, 1, false);
  if (options.memory) {
    row('resident at start (MiB)', (r) => r.rssStartMiB);
    row('resident per loaded draft (MiB)', (r) => r.rssPerDraftMiB, 2);
  }
  const lag = (r: ServerLoadResult) => `${r.lag.p99Ms.toFixed(0)} / ${r.lag.maxMs.toFixed(0)}`;
  console.log(
    `${'harness lag p99 / max (ms)'.padEnd(LABEL)}${[mufakat, stock, hocuspocus].map((r) => lag(r).padStart(COLUMN)).join('')}`,
  );
  const counted = (r: ServerLoadResult) => `${r.samples}${r.missing > 0 ? ` (-${r.missing})` : ''}`;
  console.log(
    `${'measured (missing)'.padEnd(LABEL)}${[mufakat, stock, hocuspocus].map((r) => counted(r).padStart(COLUMN)).join('')}`,
  );
}

/** The issue's table: per workload Mufakat's p99 and CPU, and its ratios to each reference. */
export function printSummary(rows: Array<{ workload: string; results: ThreeServers }>): void {
  console.log(
    '\n| workload | Mufakat p99 / CPU | ratio to stock server (p99, CPU) | ratio to Hocuspocus (p99, CPU) | harness lag p99 (M, S, H) |',
  );
  console.log('|---|---|---|---|---|');
  for (const { workload, results } of rows) {
    const { mufakat, stock, hocuspocus } = results;
    const ratios = (reference: ServerLoadResult) =>
      `${ratio(mufakat.p99Ms, reference.p99Ms)}, ${ratio(mufakat.cpuSeconds, reference.cpuSeconds)}`;
    const lags = [mufakat, stock, hocuspocus].map((r) => r.lag.p99Ms.toFixed(0)).join(', ');
    console.log(
      `| ${workload} | ${mufakat.p99Ms.toFixed(0)} ms / ${mufakat.cpuSeconds.toFixed(1)} s | ${ratios(stock)} | ${ratios(hocuspocus)} | ${lags} ms |`,
    );
  }
}
