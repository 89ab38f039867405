import pg from 'pg';
import { startPostgresServer } from '../server/testing/postgres-server.ts';
import { startRedisServer } from '../server/testing/redis-server.ts';
import { type EditingWorkload, runEditing, type ServerLoadResult } from './server-load.ts';

/** The setups of issue 16's benchmark, in the order they run. */
export interface ClusterResults {
  stock: ServerLoadResult;
  sqlite: ServerLoadResult;
  postgres: ServerLoadResult;
  /** Each draft's clients spread over both instances: every instance serves every draft. */
  twoInstances: ServerLoadResult;
  /** Each draft's clients on one instance, as a load balancer hashing the draft sends them. */
  twoByDraft: ServerLoadResult;
}

/**
 * The many-drafts workload on the stock server, Mufakat on SQLite, Mufakat on PostgreSQL (one
 * instance), and two Mufakat instances on PostgreSQL + Redis with each draft's clients split
 * across them. Each setup gets a fresh database; one private PostgreSQL and Redis serve them all.
 */
export async function runCluster(workload: EditingWorkload): Promise<ClusterResults> {
  // PostgreSQL syncs every commit to disk, as SQLite does here: the comparison is of like with like.
  const [postgres, redis] = await Promise.all([startPostgresServer({ durable: true }), startRedisServer()]);
  try {
    const warm = await postgres.createDatabase();
    await warmWriteAheadLog(warm);
    const stock = await runEditing('stock', workload);
    console.log('  stock done');
    const sqlite = await runEditing('mufakat', workload);
    console.log('  mufakat on SQLite done');
    let previous: string | null = null;
    // Each PostgreSQL setup on a new database, after the previous setup's is dropped and the
    // pages it dirtied are written out, so that no setup's autovacuum or checkpoint can fall into
    // the next one's measurement.
    const freshDatabase = async () => {
      if (previous !== null) await postgres.dropDatabase(previous);
      await runStatements(warm, ['CHECKPOINT']);
      previous = await postgres.createDatabase();
      return previous;
    };
    const single = await runEditing('mufakat', workload, {
      kind: 'postgres',
      databaseUrl: await freshDatabase(),
      redisUrl: null,
      instances: 1,
    });
    console.log('  mufakat on PostgreSQL done');
    const twoInstances = await runEditing('mufakat', workload, {
      kind: 'postgres',
      databaseUrl: await freshDatabase(),
      redisUrl: redis.url,
      instances: 2,
    });
    console.log('  two mufakat instances on PostgreSQL + Redis done');
    const twoByDraft = await runEditing('mufakat', workload, {
      kind: 'postgres',
      databaseUrl: await freshDatabase(),
      redisUrl: redis.url,
      instances: 2,
      split: 'drafts',
    });
    console.log('  two mufakat instances, drafts split between them, done');
    return { stock, sqlite, postgres: single, twoInstances, twoByDraft };
  } finally {
    await Promise.all([postgres.stop(), redis.stop()]);
  }
}

/**
 * A PostgreSQL that has run a while recycles its write-ahead log's 16 MB segment files; a fresh
 * cluster creates each one and fills it with zeroes first, and every commit waits meanwhile
 * (tens of ms, once per 16 MB). About 120 MB of WAL and a checkpoint leave recycled segments
 * ready, so the setups measure a running server, not a new one.
 */
async function warmWriteAheadLog(url: string): Promise<void> {
  await runStatements(url, [
    "CREATE TABLE warm AS SELECT repeat('x', 1000) AS filler FROM generate_series(1, 120000)",
    'DROP TABLE warm',
    'CHECKPOINT',
  ]);
}

async function runStatements(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const LABEL = 30;
const COLUMN = 16;
const figure = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

/** A target's verdict: the figure, its bound and whether the figure is within it. */
function verdict(name: string, value: number | undefined, bound: number | undefined, rule: string): string {
  const met = value !== undefined && bound !== undefined && value <= bound;
  return `  ${name}: ${figure(value)} against ${figure(bound)} (${rule}): ${met ? 'met' : 'NOT met'}`;
}

/** The four setups side by side, then each of issue 16's targets with its bound and verdict. */
export function printCluster(title: string, results: ClusterResults): void {
  const { stock, sqlite, postgres, twoInstances, twoByDraft } = results;
  const setups = [sqlite, postgres, twoInstances, twoByDraft, stock];
  const head = ['SQLite, 1', 'PostgreSQL, 1', 'PG+Redis, 2', '2, by draft', 'stock'];
  console.log(`\n${title}`);
  console.log(`${''.padEnd(LABEL)}${head.map((h) => h.padStart(COLUMN)).join('')}`);
  const row = (label: string, pick: (r: ServerLoadResult) => string) =>
    console.log(`${label.padEnd(LABEL)}${setups.map((r) => pick(r).padStart(COLUMN)).join('')}`);
  row('p50 latency (ms)', (r) => figure(r.p50Ms));
  row('p99 latency (ms)', (r) => figure(r.p99Ms));
  row('cross-instance p50 (ms)', (r) => figure(r.crossInstance?.p50Ms));
  row('cross-instance p99 (ms)', (r) => figure(r.crossInstance?.p99Ms));
  row('same-instance p50 / p99 (ms)', (r) =>
    r.crossInstance === null ? 'n/a' : `${figure(r.crossInstance.sameP50Ms)} / ${figure(r.crossInstance.sameP99Ms)}`,
  );
  row('CPU per instance (s)', (r) => r.cpuPerInstance.map((cpu) => cpu.toFixed(2)).join(' + '));
  row('CPU in total (s)', (r) => figure(r.cpuSeconds, 2));
  row('harness lag p99 / max (ms)', (r) => `${r.lag.p99Ms.toFixed(0)} / ${r.lag.maxMs.toFixed(0)}`);
  row('measured (missing)', (r) => `${r.samples}${r.missing > 0 ? ` (-${r.missing})` : ''}`);
  row('cross-instance measured', (r) => (r.crossInstance === null ? 'n/a' : String(r.crossInstance.samples)));

  // "Well under" is read as at most two thirds: a clean split would be a half of it.
  const busiest = Math.max(...twoInstances.cpuPerInstance);
  const busiestByDraft = Math.max(...twoByDraft.cpuPerInstance);
  console.log('Targets:');
  console.log(verdict('PostgreSQL p99 (ms)', postgres.p99Ms, 1.5 * sqlite.p99Ms, '1.5 × the SQLite p99'));
  console.log(
    verdict(
      'cross-instance p99 (ms)',
      twoInstances.crossInstance?.p99Ms,
      2 * postgres.p99Ms,
      '2 × the one-instance PostgreSQL p99',
    ),
  );
  console.log(
    verdict(
      'busiest of two instances CPU (s)',
      busiest,
      (2 / 3) * postgres.cpuSeconds,
      '2/3 of the one-instance PostgreSQL CPU',
    ),
  );
  console.log(
    verdict(
      'busiest of two, drafts split, CPU (s)',
      busiestByDraft,
      (2 / 3) * postgres.cpuSeconds,
      '2/3 of the one-instance PostgreSQL CPU',
    ),
  );
  console.log(
    '  (spread over both instances, each instance applies every update of every draft: half from its own\n' +
      '   clients, half from the other over Redis; only storing and sending to its own sockets are halved)',
  );
}
