import type { EpochMs } from './time.js';
import type { InputCounts, RateUse, SourceCounters, SourceState } from './status.js';
import type { WindowClosed } from './context.js';
import type { HolderShare } from './market.js';

/** Version of the JSONL line schema. Bump on any incompatible change to a line type. */
export const LOG_SCHEMA_VERSION = 1 as const;

export type SignalKind = 'ignition' | 'confirmation';
export type OutcomeResult = 'TP1' | 'TP2' | 'TP3' | 'SL' | 'TIMEOUT';

/** Stop-loss placement rule. `atr`: entry - k x ATR. `candle_low`: signal-candle low - k x ATR. */
export type StopMode = 'atr' | 'candle_low';

/** Entry, stop and targets for one signal. Prices in USD. */
export interface Ladder {
  entry: number;
  sl: number;
  /** TP1, TP2, TP3. */
  tp: [number, number, number];
  /** ATR(14) of closed 4h candles (Wilder), USD. */
  atr: number;
  /** Risk per unit: entry - sl, USD. */
  r: number;
  slMode: StopMode;
  /** Stop moves to entry once TP1 is reached. */
  breakevenAfterTp1: boolean;
  /** How far under entry the stop is, percent of entry ((entry - sl) / entry x 100, 4 decimals). Set by ladderFor. */
  stopDistancePct?: number;
}

export type GateName =
  | 'liquidity'
  | 'volume_24h'
  | 'price_impact'
  | 'mint_authority'
  | 'freeze_authority'
  | 'token2022_traps';

/** One safety gate as measured at signal time. */
export interface GateCheck {
  gate: GateName;
  status: 'pass' | 'fail' | 'unknown';
  /** Measured value (USD, percent, an authority address, or a trap list). */
  value: number | string | null;
  threshold: number | string | null;
  /** snake_case reason when not passing (`liquidity_below_min`, `mint_authority_present`, `no_data`). */
  reason: string | null;
  /** Where the measurement came from and how old it was at signal time. */
  source: string | null;
  ageMs: number | null;
}

/** Confidence of a signal: raw score from features and, when a calibration is loaded, a probability. */
export interface Confidence {
  /**
   * 0..100, for ranking: 100 x the calibration file's model probability (version 2), else the weighted mean
   * of the normalised features (confidence.weights). Null when no weighted feature was available.
   */
  score: number | null;
  /** Calibrated probability (0..1) that the signal reaches TP1 before its stop. Null without calibration. */
  p: number | null;
  calibrated: boolean;
  /** Feature values at signal time; null marks a missing feature (never silently zero). */
  features: Record<string, number | null>;
  /**
   * How many of the model's features were present (not null) out of how many it has: p and score rest on
   * only these, so displays say so next to p when few are present (e.g. `p=45% (2/7 features)`).
   */
  featuresPresent?: number;
  featuresTotal?: number;
}

/**
 * Holder concentration of the token as known at a moment (signal lines, token views), from the on-chain read:
 * `read` with the share of supply in the `top` largest holders once pools, bonding curves and burn are left
 * out (and how many accounts were left out, by reason); `unavailable` when the RPC does not offer
 * getTokenLargestAccounts. `ageMs`: time since the read.
 */
export type HoldersAt = HolderShare extends infer S ? (S extends { readAt: EpochMs } ? Omit<S, 'readAt'> & { ageMs: number } : never) : never;

interface LineBase {
  v: typeof LOG_SCHEMA_VERSION;
  /** Event time, epoch ms UTC. */
  ts: EpochMs;
  mint: string | null;
  pool: string | null;
  /** Sanitised token symbol, when known. */
  symbol: string | null;
  /** Deterministic id: the same line on a rerun has the same id. */
  id: string;
}

export interface IgnitionLine extends LineBase {
  type: 'ignition';
  window4hStart: EpochMs;
  /** Forming 4h change from the window open, percent. */
  changePct: number;
  /** Current 5m volume over the SMA of the 20 closed 5m candles before it; null when that SMA is 0. */
  volumeRatio5m: number | null;
  volume5mUsd: number;
  volumeSma5mUsd: number;
  price: number;
  ladder: Ladder | null;
  /** Why the ladder is missing (`insufficient_history`, `stop_not_positive`), else null. */
  ladderUnavailable: string | null;
  gates: GateCheck[];
  confidence: Confidence;
  /**
   * Holder concentration without pools at signal time; null when never read (sources.solana.topHolders).
   * Always written by the engine; absent in lines of older versions.
   */
  holders?: HoldersAt | null;
}

export interface ConfirmationLine extends LineBase {
  type: 'confirmation';
  window4hStart: EpochMs;
  open: number;
  high: number;
  low: number;
  close: number;
  volumeUsd: number;
  changePct: number;
  ladder: Ladder | null;
  ladderUnavailable: string | null;
  /** Id of the ignition in the same window, when one preceded it. */
  ignitionId: string | null;
  gates: GateCheck[];
  confidence: Confidence;
  /** Holder concentration without pools at signal time; null when never read; absent in older lines. */
  holders?: HoldersAt | null;
}

