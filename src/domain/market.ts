import type { EpochMs } from './time.js';

/**
 * Where a record came from. `file` is a replay input file, `session` a recorded live session.
 * Sources outside this list use their own lowercase name.
 */
export type SourceName =
  | 'birdeye'
  | 'dexscreener'
  | 'geckoterminal'
  | 'jupiter'
  | 'solana'
  | 'file'
  | 'session'
  | (string & {});

/**
 * Fields every record that flows into the pipeline carries.
 * `knownAt` is clock time: the moment the record became known to the scanner (receive time live,
 * the end of a candle's interval or a trade's timestamp in replay). It decides the order in which
 * the pipeline sees records and is how "no look-ahead" is enforced.
 */
export interface RecordBase {
  /** Clock time (epoch ms) at which the record became known. */
  knownAt: EpochMs;
  /** Token mint (canonical id). Null when only the pool is known. */
  mint: string | null;
  /** Pool / pair address, when known. */
  pool: string | null;
  source: SourceName;
}

/** One swap. */
export interface Trade extends RecordBase {
  kind: 'trade';
  /** Event time of the swap (block time), epoch ms. */
  ts: EpochMs;
  /** USD per token. */
  priceUsd: number;
  /** USD value of the swap. */
  volumeUsd: number;
  /** Trader wallet, when the source names it (chain tap; null or absent otherwise). */
  user?: string | null;
  /** The token's creator, when the swap event names it (pump.fun TradeEvent since 2025-07). */
  creator?: string | null;
  side: 'buy' | 'sell' | null;
  /** Upstream identity (tx signature, plus instruction index when known) for de-duplication. */
  id: string | null;
  /** On-chain origin of a tapped swap (source 'chain'): the emitting program, pool, transaction and slot. */
  provenance?: TradeProvenance;
}

/** Where a tapped swap was read: program short name (`pump`, `pump_amm`, `raydium_cpmm`, `raydium_clmm`). */
export interface TradeProvenance {
  program: string;
  pool: string;
  signature: string;
  slot: number;
}

/** An OHLCV candle of any interval. Prices in USD, volume in USD. */
export interface Candle extends RecordBase {
  kind: 'candle';
  /** Candle open time, epoch ms, aligned to `intervalMs`. */
  start: EpochMs;
  intervalMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volumeUsd: number;
  /**
   * False for a candle that is still forming upstream (Birdeye WebSocket repeats the same
   * `unixTime` with growing values); a later record with the same start replaces it.
   */
  final: boolean;
  /**
   * History fetched when a token is admitted (backfill). It builds windows and ATR but decides no
   * signal for a window that had already closed when it arrived. Absent means false.
   */
  warmup?: boolean;
}

/** A pool's market state at a moment (DexScreener pair, GeckoTerminal pool, Birdeye overview). */
export interface PoolSnapshot extends RecordBase {
  kind: 'pool';
  /** Event time of the snapshot, epoch ms. */
  ts: EpochMs;
  dex: string | null;
  priceUsd: number | null;
  liquidityUsd: number | null;
  volume24hUsd: number | null;
  /** Percent: 2.5 means +2.5%. */
  priceChange24hPct: number | null;
  buys24h: number | null;
  sells24h: number | null;
  buys5m: number | null;
  sells5m: number | null;
  fdvUsd: number | null;
  marketCapUsd: number | null;
  /** Reserves in token units (decimals-adjusted), used to estimate price impact. */
  baseReserve: number | null;
  quoteReserve: number | null;
  quoteMint: string | null;
  /** Epoch ms the pool was created, when known. */
  createdAt: EpochMs | null;
  /**
   * Set by the live scanner on the snapshot of the pool it chose to lead the token (the most liquid):
   * candles come from that pool from then on. Absent in files and replays of them.
   */
  isLead?: boolean;
  /** Chain snapshots: whether volume24hUsd is the tap's own 24h sum or a polled figure (before 24h were seen). */
  volume24hFrom?: 'chain' | 'polled';
  /** Chain snapshots: how reserves were read for impact (`clmm_liquidity` = CLMM virtual reserves). */
  impactModel?: 'constant_product' | 'clmm_liquidity';
}

/** Token metadata (Jupiter, Birdeye, DexScreener). Strings are untrusted and sanitised before display. */
export interface TokenInfo extends RecordBase {
  kind: 'token';
  ts: EpochMs;
  symbol: string | null;
  name: string | null;
  decimals: number | null;
  tokenProgram: string | null;
  /** Jupiter's audit block, when present. Percentages are 0..100. */
  audit: {
    mintAuthorityDisabled: boolean | null;
    freezeAuthorityDisabled: boolean | null;
    topHoldersPct: number | null;
    isSus: boolean | null;
  } | null;
  holderCount: number | null;
  liquidityUsd: number | null;
  volume24hUsd: number | null;
}

