import type {
  Candle,
  ConfirmationLine,
  EpochMs,
  FadeLine,
  IgnitionLine,
  Input,
  MintSecurity,
  NearMissLine,
  OutcomeLine,
  PoolSnapshot,
  RejectedLine,
  TokenInfo,
} from '../domain/index.js';
import type { AlertDeliveryRepo } from './alert-deliveries.js';

/** The `store` slice of the config (config/default.json `store`). */
export interface StoreConfig {
  /** SQLite file; parent directories are created (default cache/scanner.db). */
  path: string;
  /** Wait for another process's write lock, ms (default 5000). */
  busyTimeoutMs: number;
  /** Closed candles kept per key and interval, bars (default 240). */
  candleRetentionBars: number;
  /** Candles younger than this are always kept, ms (default 86400000). */
  candleRetentionMinMs: number;
  /** Recorded sessions kept by pruneSessions (default 30). */
  keepSessions: number;
  /** Sessions started longer ago than this are pruned when scan starts, days (default 7; 0 = keep). */
  sessionRetentionDays: number;
  /** Chain pools not seen trading for this long are pruned when scan starts, days (default 30; 0 = keep). */
  chainPoolRetentionDays: number;
  /** Whether the live runner records its inputs (read by the runner, not the store) (default true). */
  recordInputs: boolean;
}

/** Log lines the store keeps: decisions and outcomes, not status or dropped-input noise. */
export type SignalLine = IgnitionLine | ConfirmationLine | FadeLine | RejectedLine | NearMissLine | OutcomeLine;
export type SignalLineType = SignalLine['type'];
/** Signals that are tracked to an outcome. */
export type TrackedSignal = IgnitionLine | ConfirmationLine;

export interface StoredToken {
  mint: string;
  symbol: string | null;
  name: string | null;
  decimals: number | null;
  tokenProgram: string | null;
  /** Clock time the token was first / last seen by any source, epoch ms. */
  firstSeenAt: EpochMs;
  lastSeenAt: EpochMs;
  /** Sources that reported the token, in the order they first did (`dexscreener`, `jupiter`, ...). */
  discoveredBy: string[];
  /** Dropped from the watchlist (stale, failed gates for good, or over capacity). */
  evicted: boolean;
}

export interface StoredPool {
  pool: string;
  mint: string | null;
  dex: string | null;
  /** The token's lead pool (the one its candles and gates follow). */
  lead: boolean;
  /** The latest snapshot, exactly as upserted. */
  snapshot: PoolSnapshot;
  /** Clock time of that snapshot (its knownAt), epoch ms. */
  updatedAt: EpochMs;
}

/** First and last stored candle start of one key and interval. */
export interface CandleCoverage {
  firstStart: EpochMs;
  lastStart: EpochMs;
  count: number;
}

export interface SessionMeta {
  /** Wall-clock start, epoch ms. */
  startedAt: EpochMs;
  /** The merged config as JSON; secrets are masked before it is stored. */
  configJson: string;
  /** pump-scanner version that recorded the session. */
  version: string;
}

export interface SessionInfo {
  /** `20261121T004500Z-ab12`: UTC start plus a short hash. */
  id: string;
  startedAt: EpochMs;
  /** Null while running, or when the process died before ending it. */
  endedAt: EpochMs | null;
  version: string;
  /** Inputs recorded (= the last seq; seqs run 1..inputCount without gaps). */
  inputCount: number;
}

export interface StoredCursor {
  value: string;
  updatedAt: EpochMs;
}

/** The embedded store. One per process; not safe to share across worker threads. */
export interface Store extends AlertDeliveryRepo {
  readonly path: string;

  upsertToken(info: TokenInfo): void;
  /** Notes a token seen by `source` at clock time `at` (creates it when new). */
  markTokenSeen(mint: string, source: string, at: EpochMs): void;
  setTokenEvicted(mint: string, evicted: boolean): void;
  getToken(mint: string): StoredToken | null;
  /** Tokens by first-seen time; evicted ones only when asked. */
  listTokens(opts?: { includeEvicted?: boolean }): StoredToken[];
  /** Keeps the newest snapshot per pool (an older `ts` does not overwrite a newer one). */
  upsertPool(snapshot: PoolSnapshot): void;
  /** Marks `pool` as the lead pool of `mint` and clears the flag on its other pools. */
  setLeadPool(mint: string, pool: string): void;
  getPool(pool: string): StoredPool | null;
  poolsOfMint(mint: string): StoredPool[];

