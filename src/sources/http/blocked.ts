/** The `sources.http.blocked*` keys: how long a refusing keyless endpoint is left alone. */
export interface BlockedBackoffSettings {
  /** First wait after a refusal, ms (default 120000). */
  blockedMinMs: number;
  /** Longest wait, ms (default 1800000). */
  blockedMaxMs: number;
  /** Growth of the wait per refusal in a row (default 2). */
  blockedGrowth: number;
  /** Random spread of each wait, percent either side (default 20). */
  blockedJitterPct: number;
}

/**
 * Wait after the `n`-th refusal in a row (n from 0): min * growth^n capped at max, then spread by
 * +-jitter% so many scanners refused at once do not come back together. Never below 1 s.
 */
export function blockedDelayMs(n: number, s: BlockedBackoffSettings, random: () => number = Math.random): number {
  const base = Math.min(s.blockedMaxMs, s.blockedMinMs * s.blockedGrowth ** Math.min(n, 40));
  const spread = (s.blockedJitterPct / 100) * (2 * random() - 1);
  return Math.max(1000, Math.round(base * (1 + spread)));
}

/** One endpoint's refusal state: until when it is left alone, why, and how many refusals in a row. */
export interface Block {
  until: number;
  reason: string;
  refusals: number;
}

/**
 * Per-endpoint blocks. An endpoint is skipped (no request) until its wait ends; then one request goes out:
 * an answer clears the block, another refusal blocks it again for longer. Time comes from `now` (the
 * source's clock), so tests drive it with a virtual clock.
 */
export class Blocks {
  private readonly byEndpoint = new Map<string, Block>();
  private readonly probing = new Set<string>();

  constructor(
    private readonly settings: BlockedBackoffSettings,
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The block in force for `endpoint`, or null when a request may go (a probe after the wait). */
  holding(endpoint: string): Block | null {
    const b = this.byEndpoint.get(endpoint);
    if (!b) return null;
    if (this.now() < b.until || this.probing.has(endpoint)) return b;
    this.probing.add(endpoint);
    return null;
  }

  /** The block of `endpoint`, if any, without starting a probe. */
  peek(endpoint: string): Block | null {
    return this.byEndpoint.get(endpoint) ?? null;
  }

  /** Records a refusal; returns the new block. */
  refuse(endpoint: string, reason: string): Block {
    const prev = this.byEndpoint.get(endpoint);
    const refusals = (prev?.refusals ?? 0) + 1;
    const b = { until: this.now() + blockedDelayMs(refusals - 1, this.settings, this.random), reason, refusals };
    this.byEndpoint.set(endpoint, b);
    this.probing.delete(endpoint);
    return b;
  }

  /** The endpoint answered: returns true when it had been blocked (a state change worth reporting). */
  clear(endpoint: string): boolean {
    this.probing.delete(endpoint);
    return this.byEndpoint.delete(endpoint);
  }

  /** A probe ended without an answer either way (network trouble): let the next call probe again. */
  release(endpoint: string): void {
    this.probing.delete(endpoint);
  }
}
