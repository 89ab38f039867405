import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment, parsed once at start-up. */
export const ServerConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  dataDir: z.string().default('./data'),
  /**
   * `postgres://user:password@host:port/database`: keep every store in PostgreSQL instead of the
   * embedded SQLite file under `dataDir`. Unset: SQLite.
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'MUFAKAT_DATABASE_URL must be a postgres:// or postgresql:// URL.')
    .optional(),
  /**
   * `redis://host:6379`: several instances on the same `databaseUrl` share every draft, telling
   * each other what they stored through Redis. Needs `databaseUrl`. Unset: one instance.
   */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'MUFAKAT_REDIS_URL must be a redis:// or rediss:// URL.')
    .optional(),
  /**
   * With Redis: a draft with people connected that heard nothing from another instance for this
   * long reads the log, for what Redis lost (or everything, while Redis is down).
   */
  clusterQuietMs: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** The origin links are built with, e.g. `https://mufakat.example.org`; default: the request's. */
  publicUrl: z.url().optional(),
  /** Extra origins allowed to open the collaboration socket (comma-separated in the env). */
  allowedOrigins: z.array(z.string()).default([]),
  /** Frames above this size close the socket with 4413. */
  maxMessageBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Messages per second a session (all its sockets) may send on average, and the burst above that. */
  messagesPerSecond: z.coerce.number().int().min(1).default(100),
  messageBurst: z.coerce.number().int().min(1).default(500),
  /** Bytes per second a session may send on average, and the burst above that. */
  bytesPerSecond: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  byteBurst: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Collaboration sockets and events channels one session may hold open at once. */
  maxSocketsPerSession: z.coerce.number().int().min(1).default(8),
  maxStreamsPerSession: z.coerce.number().int().min(1).default(8),
  compactAfterUpdates: z.coerce.number().int().min(1).default(1000),
  /** What one draft's stored document may grow to; beyond it an update is refused with 4413. */
  maxDocumentBytes: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(64 * 1024 * 1024),
  /**
   * What may wait unsent on one collaboration socket, for a client that does not read what it
   * is sent; beyond it the socket is dropped and the client, once it reads again, reconnects and
   * syncs afresh. Unset: the document size cap plus 8 MiB, so that a slow link still takes a
   * whole document and what follows it.
   */
  maxUnsentBytes: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .optional(),
  idleUnloadMs: z.coerce.number().int().min(0).default(10_000),
  /**
   * Both commit every update before it is broadcast. FULL also syncs the disk at each commit and
   * so survives power loss; NORMAL survives a crash of the process only. With group commit FULL
   * costs nothing measurable in the benchmark: a slower sync lets a larger group gather.
   */
  sqliteSynchronous: z.enum(['NORMAL', 'FULL']).default('FULL'),
  /** The most the database file may hold, in MiB; unset: as much as the disk holds. */
  maxDatabaseMb: z.coerce.number().int().min(1).optional(),
  logLevel: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  /**
   * Who may start drafts: the holder of this token (`Authorization: Bearer <token>`). Unset, the
   * server generates one at each start and prints it.
   */
  operatorToken: z.string().min(16, 'MUFAKAT_OPERATOR_TOKEN must be at least 16 characters.').max(256).optional(),
  /** Seed the ADMM-Plus demo draft on first start. */
  seedDemo: z.boolean().default(true),
  /** Where the built client is served from; empty to serve no client. */
  clientDir: z.string().default('dist/client'),
  /**
   * Tests only: the server's clock runs this far ahead of the real time and `POST /api/test/clock`
   * moves it on (see server/consensus/test-clock.ts). Unset: the real clock, and no such route.
   */
  testClockOffsetMs: z.coerce.number().int().min(0).optional(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;

/** Reads `PORT`, `MUFAKAT_*` and friends; throws a readable error naming the bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const result = ServerConfig.safeParse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.MUFAKAT_DATA_DIR,
    databaseUrl: env.MUFAKAT_DATABASE_URL || undefined,
    redisUrl: env.MUFAKAT_REDIS_URL || undefined,
    clusterQuietMs: env.MUFAKAT_CLUSTER_QUIET_MS || undefined,
    publicUrl: env.MUFAKAT_PUBLIC_URL || undefined,
    allowedOrigins: env.MUFAKAT_ALLOWED_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    maxMessageBytes: env.MUFAKAT_MAX_MESSAGE_BYTES,
    messagesPerSecond: env.MUFAKAT_MESSAGES_PER_SECOND,
    messageBurst: env.MUFAKAT_MESSAGE_BURST,
    bytesPerSecond: env.MUFAKAT_BYTES_PER_SECOND,
    byteBurst: env.MUFAKAT_BYTE_BURST,
    maxSocketsPerSession: env.MUFAKAT_MAX_SOCKETS_PER_SESSION,
    maxStreamsPerSession: env.MUFAKAT_MAX_STREAMS_PER_SESSION,
    compactAfterUpdates: env.MUFAKAT_COMPACT_AFTER_UPDATES,
    maxDocumentBytes: env.MUFAKAT_MAX_DOCUMENT_BYTES,
    maxUnsentBytes: env.MUFAKAT_MAX_UNSENT_BYTES || undefined,
    idleUnloadMs: env.MUFAKAT_IDLE_UNLOAD_MS,
    sqliteSynchronous: env.MUFAKAT_SQLITE_SYNCHRONOUS,
    maxDatabaseMb: env.MUFAKAT_MAX_DATABASE_MB || undefined,
    logLevel: env.MUFAKAT_LOG_LEVEL,
    operatorToken: env.MUFAKAT_OPERATOR_TOKEN || undefined,
    seedDemo: env.MUFAKAT_SEED_DEMO === undefined ? undefined : env.MUFAKAT_SEED_DEMO !== 'false',
    clientDir: env.MUFAKAT_CLIENT_DIR,
    testClockOffsetMs: env.MUFAKAT_TEST_CLOCK_OFFSET_MS || undefined,
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  if (result.data.databaseUrl !== undefined && result.data.maxDatabaseMb !== undefined) {
    // Refused rather than ignored: an operator who set a cap must not believe it holds.
    throw new Error(
      'Invalid configuration: MUFAKAT_MAX_DATABASE_MB caps the SQLite file and does nothing with MUFAKAT_DATABASE_URL; cap the PostgreSQL database (its volume or tablespace) instead and unset it.',
    );
  }
  if (result.data.redisUrl !== undefined && result.data.databaseUrl === undefined) {
    // Instances share drafts through one PostgreSQL; each SQLite file is one instance's alone.
    throw new Error(
      'Invalid configuration: MUFAKAT_REDIS_URL lets several instances share drafts stored in one PostgreSQL; set MUFAKAT_DATABASE_URL too.',
    );
  }
  if (result.data.testClockOffsetMs !== undefined && env.NODE_ENV === 'production') {
    throw new Error('Invalid configuration: MUFAKAT_TEST_CLOCK_OFFSET_MS is for tests and is refused in production.');
  }
  return { ...result.data, dataDir: resolve(result.data.dataDir) };
}
