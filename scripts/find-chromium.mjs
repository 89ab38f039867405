// Finds a Chromium for Playwright. Playwright cannot download its own browsers on these machines,
// so we use the system's: $CHROMIUM_PATH, then the usual Debian and Ubuntu locations.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** The path of a usable Chromium, or null. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but nothing is there.`);
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * A Chromium path, installing Debian's `chromium` package when none is found and we run as root
 * on Debian; otherwise an error that says how to get one.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found !== null) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('No Chromium found: installing Debian’s chromium package for the end-to-end tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    const installed = findChromium();
    if (installed !== null) return installed;
  }
  throw new Error(
    'The end-to-end tests need Chromium and none was found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}
