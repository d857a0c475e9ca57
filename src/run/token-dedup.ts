import type { TokenRec } from './token.js';

// A token's duplicate checks: trades by id within the forming minute, final candles by interval and start.

/**
 * Remembers the id of a trade in the 1m bucket starting at `bucket`; returns false when it was already
 * seen (a duplicate). Only the forming bucket's ids are kept: a repeat of an older trade belongs to a
 * closed bucket and is dropped as late before this check, so memory stays bounded by a minute of trades.
 */
export function rememberTradeId(rec: TokenRec, id: string, bucket: number): boolean {
  if (bucket !== rec.tradeIdsBucket) {
    rec.firstTradeId = null;
    rec.tradeIds?.clear();
    rec.tradeIdsBucket = bucket;
  }
  if (rec.firstTradeId === null) {
    rec.firstTradeId = id;
    return true;
  }
  if (id === rec.firstTradeId) return false;
  const ids = (rec.tradeIds ??= new Set());
  if (ids.has(id)) return false;
  ids.add(id);
  return true;
}

/**
 * Duplicate / out-of-order check for a final candle of the lead pool: `duplicate` when the same
 * interval and start was applied, `late` when an earlier start arrives after a later one, else null
 * (and recorded).
 */
export function checkCandleOrder(rec: TokenRec, intervalMs: number, start: number): 'duplicate' | 'late' | null {
  if (intervalMs !== rec.finalIntervalMs) {
    // The fields hold the current interval's entry; the map gets it back only when another interval comes.
    if (rec.finalIntervalMs !== -1) (rec.lastFinal ??= new Map()).set(rec.finalIntervalMs, rec.finalStart);
    rec.finalIntervalMs = intervalMs;
    rec.finalStart = rec.lastFinal?.get(intervalMs) ?? -Infinity;
  }
  const last = rec.finalStart;
  if (start === last) return 'duplicate';
  if (start < last) return 'late';
  rec.finalStart = start;
  return null;
}
