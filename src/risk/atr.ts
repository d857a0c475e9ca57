/** Incremental ATR with Wilder smoothing. */
export interface AtrState {
  readonly period: number;
  prevClose: number | null;
  /** True ranges seen so far while seeding (fewer than `period`). */
  count: number;
  seedSum: number;
  /** Null until `period` bars have been seen. */
  value: number | null;
}

export function newAtr(period: number): AtrState {
  return { period, prevClose: null, count: 0, seedSum: 0, value: null };
}

/** True range of a bar given the previous close (the bar's own range for the first bar). */
export function trueRange(high: number, low: number, prevClose: number | null): number {
  if (prevClose === null) return high - low;
  return Math.max(high - low, Math.abs(high - prevClose), Math.abs(low - prevClose));
}

/**
 * Folds one closed bar into the ATR: the first value is the mean of the first `period` true ranges,
 * then ATR = (ATR x (period - 1) + TR) / period.
 */
export function atrStep(s: AtrState, high: number, low: number, close: number): void {
  const tr = trueRange(high, low, s.prevClose);
  s.prevClose = close;
  if (s.value === null) {
    s.count += 1;
    s.seedSum += tr;
    if (s.count === s.period) s.value = s.seedSum / s.period;
    return;
  }
  s.value = (s.value * (s.period - 1) + tr) / s.period;
}

/** ATR of a whole series (for tests and one-off use): null with fewer than `period` bars. */
export function atr(bars: ReadonlyArray<{ high: number; low: number; close: number }>, period: number): number | null {
  const s = newAtr(period);
  for (const b of bars) atrStep(s, b.high, b.low, b.close);
  return s.value;
}
