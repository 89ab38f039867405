import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { Context, Hono } from 'hono';

/** Vite names every file under /assets after a hash of its content: it may be cached for ever. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: a browser must ask again each time (a 304 is cheap). */
export const REVALIDATE = 'no-cache';
/** Files from client/public keep their names across builds: cached for a day. */
const A_DAY = 'public, max-age=86400';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};
/** Text compresses; pictures and fonts already are. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt', '.wasm']);
/** Below this a compressed answer saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip';
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** One file of the built client, read once, with its compressed forms made on first demand. */
class ClientFile {
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();
  readonly compressible: boolean;
  readonly etag: string;

  constructor(
    readonly body: Buffer,
    readonly type: string,
    readonly cacheControl: string,
    extension: string,
  ) {
    this.compressible = COMPRESSIBLE.has(extension) && body.length >= MIN_COMPRESS_BYTES;
    this.etag = `"${body.length.toString(36)}-${fnv1a(body)}"`;
  }

  /**
   * Compressed off the event loop (zlib's thread pool), so a first download holds up no room.
   * Brotli at quality 5: the 730 KB script in some 140 ms to 217 KB; quality 11 would take 9 s
   * for 195 KB (gzip: 230 KB).
   */
  encode(encoding: Encoding): Promise<Buffer> {
    let pending = this.encoded.get(encoding);
    if (pending === undefined) {
      pending =
        encoding === 'br'
          ? brotli(this.body, {
              params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: this.body.length },
            })
          : gzipped(this.body, { level: 9 });
      this.encoded.set(encoding, pending);
    }
    return pending;
  }
}

/**
 * Serves the built client: its hashed assets under `/assets/` (cached for a year, immutable), its
 * index.html for the room's addresses (`/drafts/:id`, `/import`), which the client routes itself
 * (revalidated each time), and the favicon. Each answer is compressed, brotli where the browser
 * accepts it, else gzip; nothing else of the server is (the collaboration socket and the events
 * stream must not be buffered by a compressor). The files are read once at start: a build
 * replaced under a running server is served from the next start.
 */
export function registerClientRoutes(app: Hono, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = new ClientFile(readFileSync(indexFile), TYPES['.html'] ?? '', REVALIDATE, '.html');
  const assets = readAssets(join(clientDir, 'assets'));
  const favicon = join(clientDir, 'favicon.svg');
  const icon = existsSync(favicon) ? new ClientFile(readFileSync(favicon), TYPES['.svg'] ?? '', A_DAY, '.svg') : null;

  app.get('/assets/*', (c, next) => {
    const file = assets.get(new URL(c.req.url).pathname.slice('/assets/'.length));
    return file === undefined ? next() : send(c, file);
  });
  app.get('/', (c) => send(c, index));
  app.get('/drafts/:id', (c) => send(c, index));
  app.get('/import', (c) => send(c, index));
  if (icon !== null) app.get('/favicon.svg', (c) => send(c, icon));
}

/** Every file under the assets folder by its path below it ("index-BeocIrJF.js"). */
function readAssets(dir: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const extension = extname(entry.name).toLowerCase();
    const type = TYPES[extension] ?? 'application/octet-stream';
    files.set(relative(dir, path).split(sep).join('/'), new ClientFile(readFileSync(path), type, IMMUTABLE, extension));
  }
  return files;
}

async function send(c: Context, file: ClientFile): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': file.type,
    'Cache-Control': file.cacheControl,
    ETag: file.etag,
  };
  if (file.compressible) headers.Vary = 'Accept-Encoding';
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
  const encoding = file.compressible ? preferredEncoding(c.req.header('accept-encoding') ?? '') : null;
  const body = encoding === null ? file.body : await file.encode(encoding);
  if (encoding !== null) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(body.length);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(new Uint8Array(body), 200, headers);
}

/** Brotli if the browser takes it, else gzip, else none; `q=0` refuses a coding. */
export function preferredEncoding(acceptEncoding: string): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/** A short content tag for the ETag: FNV-1a over the bytes. */
function fnv1a(bytes: Buffer): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(36);
}
