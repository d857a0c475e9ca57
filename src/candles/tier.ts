import { bucketStart } from '../domain/time.js';
import { barFrom, foldInto, withPiece, type MutableBar, type Piece } from './bar.js';

/**
 * One candle interval of one token (1m, 5m or 4h). It holds at most one forming bucket. Final pieces
 * are folded into `acc`; a provisional piece (an upstream candle still forming) is kept aside and
 * replaced by the next provisional piece with the same key, so repeated updates never double count.
 */
export interface Tier {
  readonly intervalMs: number;
  /**
   * Start of the forming bucket, NaN when none is forming (a number field: written per input, never boxed;
   * `forming(t) !== null` or `isForming(t)` say whether one is).
   */
  start: number;
  acc: MutableBar | null;
  prov: Piece | null;
  provKey: string | null;
  /** End of the last closed bucket: pieces belonging before it are late. */
  closedThrough: number;
  /** The bar closeTier() last returned, refilled for the next bucket (one bar object per tier, not per bucket). */
  spare: MutableBar | null;
}

export function newTier(intervalMs: number): Tier {
  return { intervalMs, start: NaN, acc: null, prov: null, provKey: null, closedThrough: -Infinity, spare: null };
}

/** True when a bucket is forming. */
export function isForming(t: Tier): boolean {
  return !Number.isNaN(t.start);
}

/** True when a piece starting at `ts` belongs to a bucket that has already closed. */
export function isLate(t: Tier, ts: number): boolean {
  return bucketStart(ts, t.intervalMs) < t.closedThrough;
}

/** The forming bucket as a bar (final pieces plus the provisional one), or null. */
export function forming(t: Tier): MutableBar | null {
  if (Number.isNaN(t.start)) return null;
  // Nearly always no provisional piece: the tier's own bar, with no call (a double passed to a call that is
  // not inlined is boxed, and the engine asks twice per input).
  if (t.prov === null) return t.acc;
  return withPiece(t.acc, t.start, t.intervalMs, t.prov);
}

/**
 * A new bar for the tier's forming bucket (`t.start`, set): the spare one refilled, or a fresh one. It takes
 * no number: a double passed to a call that is not inlined is boxed, and this runs per 1m candle.
 */
function startBar(t: Tier, p: Piece): MutableBar {
  const bar = t.spare;
  if (bar === null) return barFrom(t.start, t.intervalMs, p);
  t.spare = null;
  bar.start = t.start;
  bar.open = p.open;
  bar.high = p.high;
  bar.low = p.low;
  bar.close = p.close;
  bar.volumeUsd = p.volumeUsd;
  return bar;
}

function commitProvisional(t: Tier): void {
  if (t.prov && !Number.isNaN(t.start)) {
    if (t.acc) foldInto(t.acc, t.prov);
    else t.acc = startBar(t, t.prov);
  }
  t.prov = null;
  t.provKey = null;
}

/**
 * Closes the forming bucket and returns it (null when nothing was forming). Called by the clock
 * when the boundary passes, or by `apply` when a piece of a later bucket arrives. The bar is the
 * tier's own and is refilled by its next bucket: read it (or freeze a copy) before the next piece.
 */
export function closeTier(t: Tier): MutableBar | null {
  if (Number.isNaN(t.start)) return null;
  commitProvisional(t);
  const bar = t.acc;
  t.closedThrough = t.start + t.intervalMs;
  t.start = NaN;
  t.acc = null;
  t.spare = bar;
  return bar;
}

/**
 * Folds a piece starting at `ts` into the tier. The caller has already rejected late pieces and
 * closed the bucket if the piece belongs to a later one. `key` identifies an upstream candle
 * (pool|interval|start) or is null for trades; a final candle with the key of the provisional one
 * supersedes it instead of adding to it.
 */
export function applyPiece(t: Tier, ts: number, p: Piece, key: string | null, provisional: boolean): void {
  applyPieceAt(t, bucketStart(ts, t.intervalMs), p, key, provisional);
}

/** applyPiece() with the piece's bucket start in this tier already known (`start`). */
export function applyPieceAt(t: Tier, start: number, p: Piece, key: string | null, provisional: boolean): void {
  if (Number.isNaN(t.start)) t.start = start;
  if (provisional) {
    if (t.provKey !== null && t.provKey !== key) commitProvisional(t);
    t.prov = p;
    t.provKey = key;
    return;
  }
  if (key !== null && key === t.provKey) {
    t.prov = null;
    t.provKey = null;
  }
  // The forming bucket is the piece's (the caller closed an earlier one): `t.start` is `start`.
  if (t.acc) foldInto(t.acc, p);
  else t.acc = startBar(t, p);
}

/**
 * applyPieceAt() for a final piece with no candle key (no provisional piece to supersede), given the piece's
 * start rather than its bucket's: the caller has rejected a late piece and closed an earlier bucket, so the
 * bucket is the forming one, or a new one when nothing is forming (the only case that works its start out).
 * It takes no number, so nothing is boxed when it is not inlined.
 */
export function applyFinalPiece(t: Tier, p: Piece & { start: number }): void {
  if (Number.isNaN(t.start)) t.start = bucketStart(p.start, t.intervalMs);
  if (t.acc) foldInto(t.acc, p);
  else t.acc = startBar(t, p);
}
