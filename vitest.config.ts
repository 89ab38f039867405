import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain .mjs helper shared with the e2e configuration, without declarations.
import { findFixturesDir } from './scripts/find-fixtures.mjs';

const fixturesDir: string = findFixturesDir();

export default defineConfig({
  // Tests read the real texts as `@fixtures/<name>?raw` (shared/, no Node APIs) or from
  // MUFAKAT_FIXTURES_DIR (server/), wherever the workplace keeps them.
  resolve: { alias: { '@fixtures': fixturesDir } },
  test: {
    env: { MUFAKAT_FIXTURES_DIR: fixturesDir },
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}'],
    // Integration tests start real servers and child processes; give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
