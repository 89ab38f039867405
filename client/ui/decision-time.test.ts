import { describe, expect, it } from 'vitest';
import { decisionTime } from './decision-time.ts';

describe('the time of a decision', () => {
  it('reads as "21:35 on 1 Dec" in the reader’s time zone, with the year only when it is another', () => {
    const at = new Date(2025, 11, 1, 21, 35);
    expect(decisionTime(at.toISOString(), new Date(2025, 11, 2))).toBe('21:35 on 1 Dec');
    expect(decisionTime(at.toISOString(), new Date(2026, 0, 5))).toBe('21:35 on 1 Dec 2025');
    expect(decisionTime(new Date(2025, 10, 1, 9, 5).toISOString(), new Date(2025, 10, 1))).toBe('09:05 on 1 Nov');
  });

  it('shows what it was given when that is not a time', () => {
    expect(decisionTime('not a time')).toBe('not a time');
  });
});
