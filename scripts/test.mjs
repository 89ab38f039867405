// `npm test`: the whole suite, in the order that fails fastest: lint and format, type check,
// unit and integration tests, then the client build and the end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-chromium.mjs';

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const npx = 'npx';
if (only === undefined) {
  run('lint and format', npx, ['biome', 'ci', '.']);
  run('type check', npx, ['tsc', '-b']);
  run('unit and integration tests', npx, ['vitest', 'run']);
}
if (only === undefined || only === 'e2e') {
  let chromium;
  try {
    chromium = ensureChromium();
  } catch (error) {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  run('client build', npx, ['vite', 'build', '--logLevel', 'warn']);
  run('end-to-end tests', npx, ['playwright', 'test', '--config', 'e2e/playwright.config.ts'], {
    CHROMIUM_PATH: chromium,
  });
}
console.log('\n✔ all checks passed');
