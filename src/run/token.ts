import type { MintSecurity, PoolSnapshot, PriceImpact, TokenInfo } from '../domain/market.js';
import { newTracker, type OutcomeTracker } from '../risk/outcome.js';
import type { ConfirmationLine, IgnitionLine } from '../domain/signals.js';
import { newWindows, tiersFor, type Tier, type TokenWindows } from '../candles/windows.js';

/** Everything the engine keeps for one token (keyed by mint, or `pool:<address>` when no mint is known). */
export interface TokenRec {
  key: string;
  mint: string | null;
  /** The pool whose prices build the candles (the first seen, or the most liquid when snapshots say so). */
  lead: string | null;
  symbol: string | null;
  w: TokenWindows;
  /**
   * Last final candle start applied per interval (lead pool only), for duplicate and out-of-order detection;
   * the entry of `finalIntervalMs` is in `finalStart` instead (written per candle without a map write). Null
   * until a token's candles change interval (a trade-only token, nearly every tapped one, never makes it).
   */
  lastFinal: Map<number, number> | null;
  /**
   * Ids of the trades applied to the forming 1m bucket (`tradeIdsBucket`); older trades are late anyway. The
   * bucket's first id is kept in `firstTradeId`, the set is made for a second one only (a tapped token's first
   * trade makes none: thousands of new tokens can come within seconds).
   */
  firstTradeId: string | null;
  tradeIds: Set<string> | null;
  tradeIdsBucket: number;
  pool: PoolSnapshot | null;
  security: MintSecurity | null;
  impact: PriceImpact | null;
  token: TokenInfo | null;
  /** Latest price of every other pool of the token; null until its first other pool (most tokens have one pool). */
  otherPools: Map<string, { priceUsd: number; liquidityUsd: number | null; at: number }> | null;
  trackers: OutcomeTracker[];
  /** Boundary this token is registered at in the engine's queue; NaN when none (a number field: no boxing). */
  registered: number;
  /**
   * 4h window in which an ignition (emitted or rejected) and a near miss were already decided; NaN: none (a
   * number field: never boxed, and its hidden class does not change when the first window is decided).
   */
  ignitionWindow: number;
  nearMissWindow: number;
  /** Id of the ignition emitted in the forming window, for the confirmation or fade that follows. */
  ignitionId: string | null;
  lastEmitTs: { ignition: number; confirmation: number };
  lastInputAt: number;
  /** Changed since the last token view was emitted. */
  dirty: boolean;
  /** Signals of windows ending at or before this clock time are not decided (warm-up history). */
  silentUntil: number;
  /** Clock time of the token's first input (gate data may still be on its way shortly after). */
  firstSeenAt: number;
  /** The tiers of the last input's interval (inputs of a token nearly always share one). */
  lastTiers: { intervalMs: number; tiers: Tier[] } | null;
  /** End of the token's own recorded data (EngineHooks.seriesEnd or a series_end input), null: none; undefined until asked. */
  seriesEnd: number | null | undefined;
  /** The entry of `lastFinal` for the last interval checked, kept in fields (a token's candles nearly always share one interval). */
  finalIntervalMs: number;
  finalStart: number;
  /**
   * End of the forming 1m bucket when it is not in the boundary queue (a final 1m candle of a column
   * block: the token waits at its 5m end instead; EngineClock.registerPast1m), else NaN.
   */
  unqueued1mEnd: number;
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
    lastFinal: null, firstTradeId: null, tradeIds: null, tradeIdsBucket: -Infinity,
    pool: null, security: null, impact: null, token: null,
    otherPools: null, trackers: [], registered: NaN,
    ignitionWindow: NaN, nearMissWindow: NaN, ignitionId: null,
    lastEmitTs: { ignition: -Infinity, confirmation: -Infinity },
    lastInputAt: 0, dirty: false, silentUntil: -Infinity, firstSeenAt: -Infinity, lastTiers: null,
    seriesEnd: undefined, finalIntervalMs: -1, finalStart: -Infinity, unqueued1mEnd: NaN,
  };
}

/**
 * The token of an input, created on first sight. Tokens known only by a pool are also found by pool
 * (`byPool`), so their `pool:<address>` key is not built per input; `pool` is only read without a mint.
 */
export function tokenFor(tokens: Map<string, TokenRec>, byPool: Map<string, TokenRec>, mint: string | null, pool: string, atrPeriod: number): TokenRec {
  let rec = mint ? tokens.get(mint) : byPool.get(pool);
  if (rec) return rec;
  const key = tokenKeyOf(mint, pool)!;
  rec = tokens.get(key);
  if (!rec) {
    rec = newTokenRec(key, mint, atrPeriod);
    tokens.set(key, rec);
  }
  if (!mint) byPool.set(pool, rec);
  return rec;
}

/** The tiers an input of `intervalMs` (0 = trade) feeds, remembered for the token's next input. */
export function tiersOfInput(rec: TokenRec, intervalMs: number): Tier[] {
  const last = rec.lastTiers;
  if (last !== null && last.intervalMs === intervalMs) return last.tiers;
  const tiers = tiersFor(rec.w, intervalMs);
  rec.lastTiers = { intervalMs, tiers };
  return tiers;
}

/**
 * Picks up a signal decided before a restart: its window counts as decided (the same signal is not raised
 * twice) and, when it has a ladder, its outcome is tracked again. Returns the tracker to add, if any.
 */
export function resumeSignal(rec: TokenRec, line: IgnitionLine | ConfirmationLine, horizonMs: number): OutcomeTracker | null {
  if (rec.lead === null) rec.lead = line.pool;
  if (line.symbol) rec.symbol = line.symbol;
  if (line.type === 'ignition') {
    rec.ignitionWindow = line.window4hStart;
    rec.ignitionId = line.id;
  }
  rec.lastEmitTs[line.type] = Math.max(rec.lastEmitTs[line.type], line.ts);
  if (!line.ladder || rec.trackers.some((t) => t.signalId === line.id)) return null;
  return newTracker(line.id, line.type, rec.key, line.mint, line.pool, line.ts, horizonMs, line.ladder);
}
