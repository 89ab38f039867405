import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One of the workplace's real texts, from where vitest.config.ts found them. */
export function readFixture(name: string): Buffer {
  const dir = process.env.MUFAKAT_FIXTURES_DIR;
  if (dir === undefined) throw new Error('MUFAKAT_FIXTURES_DIR is not set: run the tests through Vitest.');
  return readFileSync(join(dir, name));
}
