import { sleep } from './backoff.js';

/** A provider budget: at most `limit` requests in any window of `windowMs`. */
export interface RateBudget {
  limit: number;
  windowMs: number;
}

/** Turns "N requests per minute" (N may be fractional, e.g. 0.5) into a whole-request budget. */
export function perMinute(n: number): RateBudget {
  if (!(n > 0)) throw new RangeError(`rate must be > 0 per minute, got ${n}`);
  const limit = Math.max(1, Math.floor(n));
  return { limit, windowMs: Math.round((60_000 * limit) / n) };
}

/** Turns "N requests per second" into a budget. */
export function perSecond(n: number): RateBudget {
  if (!(n > 0)) throw new RangeError(`rate must be > 0 per second, got ${n}`);
  const limit = Math.max(1, Math.floor(n));
  return { limit, windowMs: Math.round((1_000 * limit) / n) };
}

/** Budget expressed per minute, for status reports. */
export function budgetPerMinute(b: RateBudget): number {
  return (b.limit * 60_000) / b.windowMs;
}

/**
 * Sliding-window log limiter: never grants more than `limit` requests in any window of `windowMs`
 * (plus `padMs`, a margin for the gap between our grant and the provider's receipt). Waiters are
 * served in arrival order. Uses real time: it guards a real provider's real window.
 */
export class SlidingWindowLimiter {
  private readonly grants: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly span: number;

  constructor(
    readonly budget: RateBudget,
    padMs = 0,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {
    this.span = budget.windowMs + padMs;
  }

  /** Resolves when a request may be sent; the grant is recorded at that moment. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // Keep the chain alive whatever happens to one waiter.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const t = this.now();
      this.prune(t);
      if (this.grants.length < this.budget.limit) {
        this.grants.push(t);
        return;
      }
      await sleep(this.grants[0] + this.span - t + 1, signal);
    }
  }

  private prune(t: number): void {
    while (this.grants.length > 0 && this.grants[0] <= t - this.span) this.grants.shift();
  }

  /** Requests granted within the last minute (for `ratePerMin` in status). */
  grantedLastMinute(): number {
    const t = this.now();
    let n = 0;
    for (let i = this.grants.length - 1; i >= 0 && this.grants[i] > t - 60_000; i--) n++;
    return this.span >= 60_000 ? n : Math.round((n * 60_000) / this.span);
  }

  /** Epoch ms of the next free slot (now when one is free). */
  nextFreeAt(): number {
    const t = this.now();
    this.prune(t);
    return this.grants.length < this.budget.limit ? t : this.grants[0] + this.span;
  }
}
