import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../domain/time.js';
import type { Bar } from '../domain/context.js';
import { freezeBar, type Piece } from './bar.js';
import { applyFinalPiece, applyPiece, applyPieceAt, closeTier, forming, newTier, type Tier } from './tier.js';
import { NumberRing, Ring } from './ring.js';
import { atrStep, newAtr, type AtrState } from '../risk/atr.js';

/** How many closed 5m volumes and 4h bars a token keeps (features look back this far). */
export const VOLUME_5M_KEEP = 60;
export const BARS_4H_KEEP = 60;
export const ATR_HISTORY_KEEP = 120;

/**
 * The rolling candle windows of one token: 1m, 5m and 4h tiers fed by the same pieces, the zero-filled
 * history of closed 5m volumes, and the closed 4h bars with their ATR.
 */
export interface TokenWindows {
  t1m: Tier;
  t5m: Tier;
  t4h: Tier;
  vol5m: NumberRing;
  /** Start of the next 5m interval whose volume has not been pushed to `vol5m` yet (NaN before any). */
  vol5mNext: number;
  closed4h: Ring<Bar>;
  atr: AtrState;
  atrHistory: NumberRing;
  /** Buy / sell USD from trades with a side, in the forming 4h window. */
  buyUsd: number;
  sellUsd: number;
  sidedTrades: number;
  /** Event time at which the forming 4h window first traded at or above the confirmation threshold; NaN: not yet. */
  firstUpAt: number;
  /** Close of the last piece applied; NaN before any (a number field, written per input, is not boxed). */
  lastPrice: number;
  /** Tiers fed by a trade (all three), made on the first trade. */
  tradeTiers: Tier[] | null;
  /** Tiers fed by a candle of a given interval, computed once per interval; made on the first candle. */
  tierCache: Map<number, Tier[]> | null;
}

export function newWindows(atrPeriod: number): TokenWindows {
  return {
    t1m: newTier(MINUTE_MS),
    t5m: newTier(FIVE_MIN_MS),
    t4h: newTier(FOUR_HOUR_MS),
    vol5m: new NumberRing(VOLUME_5M_KEEP),
    vol5mNext: NaN,
    closed4h: new Ring<Bar>(BARS_4H_KEEP),
    atr: newAtr(atrPeriod),
    atrHistory: new NumberRing(ATR_HISTORY_KEEP),
    buyUsd: 0,
    sellUsd: 0,
    sidedTrades: 0,
    firstUpAt: NaN,
    lastPrice: NaN,
    tradeTiers: null,
    tierCache: null,
  };
}

export function tiersOf(w: TokenWindows): Tier[] {
  return [w.t1m, w.t5m, w.t4h];
}

/** Tiers a piece of `intervalMs` can feed (its interval must divide the tier's). 0 means a trade. */
export function tiersFor(w: TokenWindows, intervalMs: number): Tier[] {
  // A trade-only token (the chain tap's) needs no map: thousands of new ones can come within seconds.
  if (intervalMs === 0) return (w.tradeTiers ??= tiersOf(w));
  const cache = (w.tierCache ??= new Map());
  let tiers = cache.get(intervalMs);
  if (!tiers) {
    tiers = tiersOf(w).filter((t) => t.intervalMs % intervalMs === 0);
    cache.set(intervalMs, tiers);
  }
  return tiers;
}

/**
 * Writes the start of the bucket holding `ts` in each of `tiers` to `starts` (computed once per input,
 * for the late check, the roll-over and the fold); returns true when one of them has already closed.
 */
export function bucketsOf(tiers: Tier[], ts: number, starts: Float64Array): boolean {
  let late = false;
  for (let i = 0; i < tiers.length; i++) {
    const start = bucketStart(ts, tiers[i].intervalMs);
    starts[i] = start;
    if (start < tiers[i].closedThrough) late = true;
  }
  return late;
}

/** Earliest end of a forming bucket, or null when nothing is forming. Runs per input: no array made. */
export function nextBoundary(w: TokenWindows): number | null {
  // Summed as plain numbers (Infinity: none); null only at the end. A tier with nothing forming has a NaN
  // start: its end compares false.
  let nb = Infinity;
  if (w.t1m.start + w.t1m.intervalMs < nb) nb = w.t1m.start + w.t1m.intervalMs;
  if (w.t5m.start + w.t5m.intervalMs < nb) nb = w.t5m.start + w.t5m.intervalMs;
  if (w.t4h.start + w.t4h.intervalMs < nb) nb = w.t4h.start + w.t4h.intervalMs;
  return nb === Infinity ? null : nb;
}

/** Pushes zero volumes for the empty 5m intervals before `start` (capped at the ring size). */
export function fillVolumesTo(w: TokenWindows, start: number): void {
  // Nearly every call (one per input) finds nothing to fill: the forming 5m interval is the next one (or
  // none was pushed yet: NaN compares false).
  if (!(start > w.vol5mNext)) return;
  let n = Math.floor((start - w.vol5mNext) / FIVE_MIN_MS);
  if (n > VOLUME_5M_KEEP) n = VOLUME_5M_KEEP;
  for (let i = 0; i < n; i++) w.vol5m.push(0);
  w.vol5mNext = start;
}

/**
 * Records the volume of a closed 5m bar (after zero-filling the gap before it). It takes the bar, not its
 * numbers: a double passed to a call that is not inlined is boxed, and this runs per token per 5 minutes.
 */
export function pushVolume5m(w: TokenWindows, bar: Bar): void {
  if (bar.start > w.vol5mNext) fillVolumesTo(w, bar.start);
  w.vol5m.push(bar.volumeUsd);
  w.vol5mNext = bar.start + FIVE_MIN_MS;
}

/** Records a closed 4h bar: keeps it and advances the ATR. */
export function pushClosed4h(w: TokenWindows, bar: Bar): void {
  w.closed4h.push(bar);
  atrStep(w.atr, bar.high, bar.low, bar.close);
  if (w.atr.value !== null) w.atrHistory.push(w.atr.value);
  w.buyUsd = 0;
  w.sellUsd = 0;
  w.sidedTrades = 0;
  w.firstUpAt = NaN;
}

export { applyFinalPiece, applyPiece, applyPieceAt, closeTier, forming, freezeBar, bucketStart, type Piece, type Tier };
