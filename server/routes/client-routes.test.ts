import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';
import { precompressDirectory } from './asset-compression.ts';
import { preferredEncoding } from './client-routes.ts';

const SCRIPT = `export const room = ${JSON.stringify('a clause of the demo draft, '.repeat(400))};\n`;
const INDEX = '<!doctype html><title>Mufakat</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>';
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32"/></svg>';

let server: TestServer;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'mufakat-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), INDEX);
  writeFileSync(join(clientDir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(clientDir, 'assets', 'logo-Ef56.png'), Buffer.alloc(4096, 7));
  writeFileSync(join(clientDir, 'favicon.svg'), FAVICON);
  server = await startTestServer({ clientDir });
});

afterAll(async () => {
  await server.stop();
  rmSync(clientDir, { recursive: true, force: true });
});

/** A GET as a browser sends it, its body as sent (fetch would decompress it). */
function get(path: string, headers: Record<string, string> = {}, base = server.url) {
  return new Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string | undefined>,
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the built client', () => {
  it('serves a hashed script brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(SCRIPT);
  });

  it('serves it gzipped to a browser that takes only gzip, and as it is to one that takes nothing', async () => {
    const gzipped = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(SCRIPT);
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(SCRIPT);
  });

  it('answers 304 to a browser that holds the same file', async () => {
    const first = await get('/assets/index-Ab12Cd34.js');
    const again = await get('/assets/index-Ab12Cd34.js', { 'if-none-match': first.headers.etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('does not compress what is compressed already', async () => {
    const res = await get('/assets/logo-Ef56.png', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves index.html for the room’s addresses, to be revalidated each time, with the page policy', async () => {
    for (const path of ['/', '/drafts/abc123', '/import']) {
      const res = await get(path, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.body.toString('utf8')).toBe(INDEX);
    }
  });

  it('serves the favicon as SVG', async () => {
    const res = await get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.body.toString('utf8')).toBe(FAVICON);
  });

  it('answers 404 for an asset it does not have, and for a path out of the assets', async () => {
    expect((await get('/assets/missing-0000.js')).status).toBe(404);
    expect((await get('/assets/%2e%2e/index.html')).status).toBe(404);
    expect((await get('/assets/..%2fmufakat.sqlite')).status).toBe(404);
  });
});

describe('a build with its files precompressed', () => {
  const STYLE = `.clause { margin: 0 auto; }\n${'.card-%d { padding: 1rem; }\n'.repeat(200)}`;
  let built: TestServer;
  let dir: string;
  let written: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mufakat-built-client-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'index-Gh78.css'), STYLE);
    writeFileSync(join(dir, 'assets', 'tiny-Ij90.js'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'assets', 'logo-Ef56.png'), Buffer.alloc(4096, 7));
    written = await precompressDirectory(dir);
    // A build that lost one file's brotli form: the server must still answer compressed.
    rmSync(join(dir, 'assets', 'index-Gh78.css.br'));
    built = await startTestServer({ clientDir: dir });
  });

  afterAll(async () => {
    await built.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a .br and a .gz beside each text file worth compressing, each decompressing to the file', () => {
    expect(written).toEqual([
      'assets/index-Ab12Cd34.js.br',
      'assets/index-Ab12Cd34.js.gz',
      'assets/index-Gh78.css.br',
      'assets/index-Gh78.css.gz',
    ]);
    const script = join(dir, 'assets', 'index-Ab12Cd34.js');
    expect(brotliDecompressSync(readFileSync(`${script}.br`)).toString('utf8')).toBe(SCRIPT);
    expect(gunzipSync(readFileSync(`${script}.gz`)).toString('utf8')).toBe(SCRIPT);
    expect(existsSync(join(dir, 'assets', 'logo-Ef56.png.gz'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'tiny-Ij90.js.gz'))).toBe(false);
  });

  it('sends the .br as the build wrote it, with its coding, Vary and a year of caching', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' }, built.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.equals(readFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.br')))).toBe(true);
  });

  it('sends the .gz as written to a browser that takes only gzip, and the file itself to one that takes neither', async () => {
    const gzipped = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip;q=1, br;q=0' }, built.url);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.equals(readFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.gz')))).toBe(true);
    const plain = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'identity' }, built.url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString('utf8')).toBe(SCRIPT);
  });

  it('falls back to the .gz where the build left no .br', async () => {
    const res = await get('/assets/index-Gh78.css', { 'accept-encoding': 'br, gzip' }, built.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.body.equals(readFileSync(join(dir, 'assets', 'index-Gh78.css.gz')))).toBe(true);
  });

  it('tags each coding apart, and answers 304 only for the one the browser holds', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br' }, built.url);
    const gzip = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' }, built.url);
    expect(br.headers.etag).not.toBe(gzip.headers.etag);
    const same = { 'accept-encoding': 'br', 'if-none-match': br.headers.etag ?? '' };
    expect((await get('/assets/index-Ab12Cd34.js', same, built.url)).status).toBe(304);
    const other = { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag ?? '' };
    expect((await get('/assets/index-Ab12Cd34.js', other, built.url)).status).toBe(200);
  });

  it('serves index.html to be revalidated each time, and a small file as it is', async () => {
    const index = await get('/drafts/abc123', { 'accept-encoding': 'br' }, built.url);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body.toString('utf8')).toBe(INDEX);
    const tiny = await get('/assets/tiny-Ij90.js', { 'accept-encoding': 'br' }, built.url);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.vary).toBeUndefined();
  });

  it('never serves the compressed files by their own names, nor anything out of the client', async () => {
    expect((await get('/assets/index-Ab12Cd34.js.br', {}, built.url)).status).toBe(404);
    expect((await get('/assets/index-Ab12Cd34.js.gz', {}, built.url)).status).toBe(404);
    expect((await get('/assets/../../mufakat.sqlite', {}, built.url)).status).toBe(404);
    expect((await get('/assets/%2e%2e/%2e%2e/etc/passwd', { 'accept-encoding': 'br' }, built.url)).status).toBe(404);
    expect((await get('/assets/..%2f..%2fpackage.json', { 'accept-encoding': 'br' }, built.url)).status).toBe(404);
  });
});

describe('the events stream, asked for by a browser that accepts compression', () => {
  it('is not compressed and streams each decision as it is taken', async () => {
    const draft = await createTestDraft(server.url);
    const chair = await sessionCookieFor(server.url, draft.links.chair);
    const phl = await sessionCookieFor(server.url, draft.links.delegations.PHL ?? '');
    const response = await fetch(`${server.url}/api/drafts/${draft.id}/events?after=0`, {
      headers: { cookie: chair, accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('content-encoding')).toBeNull();
    await response.body?.cancel();

    const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events?after=0`, chair);
    try {
      const clause = (await fetchState(server.url, draft.id, chair)).clauses[0];
      const command = { type: 'position', clauseId: clause?.id, stance: 'endorsed', textHash: clause?.textHash };
      expect((await sendCommand(server.url, draft.id, phl, command)).status).toBe(200);
      expect((await events.next()).id).toBe('1');
    } finally {
      events.close();
    }
  });
});

describe('preferredEncoding', () => {
  it('prefers brotli, then gzip, and honours a refusal with q=0', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(preferredEncoding('identity')).toBeNull();
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('')).toBeNull();
  });
});
