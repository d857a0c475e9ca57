import type { Trade } from '../../domain/market.js';

export interface AdmissionConfig {
  /** Trades in the window that admit a token. */
  minTrades: number;
  /** Or USD volume in the window that admits it. */
  minVolumeUsd: number;
  windowMs: number;
  /** Candidates followed at most (memory bound); the oldest are forgotten first. */
  maxCandidates: number;
  /** Recent trades kept per candidate, delivered on admission so its first candle is not empty. */
  keepTrades: number;
}

interface Candidate {
  trades: Trade[];
  /** Clock times and sizes of the trades in the window. */
  times: number[];
  sizes: number[];
}

/**
 * The market-wide universe's door: a token seen only on the tap is admitted once its on-chain activity in
 * a recent window reaches a number of trades or a USD volume. Pure bookkeeping, no I/O.
 */
export class ChainAdmission {
  private readonly candidates = new Map<string, Candidate>();

  constructor(private readonly cfg: AdmissionConfig) {}

  get size(): number {
    return this.candidates.size;
  }

  /** Notes a trade of a token not tracked yet; returns its recent trades when it now qualifies (and forgets it). */
  note(t: Trade, now: number): Trade[] | null {
    const mint = t.mint!;
    let c = this.candidates.get(mint);
    if (!c) {
      if (this.candidates.size >= this.cfg.maxCandidates) this.candidates.delete(this.candidates.keys().next().value!);
      this.candidates.set(mint, (c = { trades: [], times: [], sizes: [] }));
    }
    const cutoff = now - this.cfg.windowMs;
    while (c.times.length && c.times[0] < cutoff) {
      c.times.shift();
      c.sizes.shift();
    }
    c.times.push(now);
    c.sizes.push(t.volumeUsd);
    c.trades.push(t);
    if (c.trades.length > this.cfg.keepTrades) c.trades.shift();
    let vol = 0;
    for (const v of c.sizes) vol += v;
    if (c.times.length < this.cfg.minTrades && vol < this.cfg.minVolumeUsd) return null;
    this.candidates.delete(mint);
    return c.trades;
  }

  /** Forgets candidates with no trade in the window. */
  prune(now: number): void {
    const cutoff = now - this.cfg.windowMs;
    for (const [m, c] of this.candidates) if (!c.times.length || c.times[c.times.length - 1] < cutoff) this.candidates.delete(m);
  }
}
