import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_OPERATOR_TOKEN } from '../server/testing/test-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Servers still running; killed if the benchmark dies, so that none is left behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}
const CLOCK_TICKS_PER_SECOND = 100;

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number;
  /** Peak resident set size so far, in MiB (VmHWM). */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function procStats(pid: number) {
  return {
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat: utime and stime in clock ticks (after the comm field).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    peakRssMiB: () => {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match === null ? Number.NaN : Number(match[1]) / 1024;
    },
  };
}

async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Mufakat's server as `npm start` runs it, with its write-ahead SQLite store on a fresh directory. */
export async function startMufakat(
  env: Record<string, string> = {},
  dataDir?: string,
  /** Extra flags for node, e.g. `--cpu-prof` to profile the server under the workload. */
  nodeArgs: string[] = [],
  /** The checkout to run the server from: another commit's worktree, to compare with it. */
  root: string = ROOT,
): Promise<ServerProcess & { dataDir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'mufakat-bench-'));
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        MUFAKAT_DATA_DIR: dir,
        MUFAKAT_SEED_DEMO: 'false',
        MUFAKAT_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
        MUFAKAT_CLIENT_DIR: '',
        MUFAKAT_LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await waitForOutput(child, /Mufakat is running at/);
  const pid = child.pid ?? 0;
  return {
    name: 'mufakat',
    url: `http://127.0.0.1:${port}`,
    child,
    dataDir: dir,
    ...procStats(pid),
    stop: async () => {
      await stopChild(child);
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reference: the stock y-websocket server, @y/websocket-server 0.1.1, which stores nothing. */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await waitForOutput(child, /running at/);
  return {
    name: 'reference',
    url: `http://127.0.0.1:${port}`,
    child,
    ...procStats(child.pid ?? 0),
    stop: () => stopChild(child),
  };
}
