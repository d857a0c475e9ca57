/**
 * Sliding-window limit per RPC URL: at most `capacity` requests in any `windowMs`. The public mainnet RPC
 * counts requests per 10 s (100 total, 40 per method), so a sliding window of the same length keeps a
 * healthy run from ever earning a 429.
 */
export interface WindowLimit {
  capacity: number;
  windowMs: number;
}

/** `requestsPer10s` (may be fractional: 0.5 = one request per 20 s) as a window limit. */
export function windowLimitFor(requestsPer10s: number): WindowLimit {
  const capacity = Math.max(1, Math.floor(requestsPer10s));
  return { capacity, windowMs: Math.round((10_000 * capacity) / requestsPer10s) };
}

/** How long to wait before the next request may go, given the times of earlier grants (ascending). */
export function nextGrantDelayMs(grants: readonly number[], now: number, limit: WindowLimit): number {
  const inWindow = grants.filter((t) => t > now - limit.windowMs);
  if (inWindow.length < limit.capacity) return 0;
  return inWindow[inWindow.length - limit.capacity] + limit.windowMs - now;
}

export class SlidingWindowLimiter {
  private grants: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: WindowLimit,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a request may be sent; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = nextGrantDelayMs(this.grants, this.now(), this.limit);
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      const now = this.now();
      this.grants = this.grants.filter((t) => t > now - this.limit.windowMs);
      this.grants.push(now);
    });
    this.queue = turn;
    return turn;
  }

  /** Requests granted in the last window, scaled to a per-minute rate (for status). */
  ratePerMin(): number {
    const now = this.now();
    const n = this.grants.filter((t) => t > now - this.limit.windowMs).length;
    return (n * 60_000) / this.limit.windowMs;
  }

  budgetPerMin(): number {
    return (this.limit.capacity * 60_000) / this.limit.windowMs;
  }
}
