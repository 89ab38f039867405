// `npm test`: the whole suite, in the order that fails fastest: lint and format, type check,
// unit and integration tests, then the client build and the end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './find-chromium.mjs';
import { ensurePostgres } from './find-postgres.mjs';
import { ensureRedis } from './find-redis.mjs';

// Not under test-results/: Playwright empties that directory when it starts.
const REPORT_DIR = 'test-reports';
const VITEST_REPORT = `${REPORT_DIR}/vitest.json`;
const PLAYWRIGHT_REPORT = `${REPORT_DIR}/playwright.json`;
mkdirSync(REPORT_DIR, { recursive: true });
for (const report of [VITEST_REPORT, PLAYWRIGHT_REPORT]) rmSync(report, { force: true });

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
  // Installed here once, before the test files that start a private cluster or Redis run side by side.
  try {
    ensurePostgres();
    ensureRedis();
  } catch (error) {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  run('unit and integration tests', npx, [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${VITEST_REPORT}`,
  ]);
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
  // Trust the report, not only the exit status: a run that wrote no report, or one that reports
  // a failure, fails the suite.
  const report = existsSync(PLAYWRIGHT_REPORT) ? JSON.parse(readFileSync(PLAYWRIGHT_REPORT, 'utf8')) : null;
  if (report === null || report.stats.unexpected > 0 || report.stats.expected === 0) {
    console.error(
      `\n✖ end-to-end tests: ${report === null ? 'no report was written' : `${report.stats.unexpected} failed`}.`,
    );
    process.exit(1);
  }
}
/** Totals of both runners, as one plain line that any CI can read. */
function totals() {
  let passed = 0;
  let failed = 0;
  if (existsSync(VITEST_REPORT)) {
    const report = JSON.parse(readFileSync(VITEST_REPORT, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (existsSync(PLAYWRIGHT_REPORT)) {
    const { stats } = JSON.parse(readFileSync(PLAYWRIGHT_REPORT, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  return { passed, failed };
}

const { passed, failed } = totals();
console.log('\n✔ all checks passed');
console.log(`${passed} passed, ${failed} failed`);
