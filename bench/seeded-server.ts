import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema as hocuspocusSchema, upsertQuery as hocuspocusUpsert } from '@hocuspocus/extension-sqlite';
import Database from 'better-sqlite3';
import { createId } from '../server/auth/tokens.ts';
import { buildInitialDocument } from '../server/drafts/create-draft.ts';
import { issueLinks } from '../server/drafts/issue-links.ts';
import type { DraftRecord } from '../server/storage/draft-store.ts';
import { createPostgresStores } from '../server/storage/postgres/postgres-stores.ts';
import { createSqliteStores } from '../server/storage/sqlite/sqlite-stores.ts';
import type { Stores } from '../server/storage/stores.ts';
import { sessionCookieFor, TWO_DELEGATION_DRAFT } from '../server/testing/test-server.ts';
import { CreateDraftRequest, type NewClause } from '../shared/schemas/draft.ts';
import { type ServerProcess, startHocuspocus, startMufakat, startReference } from './server-process.ts';
import { type LeanClient, openLeanClient, type RoomAddress, type ServerKind } from './wire.ts';

export interface SeededServer {
  /** The first (or only) instance. */
  server: ServerProcess;
  /** Every instance serving the drafts: one, or several sharing a database. */
  instances: ServerProcess[];
  /** Resident memory once the server is up, before any draft is loaded. */
  rssStartMiB: number;
  /** Per draft, one address for each of its clients (a Mufakat session each). */
  rooms: RoomAddress[][];
  /**
   * Connections that hold the drafts in the server's memory: the stock server's seeders (it
   * stores nothing, so a draft exists only while someone is connected), or, when asked for, one
   * idle client per draft on the others.
   */
  holders: LeanClient[];
  stop(): Promise<void>;
}

export interface DraftShape {
  drafts: number;
  clauses: ReadonlyArray<NewClause>;
  clientsPerDraft: number;
  /** Keep every draft loaded with an idle client before the workload starts. */
  hold: boolean;
}

/**
 * Where Mufakat keeps the drafts: its SQLite file (the default), or a PostgreSQL database shared
 * by `instances` instances, with a Redis between them when there are several. `split` says how
 * clients go to instances: each draft's clients spread over all of them (`clients`, the default:
 * every instance serves every draft), or each draft's clients on one instance (`drafts`, as a
 * load balancer hashing the draft sends them).
 */
export type MufakatStore =
  | { kind: 'sqlite' }
  | { kind: 'postgres'; databaseUrl: string; redisUrl: string | null; instances: number; split?: 'clients' | 'drafts' };

/**
 * Starts a server with `shape.drafts` drafts holding the same document (`buildInitialDocument`):
 * Mufakat's through its own stores before it starts (the HTTP API rate-limits starting drafts),
 * Hocuspocus's as its SQLite extension stores a document (one row per document holding the
 * whole Yjs state), the stock server's sent by a seeding client.
 */
export async function startSeededServer(
  kind: ServerKind,
  shape: DraftShape,
  store: MufakatStore = { kind: 'sqlite' },
): Promise<SeededServer> {
  if (kind === 'mufakat') return seedMufakat(shape, store);
  if (kind === 'hocuspocus') return seedHocuspocus(shape);
  return seedStock(shape);
}

/** The initial document of a clause list, built once per list (Lexical seeds it: 0.5 s for 200 clauses). */
const documents = new Map<string, Uint8Array>();
function initialDocument(clauses: ReadonlyArray<NewClause>): Uint8Array {
  const key = JSON.stringify(clauses);
  let state = documents.get(key);
  if (state === undefined) {
    state = buildInitialDocument(clauses);
    documents.set(key, state);
  }
  return state;
}

async function holdAll(rooms: RoomAddress[][]): Promise<LeanClient[]> {
  const holders = rooms.map((clients) => {
    const first = clients[0];
    if (first === undefined) throw new Error('a draft without clients');
    return openLeanClient(first, false);
  });
  await Promise.all(holders.map((holder) => holder.synced));
  return holders;
}

