import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The operator token of the e2e server: what the tests start drafts with. */
export const E2E_OPERATOR_TOKEN = 'e2e-operator-token-0123456789';

/**
 * Starts `server/main.ts` as `npm start` would, on a fresh data directory so that it seeds the
 * demo draft, and hands the demo links it prints to the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MUFAKAT_DATA_DIR: dataDir,
      MUFAKAT_LOG_LEVEL: 'warn',
      MUFAKAT_OPERATOR_TOKEN: E2E_OPERATOR_TOKEN,
      // The server's clock, moved on by POST /api/test/clock: e2e/silence.spec.ts passes a
      // silence's deadline without sleeping. Test servers only (refused under NODE_ENV=production).
      MUFAKAT_TEST_CLOCK_OFFSET_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const links = await new Promise<Record<string, string>>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not print the demo links:\n${output}`)), 30_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = Object.fromEntries([...output.matchAll(/^ {2}(\S+) +(http\S+)$/gm)].map((m) => [m[1], m[2]]));
      if (found.chair !== undefined && found.USA !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  process.env.MUFAKAT_E2E_LINKS = JSON.stringify(links);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
