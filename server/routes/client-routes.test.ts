import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';
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
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(`${server.url}${path}`, { headers }, (res) => {
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
