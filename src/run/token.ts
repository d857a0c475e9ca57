import type { MintSecurity, PoolSnapshot, PriceImpact, TokenInfo } from '../domain/market.js';
import type { OutcomeTracker } from '../risk/outcome.js';
import { newWindows, type TokenWindows } from '../candles/windows.js';

/** Everything the engine keeps for one token (keyed by mint, or `pool:<address>` when no mint is known). */
export interface TokenRec {
  key: string;
  mint: string | null;
  /** The pool whose prices build the candles (the first seen, or the most liquid when snapshots say so). */
  lead: string | null;
  symbol: string | null;
  w: TokenWindows;
  /** Last final candle start applied per interval (lead pool only), for duplicate and out-of-order detection. */
  lastFinal: Map<number, number>;
  tradeIds: Set<string>;
  tradeIdOrder: string[];
  pool: PoolSnapshot | null;
  security: MintSecurity | null;
  impact: PriceImpact | null;
  token: TokenInfo | null;
  /** Latest price of every other pool of the token. */
  otherPools: Map<string, { priceUsd: number; liquidityUsd: number | null; at: number }>;
  trackers: OutcomeTracker[];
  /** Boundary this token is registered at in the engine's heap. */
  registered: number | null;
  /** 4h window in which an ignition (emitted or rejected) and a near miss were already decided. */
  ignitionWindow: number | null;
  nearMissWindow: number | null;
  /** Id of the ignition emitted in the forming window, for the confirmation or fade that follows. */
  ignitionId: string | null;
  lastEmitTs: { ignition: number; confirmation: number };
  lastInputAt: number;
  /** Changed since the last token view was emitted. */
  dirty: boolean;
  /** Signals of windows ending at or before this clock time are not decided (warm-up history). */
  silentUntil: number;
}

export function tokenKeyOf(mint: string | null, pool: string | null): string | null {
  if (mint) return mint;
  if (pool) return `pool:${pool}`;
  return null;
}

export function newTokenRec(key: string, mint: string | null, atrPeriod: number): TokenRec {
  return {
    key, mint, lead: null, symbol: null,
    w: newWindows(atrPeriod),
    lastFinal: new Map(), tradeIds: new Set(), tradeIdOrder: [],
    pool: null, security: null, impact: null, token: null,
    otherPools: new Map(), trackers: [], registered: null,
    ignitionWindow: null, nearMissWindow: null, ignitionId: null,
    lastEmitTs: { ignition: -Infinity, confirmation: -Infinity },
    lastInputAt: 0, dirty: false, silentUntil: -Infinity,
  };
}

/** Remembers a trade id; returns false when it was already seen (a duplicate). */
export function rememberTradeId(rec: TokenRec, id: string, capacity: number): boolean {
  if (rec.tradeIds.has(id)) return false;
  rec.tradeIds.add(id);
  rec.tradeIdOrder.push(id);
  if (rec.tradeIdOrder.length > capacity) {
    const evicted = rec.tradeIdOrder.splice(0, rec.tradeIdOrder.length - capacity);
    for (const e of evicted) rec.tradeIds.delete(e);
  }
  return true;
}

/**
 * Duplicate / out-of-order check for a final candle of the lead pool: `duplicate` when the same
 * interval and start was applied, `late` when an earlier start arrives after a later one, else null
 * (and recorded).
 */
export function checkCandleOrder(rec: TokenRec, intervalMs: number, start: number): 'duplicate' | 'late' | null {
  const last = rec.lastFinal.get(intervalMs);
  if (last !== undefined) {
    if (start === last) return 'duplicate';
    if (start < last) return 'late';
  }
  rec.lastFinal.set(intervalMs, start);
  return null;
}
