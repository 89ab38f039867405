import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TEST_OPERATOR_TOKEN } from './test-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  process: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ListeningLine = z.object({ msg: z.literal('listening'), port: z.number() });

/** How the child runs: the TypeScript sources through tsx, unless told to run a built file. */
const FROM_SOURCE = ['--import', 'tsx', 'server/main.ts'];

/** Runs the server in its own process, as `npm start` does, and waits until it listens. */
export async function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = FROM_SOURCE,
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MUFAKAT_DATA_DIR: dataDir,
      MUFAKAT_SEED_DEMO: 'false',
      MUFAKAT_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
      MUFAKAT_CLIENT_DIR: '',
      MUFAKAT_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  // Kept only for the error message if the server dies before listening: its last 64 KB.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-65_536);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let partialLine = '';
    const readLines = (chunk: Buffer) => {
      const lines = (partialLine + chunk.toString()).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const parsed = ListeningLine.safeParse(JSON.parse(line));
          if (parsed.success) {
            // The rest of the log is not read, only drained: a server that logs every request
            // for minutes must cost the harness nothing, and must not block on a full pipe.
            child.stdout?.off('data', readLines);
            child.stdout?.resume();
            resolve(parsed.data.port);
            return;
          }
        } catch (_notJson: unknown) {
          // Not a log line (the demo links): keep reading.
        }
      }
    };
    child.stdout?.on('data', readLines);
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
  return { process: child, url: `http://127.0.0.1:${port}`, exited };
}