  /** Stores a mint read unless it would replace a renounced record with a weaker claim; true if stored. */
  putMintSecurity(security: MintSecurity): boolean;
  getMintSecurity(mint: string): MintSecurity | null;
  /** Mints to re-read: known tokens never read, then reads older than maxAgeMs that are not final. */
  mintSecurityNeedingRefresh(now: EpochMs, maxAgeMs: number, limit?: number): string[];

  /** Upserts closed candles under `key` (mint or pool) in one transaction; skips non-final ones. */
  upsertCandles(key: string, candles: readonly Candle[]): number;
  /** Candles of `key` and interval with start >= sinceMs, oldest first. */
  loadCandles(key: string, intervalMs: number, sinceMs?: EpochMs): Candle[];
  coverage(key: string, intervalMs: number): CandleCoverage | null;
  /** Deletes candles beyond the retention (config) as of clock time `now`; returns rows deleted. */
  pruneCandles(now: EpochMs): number;

  /** Inserts a line by its deterministic id; false (and no change) when the id is already stored. */
  insertSignal(line: SignalLine): boolean;
  hasSignal(id: string): boolean;
  getSignal(id: string): SignalLine | null;
  /** Ignitions and confirmations with no outcome line yet, oldest first, optionally only ts >= sinceTs. */
  openSignals(sinceTs?: EpochMs): TrackedSignal[];
  /** Most recent lines first. */
  recentSignals(limit: number, types?: readonly SignalLineType[]): SignalLine[];

  startSession(meta: SessionMeta): string;
  /** Appends inputs with the next seqs, all or nothing, in one transaction; returns the last seq. */
  recordInputs(sessionId: string, inputs: readonly Input[]): number;
  /** As recordInputs, for inputs already serialised to JSON (one string each). */
  recordInputTexts(sessionId: string, texts: readonly string[]): number;
  endSession(sessionId: string, endedAt: EpochMs): void;
  listSessions(): SessionInfo[];
  getSession(sessionId: string): SessionInfo | null;
  /** The session's config JSON (secrets masked), for replay with the same thresholds. */
  sessionConfigJson(sessionId: string): string;
  /** Streams inputs in seq order, page by page: memory stays flat and the store stays writable meanwhile. */
  readSessionInputs(sessionId: string, afterSeq?: number): IterableIterator<Input>;
  /** Deletes the oldest sessions beyond `keep` (default config keepSessions); returns sessions deleted. */
  pruneSessions(keep?: number): number;
  /**
   * Deletes, with their inputs, the sessions started before `startedBefore` (epoch ms) and those beyond the
   * newest `keep` (default config keepSessions); returns the ids deleted (their frame files go too).
   */
  pruneOldSessions(startedBefore: EpochMs, keep?: number): string[];

  /** Chain tap pool cache: stores (replaces) pools in one transaction; loads all of them. */
  putChainPools(pools: readonly import('./chain-pools.js').ChainPool[]): void;
  loadChainPools(): import('./chain-pools.js').StoredChainPool[];
  /** Moves pools' seen time forward (never back). */
  touchChainPools(seen: readonly import('./chain-pools.js').ChainPoolSeen[]): void;
  /** Deletes pools not seen trading since `seenBefore`; returns how many. */
  pruneChainPools(seenBefore: EpochMs): number;

  getCursor(key: string): StoredCursor | null;
  setCursor(key: string, value: string, at: EpochMs): void;
  deleteCursor(key: string): void;

  /** Runs `work` (store calls) as one IMMEDIATE transaction: all or nothing, one commit. */
  inTransaction<T>(work: () => T): T;

  /** Problems reported by SQLite; empty means ok. `full` runs integrity_check instead of quick_check. */
  integrityCheck(opts?: { full?: boolean }): string[];
  close(): void;
}
