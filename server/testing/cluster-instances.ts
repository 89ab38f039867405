import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import { type ChildServer, startChildServer } from './child-server.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from './collab-client.ts';
import { type PostgresServer, startPostgresServer } from './postgres-server.ts';
import { type RedisServer, startRedisServer } from './redis-server.ts';
import { sessionCookieFor } from './test-server.ts';

/**
 * Several instances of the server in child processes sharing one private PostgreSQL and one
 * Redis, for the integration tests of a test file: `start()` in `beforeAll`, `cleanUp()` in
 * `afterEach` (clients and instances of the test go, Redis comes back if a test killed it),
 * `stop()` in `afterAll`.
 */
export class ClusterInstances {
  postgres!: PostgresServer;
  redis!: RedisServer;
  /** The database of the instances the running test started. */
  databaseUrl = '';
  private dataDir = '';
  private readonly instances: ChildServer[] = [];
  private readonly clients: CollabClient[] = [];

  async start(): Promise<void> {
    [this.postgres, this.redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
    this.dataDir = mkdtempSync(join(tmpdir(), 'mufakat-instances-'));
  }

  async cleanUp(): Promise<void> {
    for (const client of this.clients.splice(0)) client.destroy();
    await Promise.all(
      this.instances.splice(0).map(async (instance) => {
        if (instance.process.exitCode === null) instance.process.kill('SIGKILL');
        await instance.exited;
      }),
    );
    await this.redis.resume();
  }

  async stop(): Promise<void> {
    await Promise.all([this.postgres?.stop(), this.redis?.stop()]);
    if (this.dataDir !== '') rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Starts `count` instances in their own processes on one new database and the Redis. `quietMs`
   * is how long a draft hears nothing from the others before it reads the log.
   */
  async startInstances(count: number, quietMs: number, extraEnv: Record<string, string> = {}): Promise<ChildServer[]> {
    const env = {
      MUFAKAT_DATABASE_URL: await this.postgres.createDatabase(),
      MUFAKAT_REDIS_URL: this.redis.url,
      MUFAKAT_CLUSTER_QUIET_MS: String(quietMs),
      ...extraEnv,
    };
    this.databaseUrl = env.MUFAKAT_DATABASE_URL;
    // One after the other: the first migrates the new database (the others would wait for its lock).
    const started: ChildServer[] = [];
    for (let i = 0; i < count; i++) started.push(await this.startInstance(env));
    return started;
  }

  /** One more instance on the given environment (as `startInstances` made it), cleaned up after the test. */
  async startInstance(env: Record<string, string>): Promise<ChildServer> {
    const instance = await startChildServer(this.dataDir, env);
    this.instances.push(instance);
    return instance;
  }

  /** A client of the draft on the instance at `url`, signed in by `link`, once synced; destroyed after the test. */
  async connect(url: string, draftId: string, link: string): Promise<CollabClient> {
    const client = this.track(connectClient(url, draftId, await sessionCookieFor(url, link)));
    await client.synced;
    return client;
  }

  /** The draft's document as the running test's database holds it: the snapshot and every logged update. */
  async storedDoc(draftId: string): Promise<Y.Doc> {
    const database = new pg.Client({ connectionString: this.databaseUrl });
    await database.connect();
    try {
      const doc = new Y.Doc();
      const snapshots = await database.query('SELECT data FROM doc_snapshots WHERE draft_id = $1', [draftId]);
      for (const row of snapshots.rows) Y.applyUpdate(doc, row.data as Uint8Array);
      const updates = await database.query('SELECT data FROM doc_updates WHERE draft_id = $1 ORDER BY seq', [draftId]);
      Y.applyUpdate(doc, Y.mergeUpdates(updates.rows.map((row) => row.data as Uint8Array)));
      return doc;
    } finally {
      await database.end();
    }
  }

  /** A client the test made itself, destroyed after the test. */
  track(client: CollabClient): CollabClient {
    this.clients.push(client);
    return client;
  }
}

export function textOf(client: CollabClient, clauseId: string): string {
  return readClauseText(clauseRoot(client.doc, clauseId));
}

export function firstClauseOf(client: CollabClient): string {
  return clauseOrder(client.doc)[0] ?? '';
}

/** Types `count` marked words into a clause, one update each, a few milliseconds apart. */
export async function typeWords(
  client: CollabClient,
  clauseId: string,
  mark: string,
  count: number,
): Promise<string[]> {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = ` ${mark}${i}`;
    typeIntoClause(client.doc, clauseId, word);
    words.push(word.trim());
    await sleep(5);
  }
  return words;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Types marked words into a clause, one update each, until `stopped()` or the client is closed
 * (a refused edit closes it); `gapMs()` is the pause before each next word.
 */
export async function typeUntil(
  client: CollabClient,
  clauseId: string,
  mark: string,
  stopped: () => boolean,
  gapMs: () => number,
): Promise<void> {
  for (let i = 0; !stopped() && client.closeCodes.length === 0; i++) {
    typeIntoClause(client.doc, clauseId, ` ${mark}${i}`);
    await sleep(gapMs());
  }
}

/** Waits until every client has every word in the clause, and they all read the same. */
export async function converged(
  all: CollabClient[],
  clauseId: string,
  words: string[],
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    () => all.every((client) => words.every((word) => textOf(client, clauseId).includes(word))),
    `every client to hold all ${words.length} words`,
    timeoutMs,
  );
  const [first, ...rest] = all.map((client) => textOf(client, clauseId));
  for (const text of rest) expect(text).toBe(first);
}
