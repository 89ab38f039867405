import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, type MufakatApp } from './app.ts';
import { createToken } from './auth/tokens.ts';
import type { ServerConfig } from './config.ts';
import { TestClock } from './consensus/test-clock.ts';
import { ensureDemoDraft } from './demo/seed-demo.ts';
import type { DraftTokens } from './drafts/issue-links.ts';
import { createLogger, type Logger } from './logger.ts';
import { linksFor } from './routes/api-routes.ts';
import { createSqliteStores } from './storage/sqlite/sqlite-stores.ts';
import type { Stores } from './storage/stores.ts';

export interface RunningServer {
  port: number;
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  stores: Stores;
  mufakat: MufakatApp;
  /** The token that starts drafts. */
  operatorToken: string;
  /** It was generated for this run (no MUFAKAT_OPERATOR_TOKEN): it must be shown to the operator. */
  operatorTokenGenerated: boolean;
  demo: { draftId: string; links: ReturnType<typeof linksFor> } | null;
  /** Drains every room, closes every socket and the store. */
  close(): Promise<void>;
}

/**
 * PostgreSQL when `MUFAKAT_DATABASE_URL` is set (migrated before anything is served), otherwise
 * the embedded SQLite file in the data directory (checked and migrated the same way). The
 * PostgreSQL stores, like the cluster, are loaded only when configured: the embedded server does
 * not carry `pg` and `ioredis` in its memory (about 12 MiB of the 105 it had at start).
 */
async function openStores(config: ServerConfig): Promise<Stores> {
  if (config.databaseUrl !== undefined) {
    const { createPostgresStores } = await import('./storage/postgres/postgres-stores.ts');
    return createPostgresStores({ url: config.databaseUrl });
  }
  return createSqliteStores({
    file: join(config.dataDir, 'mufakat.sqlite'),
    synchronous: config.sqliteSynchronous,
    ...(config.maxDatabaseMb === undefined ? {} : { maxBytes: config.maxDatabaseMb * 1024 * 1024 }),
  });
}

/** Starts the whole server on `config.port` (0 for any free port) and seeds the demo if asked. */
export async function startServer(
  config: ServerConfig,
  logger: Logger = createLogger(config.logLevel),
  options: { wrapStores?: (stores: Stores) => Stores } = {},
): Promise<RunningServer> {
  const opened = await openStores(config);
  // Tests wrap the real stores to observe or slow them; the server itself never does.
  const stores = options.wrapStores?.(opened) ?? opened;
  // Without a configured operator token, one for this run, printed with the links.
  const operatorToken = config.operatorToken ?? createToken();
  const testClock = config.testClockOffsetMs === undefined ? undefined : new TestClock(config.testClockOffsetMs);
  if (testClock !== undefined) logger.warn('test clock enabled: POST /api/test/clock moves the server clock');
  const cluster =
    config.redisUrl === undefined
      ? undefined
      : (await import('./cluster/cluster.ts')).createCluster({
          redisUrl: config.redisUrl,
          documents: stores.documents,
          logger,
          quietMs: config.clusterQuietMs,
        });
  const mufakat = createApp({
    stores,
    logger,
    config: { ...config, operatorToken },
    ...(testClock === undefined ? {} : { testClock }),
    ...(cluster === undefined ? {} : { cluster }),
  });
  // A silence whose deadline passed while the server was down concludes now, before anyone joins.
  await mufakat.silenceClock.start();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: mufakat.app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  mufakat.injectWebSocket(server as Parameters<MufakatApp['injectWebSocket']>[0]);
  const { port } = server.address() as AddressInfo;
  const localHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${localHost}:${port}`;

  let demo: RunningServer['demo'] = null;
  if (config.seedDemo) {
    const seeded = await ensureDemoDraft(stores, new Date());
    demo = { draftId: seeded.draftId, links: linksFor(config.publicUrl ?? url, seeded.tokens as DraftTokens) };
  }

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop taking connections first, then let every room finish storing, then close the store.
      server.close();
      await mufakat.close();
      await cluster?.close();
      await stores.close();
    })();
    return closing;
  };
  return {
    port,
    url,
    stores,
    mufakat,
    demo,
    close,
    operatorToken,
    operatorTokenGenerated: config.operatorToken === undefined,
  };
}
