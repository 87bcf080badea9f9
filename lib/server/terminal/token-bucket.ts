/**
 * A token bucket on an injected clock: `burst` tokens, refilled at `rate` per second. Used for
 * the per-connection message limit (security.md C5) and the per-learner budgets (issue 10).
 */
import "server-only";

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /**
   * Takes `n` tokens if there are. A take bigger than the burst passes when the bucket is full and
   * leaves it in debt, so it is never refused for ever, yet the average rate still holds.
   */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < Math.min(n, this.burst)) return false;
    this.tokens -= n;
    return true;
  }

  /** Milliseconds until `take(n)` would succeed (0: now). */
  msUntil(n = 1): number {
    this.refill();
    const missing = Math.min(n, this.burst) - this.tokens;
    return missing <= 1e-9 ? 0 : Math.ceil((missing / this.rate) * 1000 - 1e-6);
  }
}
