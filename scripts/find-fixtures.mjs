// Finds the workplace's real texts (../shared/fixtures beside the project). Tests read them
// where they are rather than from a copy; a clone elsewhere (CI's) still finds them on this
// machine, or is told where to point MUFAKAT_FIXTURES_DIR.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = 'admm-plus-2025-joint-statement.txt';

/** The directory holding the fixture texts; throws with what to do when there is none. */
export function findFixturesDir() {
  const candidates = [];
  if (process.env.MUFAKAT_FIXTURES_DIR) candidates.push(process.env.MUFAKAT_FIXTURES_DIR);
  for (let dir = ROOT; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'shared', 'fixtures'));
    if (dirname(dir) === dir) break;
  }
  // The workplace keeps them here; a clone in /tmp has no ../shared of its own.
  candidates.push('/work/shared/fixtures');
  const found = candidates.find((dir) => existsSync(join(dir, MARKER)));
  if (found === undefined) {
    throw new Error(
      `The fixture texts (${MARKER} and the NADI reports) were not found beside the project. ` +
        'Set MUFAKAT_FIXTURES_DIR to the directory that holds them.',
    );
  }
  return found;
}
