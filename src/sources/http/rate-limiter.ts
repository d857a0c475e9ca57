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
 * Sliding-window log limiter: never more than `limit` requests in any window of `windowMs` (plus `padMs`)
 * as the provider sees them. A slot's window starts when its response arrives (`done()`), not when it was
 * granted: the provider received the request somewhere between the two, so anchoring at the later moment
 * means no latency or event-loop stall can squeeze two requests of the same slot into one provider window.
 * Waiters are served in arrival order. Uses real time: it guards a real provider's real window.
 */
export class SlidingWindowLimiter {
  private readonly slots: Array<{ t: number }> = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly span: number;
  private wake: (() => void) | null = null;

  constructor(
    readonly budget: RateBudget,
    padMs = 0,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {
    this.span = budget.windowMs + padMs;
  }

  /** Resolves when a request may be sent, with `done()` to call when its response (or failure) arrives. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // Keep the chain alive whatever happens to one waiter.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const t = this.now();
      this.prune(t);
      if (this.slots.length < this.budget.limit) {
        // In flight: the slot cannot expire until its response arrives.
        const slot = { t: Infinity };
        this.slots.push(slot);
        return () => {
          if (slot.t !== Infinity) return;
          slot.t = this.now();
          this.wake?.();
        };
      }
      const oldest = Math.min(...this.slots.map((x) => x.t));
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      await Promise.race([sleep(oldest === Infinity ? this.span : oldest + this.span - t + 1, signal), woken]);
      this.wake = null;
    }
  }

  private prune(t: number): void {
    for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i].t <= t - this.span) this.slots.splice(i, 1);
  }

  /** Requests in flight or answered within the last minute, scaled to a minute (for `ratePerMin`). */
  grantedLastMinute(): number {
    const t = this.now();
    const n = this.slots.filter((x) => x.t > t - Math.min(this.span, 60_000)).length;
    return this.span >= 60_000 ? n : Math.round((n * 60_000) / this.span);
  }

  /** Epoch ms of the next free slot (now when one is free; +Infinity while every slot is in flight). */
  nextFreeAt(): number {
    const t = this.now();
    this.prune(t);
    return this.slots.length < this.budget.limit ? t : Math.min(...this.slots.map((x) => x.t)) + this.span;
  }
}
