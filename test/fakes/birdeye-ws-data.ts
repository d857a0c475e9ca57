import { readFileSync } from 'node:fs';
import { sharedPath } from '../support/shared-data.js';
import { cbrlSampleMinutes } from '../support/sample-data.js';

/** A file of ../shared/data (throws without it: callers are tests guarded by needsShared()). */
export function sharedDataPath(...parts: string[]): string {
  return sharedPath(...parts);
}

/** Minimal CSV reader for the collector's files: no quoted commas occur in the columns the fakes use. */
const csvCache = new Map<string, Array<Record<string, string>>>();

export function readCsv(path: string): Array<Record<string, string>> {
  const hit = csvCache.get(path);
  if (hit) return hit;
  const rows = parseCsv(path);
  csvCache.set(path, rows);
  return rows;
}

function parseCsv(path: string): Array<Record<string, string>> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** The CBRL PumpSwap pool and its mint: the real 1m candles and swaps the Birdeye WS fake streams. */
export const CBRL_POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
export const CBRL_MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
export const SOL_MINT = 'So11111111111111111111111111111111111111112';

export interface CsvCandle { ts: number; open: number; high: number; low: number; close: number; volumeUsd: number }
export interface CsvTrade { txHash: string; owner: string; ts: number; side: 'buy' | 'sell'; tokenAmount: number; solAmount: number; volumeUsd: number }

/** CBRL's 1m candles (GeckoTerminal, USD; the bundled sample) in time order, optionally within [from, to] seconds. */
export function cbrlCandles(fromSec = 0, toSec = Infinity): CsvCandle[] {
  return cbrlSampleMinutes().filter((c) => c.ts >= fromSec && c.ts <= toSec);
}

/**
 * CBRL's swaps (specs/QA/trades.csv) in time order. A buy goes SOL -> token (to_token_amount is the token),
 * a sell token -> SOL. block_timestamp is UTC.
 */
export function cbrlTrades(): CsvTrade[] {
  return readCsv(sharedDataPath('snogcel__geckoterminal_collector/specs/QA/trades.csv'))
    .map((r) => {
      const side = r.side === 'buy' ? 'buy' : 'sell';
      const from = Number(r.from_token_amount);
      const to = Number(r.to_token_amount);
      return {
        txHash: r.tx_hash, owner: r.tx_from_address, side, volumeUsd: Number(r.volume_usd),
        ts: Date.parse(`${r.block_timestamp.slice(0, 19).replace(' ', 'T')}Z`) / 1000,
        tokenAmount: side === 'buy' ? to : from, solAmount: side === 'buy' ? from : to,
      } as CsvTrade;
    })
    .sort((a, b) => a.ts - b.ts);
}

export interface CsvNewPool { pool: string; mint: string; quote: string; symbol: string; dex: string; liquidityUsd: number; createdSec: number }

/** New pools seen by the collector (CASE_STUDY/new_pools_history_2025_10_05.csv), first `limit` clean rows. */
export function newPools(limit: number): CsvNewPool[] {
  const out: CsvNewPool[] = [];
  for (const r of readCsv(sharedDataPath('snogcel__geckoterminal_collector/CASE_STUDY/new_pools_history_2025_10_05.csv'))) {
    const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d+)$/.exec(r.pool_created_at);
    if (!m || r.name.startsWith('"') || !r.base_token_id || !Number.isFinite(Number(r.reserve_in_usd))) continue;
    out.push({
      pool: r.address, mint: r.base_token_id, quote: r.quote_token_id, symbol: r.name.split(' / ')[0], dex: r.dex_id,
      liquidityUsd: Number(r.reserve_in_usd),
      createdSec: Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5])) / 1000,
    });
    if (out.length >= limit) break;
  }
  return out;
}
