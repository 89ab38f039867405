import { defineConfig } from '@playwright/test';
// @ts-expect-error: a plain .mjs helper shared with the Vitest configuration, without declarations.
import { findFixturesDir } from '../scripts/find-fixtures.mjs';

// The workers inherit it: the import test uploads a real text from there.
process.env.MUFAKAT_FIXTURES_DIR = findFixturesDir();

/**
 * Playwright drives the system's Chromium (it cannot download its own here); `npm test` finds it
 * and passes it as CHROMIUM_PATH. The server is started by global-setup with a fresh data dir.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../test-reports/playwright.json' }]],
  globalSetup: './global-setup.ts',
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
