import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
// @ts-expect-error: a plain .mjs helper shared with the test runner, without type declarations.
import { ensureRedis } from '../../scripts/find-redis.mjs';

/**
 * A private Redis for tests: `redis-server` from the system on a free port of 127.0.0.1, in its
 * own temporary directory, keeping nothing on disk (`--save ''`, no append-only file), gone after
 * `stop`. One serves a whole test file.
 */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Kills it at once (SIGKILL), as a crash would: whatever it held is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port after `kill`; running, it does nothing. */
  resume(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
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

/** Starts a private redis-server (installing Debian's package first as root if it is missing). */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = z.string().parse(ensureRedis());
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child !== null && child.exitCode === null) return;
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--logfile',
      '',
    ];
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let log = '';
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-16_384);
        if (log.includes('Ready to accept connections')) {
          started.stdout?.off('data', onData);
          started.stdout?.resume();
          resolve();
        }
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-16_384);
      });
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready: ${log}`)));
    });
    const timeout = setTimeout(() => started.kill('SIGKILL'), 30_000);
    try {
      await ready;
    } finally {
      clearTimeout(timeout);
    }
  };

  const halt = async (signal: 'SIGKILL' | 'SIGTERM') => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill(signal);
    await exited;
  };

  await start();
  // A test process that ends without `stop` takes its Redis with it.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => halt('SIGKILL'),
    resume: start,
    async stop() {
      process.off('exit', killOnExit);
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
