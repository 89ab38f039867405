import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { compress, ENCODINGS, type Encoding, isCompressible, SUFFIX } from './asset-compression.ts';

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

/** One file of the built client, read once at start with the compressed forms the build wrote beside it. */
class ClientFile {
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();
  private readonly precompressed: ReadonlySet<Encoding>;
  private readonly compressible: boolean;
  private readonly tag: string;

  constructor(
    readonly body: Buffer,
    readonly type: string,
    readonly cacheControl: string,
    fileName: string,
    precompressed: ReadonlyMap<Encoding, Buffer> = new Map(),
  ) {
    this.compressible = precompressed.size > 0 || isCompressible(fileName, body.length);
    for (const [encoding, encodedBody] of precompressed) this.encoded.set(encoding, Promise.resolve(encodedBody));
    this.precompressed = new Set(precompressed.keys());
    this.tag = `${body.length.toString(36)}-${fnv1a(body)}`;
  }

  /** Whether the answer depends on Accept-Encoding (a cache must then key on it). */
  get varies(): boolean {
    return this.compressible;
  }

  /**
   * The coding to send to a browser that accepts `acceptEncoding`: the best accepted one the build
   * wrote a file for (a missing .br falls back to the .gz), else the best accepted one, compressed
   * here on first demand (a build made without precompression), else none.
   */
  encodingFor(acceptEncoding: string): Encoding | null {
    if (!this.compressible) return null;
    const accepted = acceptedEncodings(acceptEncoding);
    return accepted.find((encoding) => this.precompressed.has(encoding)) ?? accepted[0] ?? null;
  }

  /** One tag per representation: the brotli and the gzip answer are different bytes. */
  etag(encoding: Encoding | null): string {
    return encoding === null ? `"${this.tag}"` : `"${this.tag}-${encoding}"`;
  }

  encode(encoding: Encoding): Promise<Buffer> {
    let pending = this.encoded.get(encoding);
    if (pending === undefined) {
      pending = compress(encoding, this.body, 'serve');
      this.encoded.set(encoding, pending);
    }
    return pending;
  }
}

/**
 * Serves the built client: its hashed assets under `/assets/` (cached for a year, immutable), its
 * index.html for the room's addresses (`/drafts/:id`, `/import`), which the client routes itself
 * (revalidated each time), and the favicon. Each answer is compressed, brotli where the browser
 * accepts it, else gzip, as the build wrote it beside the file (vite.config.ts precompresses the
 * build); nothing else of the server is (the collaboration socket and the events stream must not
 * be buffered by a compressor). The files are read once at start: a build replaced under a
 * running server is served from the next start.
 */
export function registerClientRoutes(app: Hono, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readClientFile(indexFile, REVALIDATE);
  const assets = readAssets(join(clientDir, 'assets'));
  const favicon = join(clientDir, 'favicon.svg');
  const icon = existsSync(favicon) ? readClientFile(favicon, A_DAY) : null;

  app.get('/assets/*', (c, next) => {
    const file = assets.get(new URL(c.req.url).pathname.slice('/assets/'.length));
    return file === undefined ? next() : send(c, file);
  });
  app.get('/', (c) => send(c, index));
  app.get('/drafts/:id', (c) => send(c, index));
  app.get('/import', (c) => send(c, index));
  if (icon !== null) app.get('/favicon.svg', (c) => send(c, icon));
}

/** A file and the .br and .gz beside it, if the build wrote them. */
function readClientFile(path: string, cacheControl: string): ClientFile {
  const precompressed = new Map<Encoding, Buffer>();
  for (const encoding of ENCODINGS) {
    const encodedPath = `${path}${SUFFIX[encoding]}`;
    if (existsSync(encodedPath)) precompressed.set(encoding, readFileSync(encodedPath));
  }
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return new ClientFile(readFileSync(path), type, cacheControl, path, precompressed);
}

/**
 * Every file under the assets folder by its path below it ("index-BeocIrJF.js"), not counting
 * the compressed forms beside them: those are sent for their file, never by their own names.
 */
function readAssets(dir: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  if (!existsSync(dir)) return files;
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const all = new Set(paths);
  const isEncodedForm = (path: string) =>
    ENCODINGS.some((encoding) => path.endsWith(SUFFIX[encoding]) && all.has(path.slice(0, -SUFFIX[encoding].length)));
  for (const path of paths) {
    if (isEncodedForm(path)) continue;
    files.set(relative(dir, path).split(sep).join('/'), readClientFile(path, IMMUTABLE));
  }
  return files;
}

async function send(c: Context, file: ClientFile): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': file.type,
    'Cache-Control': file.cacheControl,
  };
  if (file.varies) headers.Vary = 'Accept-Encoding';
  const encoding = file.encodingFor(c.req.header('accept-encoding') ?? '');
  headers.ETag = file.etag(encoding);
  if (matchesETag(c.req.header('if-none-match'), headers.ETag)) return c.body(null, 304, headers);
  const body = encoding === null ? file.body : await file.encode(encoding);
  if (encoding !== null) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(body.length);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(new Uint8Array(body), 200, headers);
}

/** Whether If-None-Match names this tag (or is `*`); a weak tag matches its strong form. */
function matchesETag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** Brotli if the browser takes it, else gzip, else none; `q=0` refuses a coding. */
export function preferredEncoding(acceptEncoding: string): Encoding | null {
  return acceptedEncodings(acceptEncoding)[0] ?? null;
}

/** The codings the browser takes, best first (brotli before gzip, whatever its q-values). */
function acceptedEncodings(acceptEncoding: string): Encoding[] {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  return ENCODINGS.filter((encoding) => weight(encoding) > 0);
}

/** A short content tag for the ETag: FNV-1a over the bytes. */
function fnv1a(bytes: Buffer): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(36);
}
