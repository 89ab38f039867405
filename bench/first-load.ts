import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
// @ts-expect-error: a plain .mjs helper shared with the test runner, without type declarations.
import { findChromium } from '../scripts/find-chromium.mjs';
import { createTestDraft, TWO_DELEGATION_DRAFT } from '../server/testing/test-server.ts';
import { WAIT_FOR_VIEW_EDITABLE } from './room-in-chromium.ts';
import { startMufakat } from './server-process.ts';

/**
 * The first load of a room: the scripts and styles Chromium fetches between opening a join link
 * and the first screen of clauses being editable, with a cold cache. For each, its size as built
 * and the bytes the server sends for it to a browser that accepts brotli, gzip, or neither (asked
 * again of the same server, so the figures are what it serves, however it compresses). Also the
 * built assets the room did not fetch by then: the parts split off for later. The times come from
 * cold loads in fresh browser contexts, before the one whose bytes are counted.
 */
export interface FirstLoadFile {
  /** The path below the site's root, e.g. `/assets/index-DenoxR50.js`. */
  path: string;
  type: 'script' | 'style';
  raw: number;
  brotli: number;
  gzip: number;
  /** Bytes on the wire to Chromium (body and headers), and the coding it got over plain http. */
  wire: number;
  wireEncoding: string;
}

export interface FirstLoadResult {
  files: FirstLoadFile[];
  /**
   * Per cold load of the small draft: navigation start to DOMContentLoaded (for module scripts:
   * fetched, parsed and run) and to the first screen editable, in ms.
   */
  scriptsRunMs: number[];
  editableMs: number[];
  /** Scripts and styles in the build that the room had not fetched when it was editable. */
  notLoaded: Array<{ path: string; raw: number }>;
}

interface Seen {
  url: string;
  type: string;
  wire: number;
  encoding: string;
}

/** The bytes of the body the server sends for `path` with this Accept-Encoding, as sent. */
function bodyBytes(base: string, path: string, acceptEncoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

function builtAssets(dir: string): Array<{ path: string; raw: number }> {
  return readdirSync(join(dir, 'assets'))
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .map((name) => ({ path: `/assets/${name}`, raw: statSync(join(dir, 'assets', name)).size }));
}

export async function runFirstLoad(loads = 9): Promise<FirstLoadResult> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const clientDir = 'dist/client';
  const server = await startMufakat({ MUFAKAT_CLIENT_DIR: clientDir });
  let browser: Browser | undefined;
  try {
    const draft = await createTestDraft(server.url, TWO_DELEGATION_DRAFT);
    browser = await chromium.launch({
      executablePath: findChromium() ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const scriptsRunMs: number[] = [];
    const editableMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(draft.links.delegations.PHL ?? '');
      editableMs.push(
        (await page.evaluate(`new Promise((resolve) => (${WAIT_FOR_VIEW_EDITABLE})(resolve))`)) as number,
      );
      scriptsRunMs.push(
        (await page.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`)) as number,
      );
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const seen = new Map<string, Seen>();
    cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
      const encoding = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
      seen.set(requestId, { url: response.url, type, wire: 0, encoding: encoding?.[1] ?? 'none' });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const entry = seen.get(requestId);
      if (entry !== undefined) entry.wire = encodedDataLength;
    });
    await page.goto(draft.links.delegations.PHL ?? '');
    await page.evaluate(`new Promise((resolve) => (${WAIT_FOR_VIEW_EDITABLE})(resolve))`);
    // What had arrived when the room was editable; a preload that starts later is not counted.
    const loaded = [...seen.values()].filter(
      (entry) => (entry.type === 'Script' || entry.type === 'Stylesheet') && entry.wire > 0,
    );
    await context.close();

    const built = new Map(builtAssets(clientDir).map((asset) => [asset.path, asset.raw]));
    const files: FirstLoadFile[] = [];
    for (const entry of loaded) {
      const path = new URL(entry.url).pathname;
      files.push({
        path,
        type: entry.type === 'Script' ? 'script' : 'style',
        raw: built.get(path) ?? (await bodyBytes(server.url, path, 'identity')),
        brotli: await bodyBytes(server.url, path, 'br'),
        gzip: await bodyBytes(server.url, path, 'gzip'),
        wire: entry.wire,
        wireEncoding: entry.encoding,
      });
    }
    const fetched = new Set(files.map((file) => file.path));
    const notLoaded = [...built].filter(([path]) => !fetched.has(path)).map(([path, raw]) => ({ path, raw }));
    return { files, scriptsRunMs, editableMs, notLoaded };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** A table of the files and their sum, as `npm run bench -- --only=first-load` prints it. */
export function printFirstLoad(result: FirstLoadResult): void {
  const sum = (pick: (file: FirstLoadFile) => number) => result.files.reduce((total, file) => total + pick(file), 0);
  const row = (name: string, raw: string, br: string, gz: string, wire: string) =>
    `  ${name.padEnd(34)} ${raw.padStart(10)} ${br.padStart(10)} ${gz.padStart(10)} ${wire.padStart(16)}`;
  const lines = [
    `\nFirst load of a room: the scripts and styles fetched before the first screen is editable (cold cache)`,
    row('file', 'as built', 'brotli', 'gzip', 'wire (Chromium)'),
    ...result.files.map((file) =>
      row(file.path, kB(file.raw), kB(file.brotli), kB(file.gzip), `${kB(file.wire)} ${file.wireEncoding}`),
    ),
    row(
      `all ${result.files.length}`,
      kB(sum((f) => f.raw)),
      kB(sum((f) => f.brotli)),
      kB(sum((f) => f.gzip)),
      kB(sum((f) => f.wire)),
    ),
  ];
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
  const runs = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
  lines.push(
    `  scripts run (DOMContentLoaded): median ${median(result.scriptsRunMs).toFixed(0)} ms (loads ${runs(result.scriptsRunMs)})`,
    `  first screen editable (a 3-clause draft, nobody else in it): median ${median(result.editableMs).toFixed(0)} ms (loads ${runs(result.editableMs)})`,
  );
  if (result.notLoaded.length > 0) {
    const later = result.notLoaded.reduce((total, file) => total + file.raw, 0);
    lines.push(`  not fetched by then: ${result.notLoaded.length} files, ${kB(later)} as built`);
    for (const file of result.notLoaded) lines.push(`    ${file.path} ${kB(file.raw)}`);
  }
  console.log(lines.join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printFirstLoad(await runFirstLoad());
  process.exit(0);
}
