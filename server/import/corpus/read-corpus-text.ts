import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedStructure } from './expected-structures.ts';

const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

/** The text of a corpus file: from this folder, or from the workplace's fixtures. */
export function readCorpusText(entry: Pick<ExpectedStructure, 'file' | 'dir'>): string {
  if (entry.dir === 'corpus') return readFileSync(join(CORPUS_DIR, entry.file), 'utf8');
  const dir = process.env.MUFAKAT_FIXTURES_DIR;
  if (dir === undefined)
    throw new Error('MUFAKAT_FIXTURES_DIR is not set: run through Vitest, or set it to the fixtures folder.');
  return readFileSync(join(dir, entry.file), 'utf8');
}
