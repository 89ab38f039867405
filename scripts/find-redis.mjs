// Finds redis-server for the tests that run several instances sharing drafts through Redis.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The path of redis-server: $MUFAKAT_REDIS_SERVER, or the first on the PATH (Debian: /usr/bin), or null. */
export function findRedis() {
  if (process.env.MUFAKAT_REDIS_SERVER && existsSync(process.env.MUFAKAT_REDIS_SERVER)) {
    return process.env.MUFAKAT_REDIS_SERVER;
  }
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, 'redis-server');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * redis-server, installing Debian's `redis-server` package when it is missing and we run as root
 * on Debian; otherwise an error that says how to get it.
 */
export function ensureRedis() {
  const found = findRedis();
  if (found !== null) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('No redis-server found: installing Debian’s redis-server package for the tests that run one…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Two test files may find it missing at once: the second waits for the first's dpkg lock.
    const lock = ['-o', 'DPkg::Lock::Timeout=300'];
    execFileSync('apt-get', [...lock, 'update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', [...lock, 'install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
    const installed = findRedis();
    if (installed !== null) return installed;
  }
  throw new Error(
    'The tests of several instances need redis-server and none was found. Install Redis ' +
      '(Debian/Ubuntu: `sudo apt-get install redis-server`) or set MUFAKAT_REDIS_SERVER to its path.',
  );
}
