// Small pure indicators over plain number arrays (oldest first). Each returns null when the input is too
// short or degenerate, so a missing feature is visible as null rather than a misleading zero.

/** Arithmetic mean, null for an empty array. */
export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Mean of xs[from..to) summed in order, as mean(xs.slice(from, to)) without the copy (from < to). */
function meanOfRange(xs: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s / (to - from);
}

/** Population standard deviation, null for an empty array. */
export function stdDev(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null) return null;
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

/** (x - mean) / sd of `history`; null with fewer than `minCount` values or zero deviation. */
export function zScore(x: number, history: readonly number[], minCount = 3): number | null {
  if (history.length < minCount || history.length === 0) return null;
  // mean() and stdDev() written out: the same sums in the same order, without working out the mean twice.
  const n = history.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += history[i];
  const m = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) q += (history[i] - m) * (history[i] - m);
  const sd = Math.sqrt(q / n);
  if (!(sd > 0)) return null;
  return (x - m) / sd;
}

/**
 * RSI with Wilder smoothing: the first average gain/loss is the simple mean of the first `period`
 * changes, later ones are smoothed as avg = (avg * (period - 1) + change) / period. Needs period + 1
 * closes. 100 when there were no losses, 50 when the series is flat.
 */
export function rsi(closes: readonly number[], period: number): number | null {
  if (closes.length < period + 1) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = closes[i] - closes[i - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  for (let i = period + 1; i < closes.length; i++) {
    const d = closes[i] - closes[i - 1];
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

/** Percent change of the `bars`-long simple moving average over its last step; needs bars + 1 values. */
export function smaSlopePct(closes: readonly number[], bars: number): number | null {
  if (closes.length < bars + 1) return null;
  const n = closes.length;
  const now = meanOfRange(closes, n - bars, n);
  const before = meanOfRange(closes, n - bars - 1, n - 1);
  if (!(before > 0)) return null;
  return ((now - before) / before) * 100;
}

/**
 * Mid-rank percentile of `x` in `history`, 0..1: (values below + half the values equal) / count.
 * Null with fewer than `minCount` values.
 */
export function percentileRank(x: number, history: readonly number[], minCount = 2): number | null {
  if (history.length < minCount) return null;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < history.length; i++) {
    const h = history[i];
    if (h < x) below++;
    else if (h === x) equal++;
  }
  return (below + equal / 2) / history.length;
}
