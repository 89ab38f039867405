import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  /** Resident set size now, in MiB (VmRSS). */
  rssMiB(): number;
  /**
   * fsync and fdatasync calls the process has made so far (SQLite syncs once per commit), or
   * null when they are not counted (neither perf nor strace works here, or a server that stores nothing).
   */
  fsyncs(): number | null;
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
    peakRssMiB: () => statusMiB(pid, 'VmHWM'),
    rssMiB: () => statusMiB(pid, 'VmRSS'),
  };
}

function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

/** How a server's fsyncs are counted here; BENCH_FSYNC_COUNT=off (or BENCH_STRACE=0) turns it off. */
type FsyncCounter = 'perf' | 'strace' | null;

let counter: FsyncCounter | undefined;

function fsyncCounter(): FsyncCounter {
  if (counter !== undefined) return counter;
  counter = null;
  if (process.env.BENCH_FSYNC_COUNT === 'off' || process.env.BENCH_STRACE === '0') return counter;
  const works = (command: string, args: string[]) => {
    try {
      execFileSync(command, args, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (works('perf', ['stat', '-x,', '-e', FSYNC_TRACEPOINTS, '--', 'true'])) counter = 'perf';
  else if (works('strace', ['-V'])) counter = 'strace';
  return counter;
}

const FSYNC_TRACEPOINTS = 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync';
/** One of `perf stat -x, -I`'s lines: seconds, the count in the interval, unit, event, …. */
const PERF_INTERVAL_LINE = /^\s*[\d.]+,(\d+),[^,\n]*,syscalls:sys_enter_f(?:data)?sync,/gm;

/**
 * The command that runs `args` with its fsyncs counted, and how to read the count so far.
 *
 * `perf stat` counts the calls at the kernel's syscall tracepoints and never stops the server; it
 * prints the counts every 50 ms, which are summed. strace, where perf cannot (no perf, or no
 * access to tracepoints), stops the server at each traced call (seccomp-bpf filters the rest in
 * the kernel): two switches to strace and back per commit, about 0.3 s of the server's CPU in the
 * many-drafts workload, charged to Mufakat alone.
 */
function withFsyncCount(args: string[], dir: string): { command: string; args: string[]; fsyncs: () => number | null } {
  const how = fsyncCounter();
  const log = join(dir, 'fsyncs.log');
  const written = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  if (how === 'perf') {
    return {
      command: 'perf',
      args: ['stat', '-x,', '-I', '50', '-e', FSYNC_TRACEPOINTS, '-o', log, '--', ...args],
      // Interval lines: time, count, unit, event, …
      fsyncs: () => {
        let total = 0;
        for (const [, calls] of written().matchAll(PERF_INTERVAL_LINE)) total += Number(calls);
        return total;
      },
    };
  }
  if (how === 'strace') {
    return {
      command: 'strace',
      args: ['-f', '--seccomp-bpf', '-qq', '-e', 'trace=fsync,fdatasync', '-o', log, ...args],
      fsyncs: () => written().match(/sync\(/g)?.length ?? 0,
    };
  }
  return { command: args[0] ?? '', args: args.slice(1), fsyncs: () => null };
}

/** The server's own process: the counter's child when perf or strace runs it. */
function serverPid(child: ChildProcess, traced: boolean): number {
  const pid = child.pid ?? 0;
  if (!traced) return pid;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ');
  return Number(children[0]);
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

/** Stops the server (SIGTERM to its own process, the counter's child when counted) and waits for the exit. */
async function stopChild(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(pid, 'SIGTERM');
  await exited;
}

/** Spawns a server, waits for `ready` on its output, and wraps its process's figures. */
async function spawnServer(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; port: number; traceDir: string | null },
): Promise<ServerProcess> {
  const traced = options.traceDir === null ? null : withFsyncCount(args, options.traceDir);
  const [command, ...rest] = traced === null ? args : [traced.command, ...traced.args];
  const child = track(
    spawn(command ?? '', rest, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  await waitForOutput(child, options.ready);
  const pid = serverPid(child, traced !== null && traced.command !== args[0]);
  if (pid !== child.pid) {
    // A tracer that dies detaches, and its server lives on: kill the server itself at exit too.
    process.on('exit', () => {
      if (child.exitCode === null) process.kill(pid, 'SIGKILL');
    });
  }
  return {
    name,
    url: `http://127.0.0.1:${options.port}`,
    child,
    ...procStats(pid),
    fsyncs: traced?.fsyncs ?? (() => null),
    stop: () => stopChild(child, pid),
  };
}

/** Checkouts whose server this benchmark run has compiled already. */
const compiled = new Set<string>();

/**
 * The command that runs Mufakat's server in `root`: as `npm start` does, compiled by
 * vite.server.config.ts (built once per run) and run on plain node. BENCH_MUFAKAT_RUNTIME=tsx runs
 * the TypeScript sources through tsx instead, as development does (and as every run did before
 * the server was compiled); so does a checkout from before there was a server build.
 */
function mufakatCommand(root: string, nodeArgs: string[]): string[] {
  if (process.env.BENCH_MUFAKAT_RUNTIME === 'tsx' || !existsSync(join(root, 'vite.server.config.ts'))) {
    return [process.execPath, ...nodeArgs, '--import', 'tsx', 'server/main.ts'];
  }
  if (!compiled.has(root)) {
    const args = ['vite', 'build', '--config', 'vite.server.config.ts', '--logLevel', 'error'];
    execFileSync('npx', args, { cwd: root, stdio: 'inherit' });
    compiled.add(root);
  }
  return [process.execPath, ...nodeArgs, 'dist/server/main.js'];
}

/**
 * Mufakat's server as `npm start` runs it, with its write-ahead SQLite store on a fresh directory
 * (or `dataDir`, e.g. one the benchmark seeded with drafts). With `countFsyncs`, it runs under
 * perf stat (or strace) when the machine has it, counting its fsyncs.
 */
export async function startMufakat(
  env: Record<string, string> = {},
  dataDir?: string,
  /** Extra flags for node, e.g. `--cpu-prof` to profile the server under the workload. */
  nodeArgs: string[] = [],
  /** The checkout to run the server from: another commit's worktree, to compare with it. */
  root: string = ROOT,
  countFsyncs = false,
): Promise<ServerProcess & { dataDir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'mufakat-bench-'));
  const port = await freePort();
  const server = await spawnServer('mufakat', mufakatCommand(root, nodeArgs), {
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
    ready: /Mufakat is running at/,
    port,
    traceDir: countFsyncs ? dir : null,
  });
  return {
    ...server,
    dataDir: dir,
    stop: async () => {
      await server.stop();
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reference: the stock y-websocket server, @y/websocket-server 0.1.1, which stores nothing. */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort();
  return spawnServer('stock', [process.execPath, 'node_modules/@y/websocket-server/src/server.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    ready: /running at/,
    port,
    traceDir: null,
  });
}

/**
 * The second reference: Hocuspocus 4.7 with its SQLite extension (`bench/hocuspocus-server.mjs`),
 * on `database`, a SQLite file the caller may have seeded (`seedHocuspocusDatabase`). Its fsyncs
 * are counted as Mufakat's are, so that the two stores can be compared.
 */
export async function startHocuspocus(database: string, countFsyncs = false): Promise<ServerProcess> {
  const port = await freePort();
  return spawnServer('hocuspocus', [process.execPath, 'bench/hocuspocus-server.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', HOCUSPOCUS_DATABASE: database },
    ready: /hocuspocus running at/,
    port,
    traceDir: countFsyncs ? dirname(database) : null,
  });
}