/** Token-2022 extensions that matter to a trader ("traps"), decoded from the mint account. */
export interface MintExtensions {
  /** Current transfer fee in basis points, null when the mint has no transfer-fee extension. */
  transferFeeBps: number | null;
  permanentDelegate: string | null;
  transferHookProgram: string | null;
  nonTransferable: boolean;
  /** New token accounts start frozen (DefaultAccountState = frozen). */
  defaultAccountFrozen: boolean;
  mintCloseAuthority: string | null;
  /** Pausable extension currently paused. */
  paused: boolean;
  /** Every extension present, by name (camelCase, as the RPC's jsonParsed names them). */
  names: string[];
}

/** Mint account state, read on-chain (authoritative) or from an API fallback. */
export interface MintSecurity extends RecordBase {
  kind: 'security';
  ts: EpochMs;
  program: 'spl-token' | 'spl-token-2022' | 'unknown';
  /** Null means renounced. */
  mintAuthority: string | null;
  /** Null means renounced. */
  freezeAuthority: string | null;
  /** Raw u64 supply as a decimal string (too large for a JS number). Null when unknown. */
  supply: string | null;
  decimals: number | null;
  extensions: MintExtensions;
  /**
   * Share (0..100) of supply in the largest token accounts, when read. Raw: pool vaults and bonding curves
   * count as holders here (kept as it was, since stored records and recorded sessions carry it); `holders`
   * has the share without them.
   */
  topHoldersPct: number | null;
  /** Holder concentration without pools, curves and burn (on-chain reads only; absent or null = not read). */
  holders?: HolderShare | null;
  /** How it was read: `rpc` is authoritative; `jupiter`/`birdeye` are fallbacks. */
  provenance: 'rpc' | 'jupiter' | 'birdeye';
}

/** Why a largest token account was left out of the holder concentration (snake_case: it reaches the log). */
export type HolderExclusion = 'bonding_curve' | 'pool' | 'pool_authority' | 'burn';

/**
 * Holder concentration of a mint from getTokenLargestAccounts, with the accounts of pools, bonding curves
 * and the burn address left out. `unavailable`: the RPC does not offer the method (a state, not an error).
 */
export type HolderShare =
  | {
      state: 'read';
      /** Share (0..100) of supply held by the `top` largest holders (owners) that are not excluded. */
      topPct: number;
      /** Holders asked for (sources.solana.topHoldersCount). */
      top: number;
      /** Holders actually summed (fewer when the largest accounts ran out). */
      holders: number;
      /** Largest token accounts left out, by reason (absent reasons are 0). */
      excluded: Partial<Record<HolderExclusion, number>>;
      /** Share (0..100) of supply in the excluded accounts. */
      excludedPct: number;
      /** Clock time of the read. */
      readAt: EpochMs;
    }
  | { state: 'unavailable'; readAt: EpochMs };

/** Expected price impact of a buy of `tradeUsd`. */
export interface PriceImpact extends RecordBase {
  kind: 'impact';
  ts: EpochMs;
  tradeUsd: number;
  /** Percent: 1.5 means 1.5%. */
  impactPct: number;
  method: 'jupiter_quote' | 'reserves';
  /** With `reserves` from the chain tap: constant product, or CLMM virtual reserves from price and liquidity. */
  model?: 'constant_product' | 'clmm_liquidity';
}

/** Clock tick: lets the pipeline close windows and time out outcomes when no data arrives. */
export interface Tick {
  kind: 'tick';
  knownAt: EpochMs;
}

/**
 * "Everything of this token up to `through` has been delivered": sent after a candle poll or backfill,
 * so the token's buckets ending by then close at once instead of waiting out the lateness allowance.
 */
export interface Watermark {
  kind: 'watermark';
  knownAt: EpochMs;
  mint: string | null;
  pool: string | null;
  /** Epoch ms up to which the token's data is complete. */
  through: EpochMs;
}

/**
 * File replays (`replay.windowEnd: series`): the token's own recorded data ends at `ts` (its last candle's
 * end or last trade). Sent once before its data when the engine cannot be told otherwise (a bus partition's
 * engine); the engine then treats the token as it does under `EngineHooks.seriesEnd`.
 */
export interface SeriesEnd {
  kind: 'series_end';
  knownAt: EpochMs;
  mint: string | null;
  pool: string | null;
  source: string;
  /** Where the token's data ends, epoch ms. */
  ts: EpochMs;
}

/** Market data records: what sources produce. */
export type MarketRecord = Trade | Candle | PoolSnapshot | TokenInfo | MintSecurity | PriceImpact;

/** Everything the pipeline consumes, in `knownAt` order. */
export type Input = MarketRecord | Tick | Watermark | SeriesEnd;
