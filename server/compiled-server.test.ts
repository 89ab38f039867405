import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from './testing/child-server.ts';
import { OPERATOR_HEADERS } from './testing/test-server.ts';

// `npm start` runs the server compiled by vite.server.config.ts on plain node: build it as it
// does, into a directory of its own, and use it as a person would.
let outDir = '';
let dataDir = '';
let server: ChildServer;

beforeAll(async () => {
  // Inside the project, so that the built code finds its dependencies in node_modules.
  const cache = fileURLToPath(new URL('../node_modules/.cache', import.meta.url));
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'mufakat-built-'));
  dataDir = mkdtempSync(join(tmpdir(), 'mufakat-built-data-'));
  execFileSync('npx', [
    'vite',
    'build',
    '--config',
    'vite.server.config.ts',
    '--outDir',
    outDir,
    '--logLevel',
    'error',
  ]);
  server = await startChildServer(dataDir, {}, [join(outDir, 'main.js')]);
}, 120_000);

afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it('answers, and reads an import in its worker thread from the compiled worker file', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const response = await fetch(`${server.url}/api/import`, {
      method: 'POST',
      headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'CHAIR’S REPORT\n\n1. The meeting opened.\n2. The meeting closed.' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { clauses: Array<{ text: string }> };
    expect(body.clauses.map((c) => c.text)).toEqual(['The meeting opened.', 'The meeting closed.']);
  });
});
