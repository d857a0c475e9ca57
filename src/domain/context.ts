import type { EpochMs } from './time.js';
import type { SignalKind } from './signals.js';

/** A plain OHLCV bar (USD). */
export interface Bar {
  start: EpochMs;
  intervalMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volumeUsd: number;
}

/**
 * Everything known about a token at the moment a signal is decided, with no look-ahead. The engine
 * builds it; confidence features are pure functions of it. Arrays hold the most recent item last.
 */
export interface SignalContext {
  kind: SignalKind;
  /** Event time of the decision. */
  ts: EpochMs;
  price: number;
  /** Closed 4h candles before the decision (up to the engine's lookback, default 60). */
  closed4h: readonly Bar[];
  /** The forming 4h candle (ignition) or the one that just closed (confirmation). */
  signal4h: Bar;
  /** Volumes of closed 5m intervals, zero-filled for empty ones (up to 60), USD. */
  volumes5m: readonly number[];
  /** Volume of the current (or just closed) 5m candle, USD. */
  volume5mUsd: number;
  /** ATR(period) of closed 4h candles, null when there are not enough. */
  atr: number | null;
  /** ATR value after each closed 4h candle since the ATR first existed (up to 120). */
  atrHistory: readonly number[];
  /** Buy / sell USD volume from trades in the current 4h window; null when inputs carry no side. */
  buyVolumeUsd: number | null;
  sellVolumeUsd: number | null;
  /** Order flow from trades that name their trader (chain tap): see confidence/trade-flow.ts. Absent = unknown. */
  tradeFlow?: { uniqueTraders4h: number | null; creatorSellUsd: number | null; launchSlotBuyShare: number | null };
  /** Share (0..100) of supply in the largest holders without pools and curves (on-chain read). Absent = unknown. */
  holderConcentration?: number | null;
  /** Latest pool snapshot of the lead pool, when any. */
  liquidityUsd: number | null;
  volume24hUsd: number | null;
  buys24h: number | null;
  sells24h: number | null;
  /** Latest price of each other pool of the token (cross-pool agreement), with its liquidity. */
  otherPools: ReadonlyArray<{ pool: string; priceUsd: number; liquidityUsd: number | null; ageMs: number }>;
}

/**
 * A closed 4h window of a token, emitted once when its boundary passes (not a log line). The replay
 * report uses it as ground truth (recall against >=10% windows, lead times), the table for history.
 */
export interface WindowClosed {
  type: 'window';
  ts: EpochMs;
  mint: string | null;
  pool: string | null;
  symbol: string | null;
  bar: Bar;
  changePct: number;
  /** First event time at which the forming candle traded at or above +confirmation threshold, or null. */
  firstUpThresholdAt: EpochMs | null;
}
