import pg from 'pg';
import { z } from 'zod';
import { StorageFault } from '../storage-fault.ts';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './postgres-migrations.ts';

export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database` (MUFAKAT_DATABASE_URL). */
  url: string;
  /** Connections the pool keeps at most. */
  maxConnections?: number;
  /** How often the health probe asks PostgreSQL whether it is there (ms). */
  probeIntervalMs?: number;
}

/** What a query runs on: the pool, or one transaction's client. */
export interface Queryable {
  /**
   * With `name`, the statement is prepared once per connection under that name and planned from
   * then on without being parsed again: for the statements of the hot path.
   */
  query(text: string, values?: readonly unknown[], options?: { name?: string }): Promise<pg.QueryResult>;
  /** The same query answering rows as arrays: cheaper for wide reads such as the update log. */
  queryArrays(text: string, values?: readonly unknown[]): Promise<unknown[][]>;
}

export interface PostgresDatabase extends Queryable {
  /**
   * Runs `task` in one transaction and commits it; anything it throws rolls it all back.
   * `readOnly` transactions see one snapshot for all their statements (REPEATABLE READ).
   * `task` may commit early (`commit`): what it does after runs outside the transaction, whose
   * `tx` must not be used again, and a throw after it rolls nothing back.
   */
  transaction<T>(
    task: (tx: Queryable, commit: () => Promise<void>) => Promise<T>,
    options?: { readOnly?: boolean },
  ): Promise<T>;
  /** Why PostgreSQL cannot be used right now, or null while the last query to it worked. */
  readonly fault: string | null;
  /** Connections the pool keeps at most. */
  readonly poolSize: number;
  close(): Promise<void>;
}

/**
 * Key of the transaction-scoped advisory lock that migrations hold: two instances starting at
 * once migrate one after the other. Transaction-scoped, so a pooling proxy cannot leak it.
 */
const MIGRATION_LOCK = 7_270_424_116_001;

/**
 * SQLSTATEs that mean the connection, not the statement, failed: connection exceptions (class 08
 * but a protocol violation, which is a bug), shutdowns and restarts, too many connections.
 */
const CONNECTION_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);

/**
 * bigint columns come back as numbers (pg gives strings, since an int8 may pass 2^53; a
 * per-draft sequence number never will), timestamptz as JavaScript Dates.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Where the database is, for messages: never the password. */
function locationOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port === '' ? '' : `:${parsed.port}`}${parsed.pathname}`;
  } catch (_notAUrl: unknown) {
    return 'MUFAKAT_DATABASE_URL';
  }
}

/**
 * Connects a pool to PostgreSQL and brings the schema up to date (in one transaction, under an
 * advisory lock), refusing a schema newer than this code. Errors of the connection become
 * `StorageFault`s (503), and `fault` says what is wrong until a query succeeds again.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
  const where = locationOf(options.url);
  const poolSize = options.maxConnections ?? 10;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: poolSize,
    // While PostgreSQL is away, a write fails within seconds instead of waiting for ever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 30_000,
    keepAlive: true,
    types,
  });
  let fault: string | null = null;
  const faultOf = (error: unknown): StorageFault => {
    const why = error instanceof Error ? error.message : String(error);
    fault = `PostgreSQL at ${where} cannot be reached (${why}). Nothing is stored until it is back: check that it runs and accepts connections; Mufakat reconnects by itself.`;
    return new StorageFault(fault);
  };
  /**
   * A failed query: a statement PostgreSQL refused (a constraint, a trigger) is the caller's to
   * handle; anything else (no connection, a connection lost or timed out, a shutdown) is a
   * fault of the store.
   */
  const classify = (error: unknown): unknown => {
    if (error instanceof pg.DatabaseError && !CONNECTION_STATES.has(error.code ?? '')) return error;
    return faultOf(error);
  };
  // An idle connection that PostgreSQL ends (a restart, a fast shutdown) is dropped by the pool;
  // without a listener its error would end the process.
  pool.on('error', (error) => {
    faultOf(error);
  });
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query(text, values, options) {
      try {
        const result = await client.query({ text, values: values as unknown[], name: options?.name });
        fault = null;
        return result;
      } catch (error: unknown) {
        throw classify(error);
      }
    },
    async queryArrays(text, values) {
      try {
        const result = await client.query({ text, values: values as unknown[], rowMode: 'array' });
        fault = null;
        return result.rows as unknown[][];
      } catch (error: unknown) {
        throw classify(error);
      }
    },
  });

  const transaction: PostgresDatabase['transaction'] = async (task, { readOnly = false } = {}) => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error: unknown) {
      throw classify(error);
    }
    // The pool listens for errors only on idle connections: one that breaks while checked out,
    // between two statements of the transaction, would otherwise end the process. The next
    // statement fails on it, and the transaction with it.
    const onConnectionError = (error: Error) => {
      faultOf(error);
    };
    client.on('error', onConnectionError);
    const tx = on(client);
    let committed = false;
    const commit = async () => {
      if (committed) return;
      await tx.query('COMMIT');
      committed = true;
      client.off('error', onConnectionError);
      client.release();
    };
    try {
      await tx.query(readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      const result = await task(tx, commit);
      await commit();
      return result;
    } catch (error: unknown) {
      if (committed) throw error;
      try {
        await client.query('ROLLBACK');
        client.off('error', onConnectionError);
        client.release();
      } catch (_connectionGone: unknown) {
        // The connection itself failed: the pool must not hand it out again.
        client.off('error', onConnectionError);
        client.release(true);
      }
      throw error;
    }
  };

  try {
    await migrate(transaction);
  } catch (error: unknown) {
    await pool.end();
    throw error instanceof StorageFault
      ? new Error(`Mufakat could not open its PostgreSQL database: ${error.message}`)
      : error;
  }

  // Asked now and then, so that the health check knows PostgreSQL went away before a write does.
  const probe = setInterval(() => {
    on(pool)
      .query('SELECT 1')
      .catch(() => undefined);
  }, options.probeIntervalMs ?? 5_000);
  probe.unref();

  const root = on(pool);
  return {
    ...root,
    transaction,
    get fault() {
      return fault;
    },
    poolSize,
    async close() {
      clearInterval(probe);
      await pool.end();
    },
  };
}

async function migrate(transaction: PostgresDatabase['transaction']): Promise<void> {
  await transaction(async (tx) => {
    // Rooms broadcast an update once its commit is acknowledged: a database that acknowledges
    // commits before they are written would make every broadcast a promise it may not keep.
    const sync = await tx.query('SHOW synchronous_commit');
    if (z.object({ synchronous_commit: z.string() }).parse(sync.rows[0]).synchronous_commit === 'off') {
      throw new Error(
        'PostgreSQL runs with synchronous_commit = off, so it acknowledges commits it could still lose, and Mufakat broadcasts only what is stored. Turn it on for this database (ALTER DATABASE … SET synchronous_commit = on, or in postgresql.conf), then start again.',
      );
    }
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations');
    const current = z.object({ version: z.number() }).parse(rows[0]).version;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new Error(
        `The database was written by a newer Mufakat (schema ${current}, this one knows ${POSTGRES_SCHEMA_VERSION}). Upgrade Mufakat.`,
      );
    }
    for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
      const version = index + 1;
      if (version <= current) continue;
      await tx.query(sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
  });
}
