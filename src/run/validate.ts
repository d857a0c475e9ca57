import type { Candle, MarketRecord, PoolSnapshot, Trade } from '../domain/market.js';

export interface InputLimits {
  /** Event times more than this ahead of the clock are invalid, ms. */
  maxFutureSkewMs: number;
  maxPriceUsd: number;
  maxVolumeUsd: number;
}

/** Event times before 2001-09-09 in ms are almost surely seconds passed where ms were expected. */
const MIN_PLAUSIBLE_MS = 1e12;
/** Market figures above this (USD) are treated as garbage (a 9e18 market cap appears in real data). */
const MAX_MARKET_USD = 1e13;
const REL_TOL = 1e-9;

const priceOk = (p: number, lim: InputLimits) => Number.isFinite(p) && p > 0 && p <= lim.maxPriceUsd;
const volumeOk = (v: number, lim: InputLimits) => Number.isFinite(v) && v >= 0 && v <= lim.maxVolumeUsd;

function timeProblem(ts: number, now: number, lim: InputLimits): string | null {
  if (!Number.isFinite(ts)) return 'timestamp_not_finite';
  if (ts < MIN_PLAUSIBLE_MS) return 'timestamp_not_ms';
  if (ts > now + lim.maxFutureSkewMs) return 'timestamp_in_future';
  return null;
}

function tradeProblem(t: Trade, now: number, lim: InputLimits): string | null {
  return timeProblem(t.ts, now, lim) ?? (!priceOk(t.priceUsd, lim) ? 'price_out_of_range' : !volumeOk(t.volumeUsd, lim) ? 'volume_out_of_range' : null);
}

function candleProblem(c: Candle, now: number, lim: InputLimits): string | null {
  if (!Number.isInteger(c.intervalMs) || c.intervalMs <= 0) return 'interval_invalid';
  const tp = timeProblem(c.start, now, lim);
  if (tp) return tp;
  if (c.start % c.intervalMs !== 0 && c.intervalMs <= 4 * 3_600_000) return 'start_not_aligned';
  if (c.start + c.intervalMs > now + lim.maxFutureSkewMs) return 'timestamp_in_future';
  if (!(priceOk(c.open, lim) && priceOk(c.high, lim) && priceOk(c.low, lim) && priceOk(c.close, lim))) return 'price_out_of_range';
  if (c.high < c.low) return 'high_below_low';
  const tol = c.high * REL_TOL;
  if (c.open > c.high + tol || c.close > c.high + tol || c.open < c.low - tol || c.close < c.low - tol) return 'open_close_outside_range';
  if (!volumeOk(c.volumeUsd, lim)) return 'volume_out_of_range';
  return null;
}

function snapshotProblem(p: PoolSnapshot, now: number, lim: InputLimits): string | null {
  const tp = timeProblem(p.ts, now, lim);
  if (tp) return tp;
  if (p.priceUsd !== null && !priceOk(p.priceUsd, lim)) return 'price_out_of_range';
  for (const v of [p.liquidityUsd, p.volume24hUsd, p.fdvUsd, p.marketCapUsd]) {
    if (v !== null && !(Number.isFinite(v) && v >= 0 && v <= MAX_MARKET_USD)) return 'market_figure_out_of_range';
  }
  return null;
}

/**
 * Whether plainCandle() may stand in for recordProblem() under these limits (checked once per block): finite
 * price and volume caps, and a future skew of zero or more (a candle known by the clock is then never ahead).
 */
export function plainCandleLimits(lim: InputLimits): boolean {
  return Number.isFinite(lim.maxPriceUsd) && Number.isFinite(lim.maxVolumeUsd) && lim.maxFutureSkewMs >= 0;
}

/**
 * True only when recordProblem() finds nothing in a candle whose knownAt (start + interval) is at or before
 * the clock, under limits that pass plainCandleLimits(): the checks of nearly every row in one expression,
 * with no call, no string and no floating-point remainder (the alignment is tested by flooring). False
 * says nothing: the caller asks recordProblem() for the reason.
 */
export function plainCandle(c: Candle, lim: InputLimits): boolean {
  const { start, intervalMs: iv } = c;
  return (c.mint !== null || c.pool !== null) && (iv | 0) === iv && iv > 0 && Number.isFinite(start) && start >= MIN_PLAUSIBLE_MS &&
    Math.floor(start / iv) * iv === start && plainOhlcv(c.open, c.high, c.low, c.close, c.volumeUsd, lim);
}

/**
 * plainCandle()'s checks of the prices and volume: true when candleProblem() finds none of its price, range and
 * volume problems in them. Small enough to be inlined wherever it is called (its numbers are then never boxed).
 */
export function plainOhlcv(open: number, high: number, low: number, close: number, volumeUsd: number, lim: InputLimits): boolean {
  const maxP = lim.maxPriceUsd;
  const tol = high * REL_TOL;
  return open > 0 && open <= maxP && high > 0 && high <= maxP && low > 0 && low <= maxP && close > 0 && close <= maxP &&
    high >= low && open <= high + tol && close <= high + tol && open >= low - tol && close >= low - tol &&
    volumeUsd >= 0 && volumeUsd <= lim.maxVolumeUsd;
}

/** Why a record must not enter the windows (snake_case), or null when it is sane. */
export function recordProblem(r: MarketRecord, now: number, lim: InputLimits): string | null {
  if (r.mint === null && r.pool === null) return 'no_token_id';
  switch (r.kind) {
    case 'trade': return tradeProblem(r, now, lim);
    case 'candle': return candleProblem(r, now, lim);
    case 'pool': return snapshotProblem(r, now, lim);
    case 'impact': return Number.isFinite(r.impactPct) && r.impactPct >= 0 ? timeProblem(r.ts, now, lim) : 'impact_out_of_range';
    case 'token':
    case 'security':
      return timeProblem(r.ts, now, lim);
  }
}
