// Dust and outlier trades. A swap worth a fraction of a cent, or a small one priced orders of magnitude away
// from the token's recent trades (a router's dust leg, rounding on tiny amounts, a bad print), must never set
// a candle's open, high or low: one such trade turns a quiet 4h window into a "+4,000,000%" confirmation.
// Such trades are dropped as `invalid` with a reason, like any other bad input.
//
// Only SMALL far-off trades are outliers: a trade at least as large as the token's recent median trade is
// believed wherever it prices. Real crashes are fast: in CASE_STUDY/trades_2025_10_05.csv a rugged pool falls
// 50x in three minutes through $200-$4,400 sells; rejecting those would keep the pre-crash price as the
// window's close and invent a +1,221% confirmation where the market fell 97%.
import type { Trade } from '../domain/market.js';

export interface TradeFilterConfig {
  /** Trades worth less than this are dust, USD (0 = no floor). */
  minTradeUsd: number;
  /** A trade priced above median x this or below median / this is an outlier (0 = no check). */
  maxPriceRatio: number;
  /** Recent non-dust trades of the token the median is taken over. */
  medianTrades: number;
  /** Fewer recent trades than this: no median to judge by, the trade is kept. */
  minMedianTrades: number;
  /** Trades older than this (event time, ms) before the current one no longer count for the median. */
  medianMaxAgeMs: number;
}

/**
 * Recent trades of one token (price, USD volume, event time): a small ring, oldest overwritten first. One plain
 * array of (price, volume, time) triples that grows with the token's trades up to `capacity` (a new token
 * costs two small objects, not three typed arrays with their off-heap buffers: thousands of tokens can
 * appear within seconds on the chain tap, and each survivor makes the young-generation GC pauses longer).
 */
export interface PriceRing {
  readonly slots: number[];
  readonly capacity: number;
  size: number;
  /** The slot the next trade goes to (== size until the ring is full). */
  next: number;
}

export function newPriceRing(capacity: number): PriceRing {
  return { slots: [], capacity, size: 0, next: 0 };
}

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

/** Median price and median USD volume of the ring's trades at or after `since`; null when fewer than `min`. */
export function recentMedians(ring: PriceRing, since: number, min: number): { price: number; volumeUsd: number } | null {
  const ps: number[] = [];
  const vs: number[] = [];
  const x = ring.slots;
  for (let i = 0; i < ring.size * 3; i += 3) {
    if (x[i + 2] < since) continue;
    ps.push(x[i]);
    vs.push(x[i + 1]);
  }
  return ps.length < Math.max(1, min) ? null : { price: median(ps), volumeUsd: median(vs) };
}

function remember(ring: PriceRing, t: Trade): void {
  const x = ring.slots;
  if (ring.size < ring.capacity) {
    // Still filling: appended in order, so slot order is arrival order exactly as in a full ring.
    x.push(t.priceUsd, t.volumeUsd, t.ts);
    ring.size++;
    ring.next = ring.size === ring.capacity ? 0 : ring.size;
    return;
  }
  const i = ring.next * 3;
  x[i] = t.priceUsd;
  x[i + 1] = t.volumeUsd;
  x[i + 2] = t.ts;
  ring.next = ring.next + 1 === ring.capacity ? 0 : ring.next + 1;
}

/**
 * Why `t` must not enter the candles (snake_case reason), or null. Every non-dust trade joins the ring,
 * outliers included: one bad print cannot move the median, and a repricing made of small trades is
 * accepted as soon as it makes up half the recent trades.
 */
export function tradeFilterVerdict(ring: PriceRing, t: Trade, cfg: TradeFilterConfig): string | null {
  if (cfg.minTradeUsd > 0 && !(t.volumeUsd >= cfg.minTradeUsd)) return 'trade_below_min_usd';
  if (cfg.maxPriceRatio <= 0) return null;
  const recent = recentMedians(ring, t.ts - cfg.medianMaxAgeMs, cfg.minMedianTrades);
  remember(ring, t);
  if (recent === null || t.volumeUsd >= recent.volumeUsd) return null;
  return t.priceUsd > recent.price * cfg.maxPriceRatio || t.priceUsd * cfg.maxPriceRatio < recent.price ? 'price_far_from_median' : null;
}

/** The per-token state of the check, keyed as the engine keys tokens. */
export class TradeFilter {
  private readonly rings = new Map<string, PriceRing>();

  constructor(private readonly cfg: TradeFilterConfig) {}

  check(tokenKey: string, t: Trade): string | null {
    let ring = this.rings.get(tokenKey);
    if (!ring) this.rings.set(tokenKey, (ring = newPriceRing(Math.max(1, this.cfg.medianTrades))));
    return tradeFilterVerdict(ring, t, this.cfg);
  }

  /** Forgets a token (evicted from the universe). */
  forget(tokenKey: string): void {
    this.rings.delete(tokenKey);
  }
}

/** The filter's settings from the `input` config slice. */
export function tradeFilterConfigOf(input: { minTradeUsd: number; maxTradePriceRatio: number; tradeMedianCount: number; tradeMedianMinCount: number; tradeMedianMaxAgeMs: number }): TradeFilterConfig {
  return { minTradeUsd: input.minTradeUsd, maxPriceRatio: input.maxTradePriceRatio, medianTrades: input.tradeMedianCount, minMedianTrades: input.tradeMedianMinCount, medianMaxAgeMs: input.tradeMedianMaxAgeMs };
}