export interface FadeLine extends LineBase {
  type: 'fade';
  window4hStart: EpochMs;
  /** Change of the closed 4h candle, percent (below the confirmation threshold). */
  changePct: number;
  ignitionId: string;
}

export interface OutcomeLine extends LineBase {
  type: 'outcome';
  signalId: string;
  signalType: SignalKind;
  /** Highest target reached before the trade ended; SL when stopped before TP1; TIMEOUT when none. */
  result: OutcomeResult;
  /** How the trade ended: at TP3, at the breakeven stop, at the original stop, or at the horizon. */
  exit: 'tp3' | 'breakeven' | 'stop' | 'horizon';
  entry: number;
  exitPrice: number;
  /** Realised R with the ladder scaled out in thirds at TP1, TP2, TP3 (README explains). */
  rMultiple: number;
  /** Maximum favourable / adverse excursion from entry while tracked, percent. */
  mfePct: number;
  maePct: number;
  durationMs: number;
}

export interface RejectedLine extends LineBase {
  type: 'rejected';
  signalType: SignalKind;
  window4hStart: EpochMs;
  changePct: number;
  price: number;
  /** Only the failing gates, each with its measured value and threshold. */
  failed: GateCheck[];
  gates: GateCheck[];
}

export interface NearMissLine extends LineBase {
  type: 'near_miss';
  signalType: 'ignition';
  window4hStart: EpochMs;
  changePct: number;
  volumeRatio5m: number | null;
  /** Conditions that missed (`change_below_min`, `volume_ratio_below_min`). */
  missed: string[];
}

export interface StatusLine extends LineBase {
  type: 'status';
  source: string;
  endpoint: string | null;
  state: SourceState;
  detail: string | null;
  counters: SourceCounters;
  /** Requests per minute spent and the configured budget, when the source measures them. */
  ratePerMin: number | null;
  budgetPerMin: number | null;
  /** Per rate class (each budget on its own), when the source has them. */
  rates?: RateUse[];
  /** When rate-limited, circuit-open or blocked: clock time of the next allowed request. */
  nextAttemptAt: EpochMs | null;
  /**
   * Only on the source's final line, written when a live scan stops: what the pipeline did with the
   * records it received from this source since the start.
   */
  inputs?: InputCounts;
}

export interface DroppedLine extends LineBase {
  type: 'dropped';
  /** `late`: its candle had already closed; `duplicate`; `invalid`: failed a sanity check. */
  reason: 'late' | 'duplicate' | 'invalid';
  detail: string;
  inputKind: string;
  /** Event time of the dropped input. */
  inputTs: EpochMs;
}

export interface BadDataLine extends LineBase {
  type: 'bad_data';
  source: string;
  endpoint: string;
  field: string;
  reason: string;
}

/** One line of the JSONL log. */
export type LogLine =
  | IgnitionLine
  | ConfirmationLine
  | FadeLine
  | OutcomeLine
  | RejectedLine
  | NearMissLine
  | StatusLine
  | DroppedLine
  | BadDataLine;

export type LogLineType = LogLine['type'];

/**
 * Live view of one tracked token, emitted on clock ticks for tokens whose state changed (live and
 * `replay --table` only). Not a log line: the table renders it, the JSONL log skips it.
 */
export interface TokenView {
  type: 'token';
  ts: EpochMs;
  mint: string | null;
  pool: string | null;
  symbol: string | null;
  window4hStart: EpochMs | null;
  price: number | null;
  /** Forming 4h change from the window open, percent. */
  changePct4h: number | null;
  volumeRatio5m: number | null;
  liquidityUsd: number | null;
  volume24hUsd: number | null;
  priceImpactPct: number | null;
  /** null = renounced; undefined data is reported as `unknown`. */
  mintAuthority: string | null | 'unknown';
  freezeAuthority: string | null | 'unknown';
  /** Holder concentration without pools, when read on-chain (absent in older recordings). */
  holders?: HoldersAt | null;
  /** No fresh input for longer than the staleness limit. */
  stale: boolean;
  /** Age of each kind of data at `ts`, ms, by source. */
  ages: Array<{ kind: string; source: string; ageMs: number }>;
}

/** What the pipeline emits: log lines, plus token views and closed windows (not logged). */
export type ScanEvent = LogLine | TokenView | WindowClosed;

const LOG_TYPES: ReadonlySet<string> = new Set<LogLineType>([
  'ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss', 'status', 'dropped', 'bad_data',
]);

export function isLogLine(e: ScanEvent): e is LogLine {
  return LOG_TYPES.has(e.type);
}
