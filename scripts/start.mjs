// `npm start`: builds the client and the server when their sources are newer than their builds,
// then runs the compiled server on plain `node` (API, collaboration socket and the built client on
// one port). Development and tests run the TypeScript sources through tsx instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILDS = [
  {
    what: 'the client',
    built: 'dist/client/index.html',
    sources: ['client', 'shared', 'vite.config.ts', 'server/routes/asset-compression.ts', 'package-lock.json'],
    args: ['vite', 'build', '--logLevel', 'warn'],
  },
  {
    what: 'the server',
    built: 'dist/server/main.js',
    sources: ['server', 'shared', 'vite.server.config.ts', 'package-lock.json'],
    args: ['vite', 'build', '--config', 'vite.server.config.ts', '--logLevel', 'warn'],
  },
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

for (const { what, built, sources, args } of BUILDS) {
  const stale =
    !existsSync(built) || sources.filter((s) => existsSync(s)).some((s) => newestMtime(s) > statSync(built).mtimeMs);
  if (!stale) continue;
  console.log(`Building ${what}…`);
  const build = spawnSync('npx', args, { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['dist/server/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
