// A minimal, independent loader for the GeckoTerminal collector CSVs in ../shared/data, used by the
// engine tests as a second opinion next to the production readers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candle } from '../../src/domain/market.js';
import { parseIntervalMs } from '../../src/domain/time.js';

import { SHARED_DATA } from '../support/shared-data.js';

/** ../shared/data beside the checkout (or the worktree); guard tests that read it with needsShared(). */
export const DATA = SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data');
export const GT = join(DATA, 'snogcel__geckoterminal_collector');
export const CBRL_POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
export const CBRL_MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';

function rows(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function candle(pool: string, mint: string | null, startS: number, intervalMs: number, o: string, h: string, l: string, c: string, v: string): Candle {
  const start = startS * 1000;
  return {
    kind: 'candle', knownAt: start + intervalMs, mint, pool, source: 'file', start, intervalMs,
    open: Number(o), high: Number(h), low: Number(l), close: Number(c), volumeUsd: Number(v), final: true,
  };
}

/** One (pool, timeframe) series of a multi-pool collector CSV (pool_id / timeframe columns), ascending. */
export function loadSeries(file: string, pool: string, timeframe: string, mint: string | null = null): Candle[] {
  const { header, rows: rs } = rows(file);
  const ix = (n: string) => header.indexOf(n);
  const [ip, it, its, io, ih, il, ic, iv] = ['pool_id', 'timeframe', 'timestamp', 'open_price', 'high_price', 'low_price', 'close_price', 'volume_usd'].map(ix);
  const ms = parseIntervalMs(timeframe)!;
  return rs
    .filter((r) => r[ip] === `solana_${pool}` && r[it] === timeframe)
    .map((r) => candle(pool, mint, Number(r[its]), ms, r[io], r[ih], r[il], r[ic], r[iv]))
    .sort((a, b) => a.start - b.start);
}

/** A 1h file of docs/TROLL_2 (`datetime,symbol,open,high,low,close,volume`, naive UTC). */
export function loadHourFile(file: string): Candle[] {
  const { rows: rs } = rows(file);
  return rs
    .map((r) => {
      const t = Date.parse(r[0].replace(' ', 'T') + 'Z');
      return candle(r[1].replace(/^solana_/, ''), null, t / 1000, 3_600_000, r[2], r[3], r[4], r[5], r[6]);
    })
    .filter((c) => Number.isFinite(c.start))
    .sort((a, b) => a.start - b.start);
}

/** Native 4h candles of CBRL (specs/get_ohlcv.csv). */
export function loadNative4h(): Candle[] {
  const { rows: rs } = rows(join(GT, 'specs', 'get_ohlcv.csv'));
  return rs.map((r) => candle(CBRL_POOL, CBRL_MINT, Number(r[0]), 4 * 3_600_000, r[1], r[2], r[3], r[4], r[5])).sort((a, b) => a.start - b.start);
}
