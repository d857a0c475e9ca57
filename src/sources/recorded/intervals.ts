import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, intervalLabel, parseIntervalMs } from '../../domain/time.js';

/** Candle intervals upstreams publish; an inferred interval must be one of them. */
export const KNOWN_INTERVALS_MS: readonly number[] = [
  1, 15, 30,
].map((s) => s * SECOND_MS).concat(
  [1, 3, 5, 15, 30].map((m) => m * MINUTE_MS),
  [1, 2, 4, 6, 8, 12].map((h) => h * HOUR_MS),
  [1, 3, 7].map((d) => d * DAY_MS),
);

/** Interval label from a file (`1m`, `1H`, `4h`, `1d`) -> ms; null when unknown (e.g. `1M`, a month). */
export function intervalFromLabel(label: string): number | null {
  const ms = parseIntervalMs(label);
  return ms !== null && KNOWN_INTERVALS_MS.includes(ms) ? ms : null;
}

/**
 * Infers a series' interval from the smallest positive gap between its candle starts.
 * Checked, not guessed: the gap must be a known interval and every start must sit on that grid
 * (a multiple of it from the first start), otherwise the series is reported as not inferable.
 */
export function inferIntervalMs(minPositiveGapMs: number, offGrid: boolean): { ok: true; ms: number } | { ok: false; why: string } {
  if (!Number.isFinite(minPositiveGapMs)) return { ok: false, why: 'fewer than two distinct candle times, so the interval cannot be inferred' };
  if (!KNOWN_INTERVALS_MS.includes(minPositiveGapMs)) {
    return { ok: false, why: `the smallest gap between candles is ${minPositiveGapMs / 1000}s, which is not a known candle interval` };
  }
  if (offGrid) return { ok: false, why: `candle times are not on a ${intervalLabel(minPositiveGapMs)} grid` };
  return { ok: true, ms: minPositiveGapMs };
}
