import type { Hono } from 'hono';
import { z } from 'zod';
import { parseOr400, readJson } from '../http-error.ts';
import type { SilenceClock } from './silence-clock.ts';

/**
 * A server clock a test moves forward: the real time plus an offset. Only a server started with
 * `MUFAKAT_TEST_CLOCK_OFFSET_MS` has one (and its `POST /api/test/clock` route); the
 * configuration refuses it under `NODE_ENV=production`.
 */
export class TestClock {
  constructor(private offsetMs: number) {}

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const ClockRequest = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 3600 * 1000),
});

/**
 * `POST /api/test/clock {"advanceMs": n}`: moves the server's clock forward, then concludes every
 * silence that is due by the new time before answering `{ now }`. Test servers only.
 */
export function registerTestClockRoute(app: Hono, clock: TestClock, silences: SilenceClock): void {
  app.post('/api/test/clock', async (c) => {
    const { advanceMs } = parseOr400(ClockRequest, await readJson(c), 'clock request');
    clock.advance(advanceMs);
    const concluded = await silences.checkDue();
    return c.json({ now: clock.now().toISOString(), concluded });
  });
}
