import type { SeriesInfo } from '../sources/recorded/index.js';
import { tokenKeyOf } from './token.js';

/**
 * Where each token's own recorded data ends, by engine token key: the end of its last candle (start +
 * interval) or its last trade, the latest over all its market series. A file replay passes this to the
 * engine under `replay.windowEnd: series` (the default), so a window that the token's series stops inside
 * is "open at end of data" rather than closed and confirmed because another token's input moved the
 * shared clock. Under `clock` (and in live scans) it is null and the clock closes every window.
 */
export function seriesEndsOf(series: readonly SeriesInfo[], windowEnd: string): Map<string, number> | null {
  if (windowEnd !== 'series') return null;
  const ends = new Map<string, number>();
  for (const s of series) {
    if (s.kind !== 'candle' && s.kind !== 'trade') continue;
    const key = tokenKeyOf(s.mint, s.pool);
    if (key === null || !Number.isFinite(s.lastTs)) continue;
    const end = s.kind === 'candle' ? s.lastTs + (s.intervalMs ?? 0) : s.lastTs;
    ends.set(key, Math.max(ends.get(key) ?? -Infinity, end));
  }
  return ends;
}
