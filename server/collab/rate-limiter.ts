/**
 * A token bucket: `ratePerSecond` on average, bursts up to `burst`. One per session (see
 * `SessionLimits`), so a runaway client is cut off without slowing anyone else.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Whether the bucket holds at least `count` tokens now, taking none. */
  holds(count: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    return this.tokens >= count;
  }

  /** Takes `count` tokens (one by default); false, taking none, when the bucket holds fewer. */
  take(count = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }
}
