import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';

/** The codings the server sends the built client in, best first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The file name suffix of a coding's precompressed file, written beside the file by the build. */
export const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/** Text compresses; pictures and fonts already are. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt', '.wasm']);
/** Below this a compressed answer saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/** Whether a file of the built client is worth sending compressed. */
export function isCompressible(fileName: string, bytes: number): boolean {
  return COMPRESSIBLE.has(extname(fileName).toLowerCase()) && bytes >= MIN_COMPRESS_BYTES;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * `body` in `encoding`, off the event loop (zlib's thread pool). At build time brotli takes its
 * best quality, 11: the room's 680 KB script in about a second to 181 KB. A server compressing a
 * file the build left without its .br takes quality 5, some 20 ms for 202 KB, so that a first
 * download holds up no room. Gzip at level 9 either way (a few ms).
 */
export function compress(encoding: Encoding, body: Buffer, when: 'build' | 'serve'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(body, { level: 9 });
  return brotli(body, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: when === 'build' ? zlib.BROTLI_MAX_QUALITY : 5,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * Writes `<file>.br` and `<file>.gz` beside each compressible file under `dir` (the built client),
 * for the server to send as they are. A coding that would not make the file smaller is not
 * written. Returns the files written, relative to `dir`.
 */
export async function precompressDirectory(dir: string): Promise<string[]> {
  const written: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && !Object.values(SUFFIX).some((suffix) => entry.name.endsWith(suffix)))
    .map((entry) => join(entry.parentPath, entry.name));
  await Promise.all(
    files.map(async (path) => {
      if (!isCompressible(path, (await stat(path)).size)) return;
      const body = await readFile(path);
      for (const encoding of ENCODINGS) {
        const encoded = await compress(encoding, body, 'build');
        if (encoded.length >= body.length) continue;
        await writeFile(`${path}${SUFFIX[encoding]}`, encoded);
        written.push(`${path}${SUFFIX[encoding]}`.slice(dir.length + 1));
      }
    }),
  );
  return written.sort();
}
