import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
// @ts-expect-error: a plain .mjs helper shared with the test runner, without type declarations.
import { ensurePostgres } from '../../scripts/find-postgres.mjs';

const Binaries = z.object({ initdb: z.string(), postgres: z.string() });

/** The superuser of every private cluster; it trusts local connections, no password. */
const SUPERUSER = 'mufakat';

/**
 * A private PostgreSQL for tests: its own cluster in a temporary directory, listening on
 * 127.0.0.1 on a free port, gone after `stop`. One serves a whole test file; each test takes
 * its own database from it.
 */
export interface PostgresServer {
  readonly port: number;
  /** A new, empty database; answers its connection URL. */
  createDatabase(): Promise<string>;
  /** Drops a database made by `createDatabase`, ending the connections still open to it. */
  dropDatabase(url: string): Promise<void>;
  /** Stops the postmaster as `pg_ctl stop -m fast` does (SIGINT), keeping the cluster: PostgreSQL down. */
  halt(): Promise<void>;
  /**
   * Stops it as `pg_ctl stop -m immediate` does (SIGQUIT): every process aborts at once, as in a
   * crash, and the next start recovers from the write-ahead log.
   */
  crash(): Promise<void>;
  /** Starts the postmaster again on the same cluster and port after `halt`; running, it does nothing. */
  resume(): Promise<void>;
  /** Stops it and removes the cluster. */
  stop(): Promise<void>;
}

/**
 * initdb refuses to run as root, and so does postgres: as root, both run as the `postgres`
 * system user that Debian's package creates (or `nobody`), which then owns the cluster's directory.
 */
function unprivilegedUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch (_noSuchUser: unknown) {
      // Try the next one.
    }
  }
  throw new Error('Running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as.');
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Runs a command to its end as `user`, failing with its output. */
function run(command: string, args: string[], user: { uid: number; gid: number } | null): void {
  try {
    execFileSync(command, args, { stdio: 'pipe', ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  } catch (error: unknown) {
    const output = z.object({ stderr: z.instanceof(Buffer) }).safeParse(error);
    throw new Error(`${command} failed: ${output.success ? output.data.stderr.toString() : String(error)}`);
  }
}

/**
 * Starts a private PostgreSQL cluster (installing PostgreSQL first as root on Debian if it is
 * missing). `durable`: syncs to disk as a production server does (the benchmark, which compares
 * it with SQLite syncing every commit); tests leave it off.
 */
export async function startPostgresServer(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const binaries = Binaries.parse(ensurePostgres());
  const user = unprivilegedUser();
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-pg-'));
  if (user !== null) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  run(
    binaries.initdb,
    ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'],
    user,
  );
  const port = await freePort();
  let postmaster: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    if (postmaster !== null && postmaster.exitCode === null) return;
    log = '';
    // A crash of the machine is not under test: skipping fsync keeps the suite fast on 2 cores.
    // A crash of PostgreSQL is (`crash`), and synchronous_commit stays on: every commit is in
    // the operating system's hands before it is acknowledged.
    const settings = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: dir,
      fsync: options.durable === true ? 'on' : 'off',
      full_page_writes: options.durable === true ? 'on' : 'off',
      // PostgreSQL's own default where it is measured; the suite's many small clusters take less.
      shared_buffers: options.durable === true ? '128MB' : '16MB',
      max_connections: '200',
    };
    const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
    const child = spawn(binaries.postgres, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) });
    child.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-16_384);
    });
    postmaster = child;
    const exited = once(child, 'exit');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (_notYet: unknown) {
        await client.end().catch(() => undefined);
      }
      const died = await Promise.race([exited.then(() => true), delay(100).then(() => false)]);
      if (died) throw new Error(`postgres exited before accepting connections: ${log}`);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${log}`);
    }
  };

  const halt = async (signal: 'SIGINT' | 'SIGQUIT' = 'SIGINT') => {
    const child = postmaster;
    postmaster = null;
    if (child === null || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };

  const admin = async <T>(task: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
    await client.connect();
    try {
      return await task(client);
    } finally {
      await client.end();
    }
  };

  await start();
  // A test process that ends without `stop` (a crash, a timeout) takes its cluster with it:
  // SIGQUIT is PostgreSQL's immediate shutdown, and the only kind a synchronous exit can send.
  const killOnExit = () => postmaster?.kill('SIGQUIT');
  process.once('exit', killOnExit);
  let databases = 0;
  return {
    port,
    async createDatabase() {
      databases += 1;
      const name = `mufakat_test_${databases}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    async dropDatabase(url) {
      const name = z
        .string()
        .regex(/^mufakat_test_\d+$/)
        .parse(new URL(url).pathname.slice(1));
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    halt: () => halt('SIGINT'),
    crash: () => halt('SIGQUIT'),
    resume: start,
    async stop() {
      process.off('exit', killOnExit);
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
