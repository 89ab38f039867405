// Finds PostgreSQL's server binaries for the tests that run a private cluster (initdb, postgres).
// Debian keeps them in /usr/lib/postgresql/<major>/bin, off the PATH; other systems put them on it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** Directories that may hold initdb and postgres: $MUFAKAT_POSTGRES_BIN, Debian's, newest first, then the PATH. */
function candidateDirs() {
  const dirs = [];
  if (process.env.MUFAKAT_POSTGRES_BIN) dirs.push(process.env.MUFAKAT_POSTGRES_BIN);
  if (existsSync(DEBIAN_ROOT)) {
    const majors = readdirSync(DEBIAN_ROOT)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) dirs.push(join(DEBIAN_ROOT, major, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir !== '') dirs.push(dir);
  return dirs;
}

/** `{ initdb, postgres }`, the paths of both from one directory, or null if none has both. */
export function findPostgres() {
  for (const dir of candidateDirs()) {
    const initdb = join(dir, 'initdb');
    const postgres = join(dir, 'postgres');
    if (existsSync(initdb) && existsSync(postgres)) return { initdb, postgres };
  }
  return null;
}

/**
 * The binaries, installing Debian's `postgresql` package when none are found and we run as root
 * on Debian; otherwise an error that says how to get them.
 */
export function ensurePostgres() {
  const found = findPostgres();
  if (found !== null) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('No PostgreSQL found: installing Debian’s postgresql package for the tests that run one…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Two test files may find it missing at once: the second waits for the first's dpkg lock.
    const lock = ['-o', 'DPkg::Lock::Timeout=300'];
    execFileSync('apt-get', [...lock, 'update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', [...lock, 'install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
    const installed = findPostgres();
    if (installed !== null) return installed;
  }
  throw new Error(
    'The PostgreSQL tests need initdb and postgres and none were found. Install PostgreSQL ' +
      '(Debian/Ubuntu: `sudo apt-get install postgresql`) or set MUFAKAT_POSTGRES_BIN to the directory that holds them.',
  );
}
