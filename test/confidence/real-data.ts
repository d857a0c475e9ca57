// Test helper: builds SignalContexts from the real CBRL 1m candles (bundled sample), the way the engine
// would at a 4h boundary, using only candles closed by the cut time.
import { resolve } from 'node:path';
import type { Bar, SignalContext } from '../../src/domain/index.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../../src/domain/index.js';
import { SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { CBRL_POOL, cbrlSampleMinutes } from '../support/sample-data.js';

export { CBRL_POOL };

/** The collector's folder in ../shared/data (a placeholder path without it: guard tests with needsShared()). */
export const DATA = resolve(SHARED_DATA ?? resolve(process.cwd(), '../shared/data'), 'snogcel__geckoterminal_collector');

/** A file of the collector's folder in ../shared/data; only inside a test guarded by needsShared(). */
export const collectorPath = (...parts: string[]): string => sharedPath('snogcel__geckoterminal_collector', ...parts);

/** CBRL's 1m candles, sorted by start, from the bundled sample (the CBRL 1m rows of ohlcv_data_2.csv). */
export function loadOneMinute(): Bar[] {
  return cbrlSampleMinutes().map((m) => ({
    start: m.ts * 1000, intervalMs: MINUTE_MS, open: m.open, high: m.high, low: m.low, close: m.close, volumeUsd: m.volumeUsd,
  }));
}

function rollUp(bars: readonly Bar[], intervalMs: number): Bar[] {
  const out: Bar[] = [];
  for (const b of bars) {
    const start = bucketStart(b.start, intervalMs);
    const last = out[out.length - 1];
    if (last && last.start === start) {
      last.high = Math.max(last.high, b.high);
      last.low = Math.min(last.low, b.low);
      last.close = b.close;
      last.volumeUsd += b.volumeUsd;
    } else out.push({ ...b, start, intervalMs });
  }
  return out;
}

function wilderAtr(bars: readonly Bar[], period: number): number[] {
  const out: number[] = [];
  let atr: number | null = null;
  const trs: number[] = [];
  for (let i = 1; i < bars.length; i++) {
    const pc = bars[i - 1].close;
    const tr = Math.max(bars[i].high - bars[i].low, Math.abs(bars[i].high - pc), Math.abs(bars[i].low - pc));
    if (atr === null) {
      trs.push(tr);
      if (trs.length === period) atr = trs.reduce((s, x) => s + x, 0) / period;
    } else atr = (atr * (period - 1) + tr) / period;
    if (atr !== null) out.push(atr);
  }
  return out;
}

/**
 * A confirmation-style context at the 4h boundary `t` (the window [t - 4h, t) is the signal bar), built
 * only from 1m candles that closed by `t`.
 */
export function contextAt(oneMinute: readonly Bar[], t: number): SignalContext {
  const known = oneMinute.filter((b) => b.start + MINUTE_MS <= t);
  const all4h = rollUp(known, FOUR_HOUR_MS);
  const signal4h = all4h[all4h.length - 1];
  const closed4h = all4h.slice(0, -1).slice(-60);
  const fiveMin = new Map(rollUp(known, FIVE_MIN_MS).map((b) => [b.start, b.volumeUsd]));
  const volumes5m: number[] = [];
  for (let s = t - 60 * FIVE_MIN_MS; s < t; s += FIVE_MIN_MS) volumes5m.push(fiveMin.get(s) ?? 0);
  const atrs = wilderAtr(closed4h, 14);
  return {
    kind: 'confirmation', ts: t, price: signal4h.close, closed4h, signal4h,
    volumes5m, volume5mUsd: volumes5m[volumes5m.length - 1],
    atr: atrs.length ? atrs[atrs.length - 1] : null, atrHistory: atrs.slice(-120),
    buyVolumeUsd: null, sellVolumeUsd: null, liquidityUsd: null, volume24hUsd: null, buys24h: null, sells24h: null,
    otherPools: [],
  };
}

/** 4h boundaries of the series after `warmupBars` windows. */
export function boundaries(oneMinute: readonly Bar[], warmupBars = 0): number[] {
  const first = bucketStart(oneMinute[0].start, FOUR_HOUR_MS) + FOUR_HOUR_MS * (warmupBars + 1);
  const last = bucketStart(oneMinute[oneMinute.length - 1].start, FOUR_HOUR_MS);
  const out: number[] = [];
  for (let t = first; t <= last; t += FOUR_HOUR_MS) out.push(t);
  return out;
}
