// The real CBRL series the benchmarks are built from, as numbers, plus signature-shaped trade ids.
import { readFileSync } from 'node:fs';
import { sampleRows } from './gen.js';
import { BASE58_ALPHABET } from '../src/domain/mint.js';
import { SHARED_DATA, sharedPath } from '../test/support/shared-data.js';

export interface Ohlcv { t: number; open: number; high: number; low: number; close: number; volumeUsd: number }

/**
 * CBRL's 4h bars in time order; `t` in unix seconds. The native GeckoTerminal bars (specs/get_ohlcv.csv)
 * when ../shared/data is beside the checkout, else the bundled 1m sample rolled up to UTC 4h buckets
 * (the same pool and period; the data README notes both give the same >=10% windows).
 */
/** Where cbrl4h() takes its bars from, for the benchmarks' descriptions. */
export const CBRL_4H_ORIGIN = SHARED_DATA === null ? 'bars rolled up from the bundled 1m sample' : 'native 4h bars (specs/get_ohlcv.csv)';

export function cbrl4h(root = process.cwd()): Ohlcv[] {
  if (SHARED_DATA === null) return rollUp4h(cbrl1m(root));
  const lines = readFileSync(sharedPath('snogcel__geckoterminal_collector/specs/get_ohlcv.csv'), 'utf8').split('\n').filter((l) => l.trim());
  const h = lines[0].split(',');
  const ix = ['timestamp', 'open', 'high', 'low', 'close', 'volume_usd'].map((n) => h.indexOf(n));
  return lines.slice(1).map((l) => l.split(',')).map((f) => {
    const [t, open, high, low, close, volumeUsd] = ix.map((i) => Number(f[i]));
    return { t, open, high, low, close, volumeUsd };
  });
}

function rollUp4h(minutes: Ohlcv[]): Ohlcv[] {
  const out: Ohlcv[] = [];
  for (const m of minutes) {
    const t = Math.floor(m.t / 14_400) * 14_400;
    const cur = out.at(-1);
    if (cur && cur.t === t) {
      cur.high = Math.max(cur.high, m.high);
      cur.low = Math.min(cur.low, m.low);
      cur.close = m.close;
      cur.volumeUsd += m.volumeUsd;
    } else out.push({ ...m, t });
  }
  return out;
}

/** CBRL's 1m candles from the bundled sample (samples/cbrl-1m.csv, GeckoTerminal); `t` in unix seconds. */
export function cbrl1m(root: string): Ohlcv[] {
  return sampleRows(root).map((r) => ({ t: r.t, open: Number(r.o), high: Number(r.h), low: Number(r.l), close: Number(r.c), volumeUsd: Number(r.v) }));
}

/**
 * A deterministic 88-character base58 string shaped like a Solana transaction signature, built flat
 * (as JSON.parse would hand it over) so its memory is what a real id costs.
 */
export function signatureLike(seed: number): string {
  const codes = new Array<number>(88);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < 88; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    codes[i] = BASE58_ALPHABET.charCodeAt((x >>> 16) % 58);
  }
  return String.fromCharCode(...codes);
}

/**
 * The prices a candle's trades walk through, in order: open, then high and low (low first on a
 * down candle), then close. `k` trades of one candle take the first k-1 of these and end at the close.
 */
export function pathThrough(c: Ohlcv, k: number): number[] {
  const mid = c.close >= c.open ? [c.low, c.high] : [c.high, c.low];
  const stops = [c.open, ...mid];
  return Array.from({ length: k }, (_, i) => (i === k - 1 ? c.close : stops[i % stops.length]));
}