async function seedMufakat(shape: DraftShape, store: MufakatStore): Promise<SeededServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-bench-'));
  const stores: Stores =
    store.kind === 'sqlite'
      ? createSqliteStores({ file: join(dir, 'mufakat.sqlite'), synchronous: 'NORMAL' })
      : await createPostgresStores({ url: store.databaseUrl });
  const input = CreateDraftRequest.parse({ ...TWO_DELEGATION_DRAFT, clauses: shape.clauses });
  const state = initialDocument(shape.clauses);
  const drafts: Array<{ id: string; secretariat: string }> = [];
  // As `createDraft` stores a new draft, with the one document the references get: building it
  // through Lexical for each of a hundred drafts would take half a minute.
  for (let i = 0; i < shape.drafts; i++) {
    const now = new Date();
    const draft: DraftRecord = {
      id: createId(),
      title: input.title,
      kind: input.kind,
      delegations: input.delegations,
      consensus: input.consensus,
      createdAt: now.toISOString(),
    };
    const { links, tokens } = issueLinks(draft, now);
    await stores.drafts.createDraft(draft, links);
    await stores.documents.createDocument(draft.id, state);
    drafts.push({ id: draft.id, secretariat: tokens.secretariat });
  }
  await stores.close();
  // BENCH_MUFAKAT_PROFILE=<dir> writes a CPU profile of Mufakat's server there when it stops;
  // BENCH_MUFAKAT_PERF=1 writes the map of its compiled functions that `perf report` reads
  // (/tmp/perf-<pid>.map), so that `perf record -a` shows where the CPU goes, kernel included.
  const profileDir = process.env.BENCH_MUFAKAT_PROFILE;
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    ...(process.env.BENCH_MUFAKAT_PERF === '1'
      ? ['--perf-basic-prof', '--logfile=/dev/null', '--no-logfile-per-isolate']
      : []),
  ];
  const instances: ServerProcess[] = [];
  try {
    if (store.kind === 'sqlite') instances.push(await startMufakat({}, dir, nodeArgs, undefined, true));
    else {
      const env: Record<string, string> = { MUFAKAT_DATABASE_URL: store.databaseUrl };
      if (store.redisUrl !== null) env.MUFAKAT_REDIS_URL = store.redisUrl;
      // One after the other: the first to start migrates, the others would wait for its lock.
      // PostgreSQL syncs nothing Mufakat can count, so fsyncs are not counted here.
      for (let i = 0; i < store.instances; i++) instances.push(await startMufakat(env, undefined, nodeArgs));
    }
  } catch (error: unknown) {
    await Promise.all(instances.map((instance) => instance.stop()));
    throw error;
  }
  const [server] = instances;
  if (server === undefined) throw new Error('no Mufakat instance to seed');
  const rssStartMiB = instances.reduce((sum, instance) => sum + instance.rssMiB(), 0);
  const rooms: RoomAddress[][] = [];
  const byDraft = store.kind === 'postgres' && store.split === 'drafts';
  for (const [d, draft] of drafts.entries()) {
    // Client i of each draft on instance i mod the instances, so that observers and writers
    // alike are split across them (or every client of draft d on instance d mod the instances);
    // each signs in on its own instance.
    const urls = Array.from(
      { length: shape.clientsPerDraft },
      (_, i) => instances[(byDraft ? d : i) % instances.length]?.url ?? '',
    );
    const cookies: string[] = [];
    // A session per client, as each delegate's browser has; a few at a time.
    for (let i = 0; i < shape.clientsPerDraft; i += 10) {
      const batch = urls.slice(i, i + 10);
      cookies.push(...(await Promise.all(batch.map((url) => sessionCookieFor(url, draft.secretariat)))));
    }
    rooms.push(cookies.map((cookie, i) => ({ kind: 'mufakat', url: urls[i] ?? '', room: draft.id, cookie })));
  }
  const holders = shape.hold ? await holdAll(rooms) : [];
  return {
    server,
    instances,
    rssStartMiB,
    rooms,
    holders,
    stop: async () => {
      for (const holder of holders) holder.close();
      await Promise.all(instances.map((instance) => instance.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seedHocuspocus(shape: DraftShape): Promise<SeededServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hocuspocus-bench-'));
  const file = join(dir, 'hocuspocus.sqlite');
  const state = Buffer.from(initialDocument(shape.clauses));
  const names = Array.from({ length: shape.drafts }, (_, i) => `bench-draft-${i}`);
  const db = new Database(file);
  db.exec(hocuspocusSchema);
  const upsert = db.prepare(hocuspocusUpsert);
  db.transaction(() => {
    for (const name of names) upsert.run({ name, data: state });
  })();
  db.close();
  const server = await startHocuspocus(file, true);
  const rssStartMiB = server.rssMiB();
  const rooms = names.map((room) =>
    Array.from(
      { length: shape.clientsPerDraft },
      (): RoomAddress => ({ kind: 'hocuspocus', url: server.url, room, cookie: null }),
    ),
  );
  const holders = shape.hold ? await holdAll(rooms) : [];
  return {
    server,
    instances: [server],
    rssStartMiB,
    rooms,
    holders,
    stop: async () => {
      for (const holder of holders) holder.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seedStock(shape: DraftShape): Promise<SeededServer> {
  const state = initialDocument(shape.clauses);
  const server = await startReference();
  const rssStartMiB = server.rssMiB();
  const rooms = Array.from({ length: shape.drafts }, (_, i) =>
    Array.from(
      { length: shape.clientsPerDraft },
      (): RoomAddress => ({ kind: 'stock', url: server.url, room: `bench-draft-${i}`, cookie: null }),
    ),
  );
  const holders = rooms.map((clients) => {
    const first = clients[0];
    if (first === undefined) throw new Error('a draft without clients');
    return openLeanClient(first, false, state);
  });
  await Promise.all(holders.map((holder) => holder.synced));
  return {
    server,
    instances: [server],
    rssStartMiB,
    rooms,
    holders,
    stop: async () => {
      for (const holder of holders) holder.close();
      await server.stop();
    },
  };
}
