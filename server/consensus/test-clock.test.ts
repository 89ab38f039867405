import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../config.ts';
import { startTestServer } from '../testing/test-server.ts';

describe('the test clock', () => {
  it('exists only when its variable is set, and never under NODE_ENV=production', async () => {
    expect(configFromEnv({}).testClockOffsetMs).toBeUndefined();
    expect(configFromEnv({ MUFAKAT_TEST_CLOCK_OFFSET_MS: '0' }).testClockOffsetMs).toBe(0);
    expect(() => configFromEnv({ MUFAKAT_TEST_CLOCK_OFFSET_MS: '0', NODE_ENV: 'production' })).toThrow(/production/);

    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/api/test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 60_000 }),
      });
      expect(response.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
