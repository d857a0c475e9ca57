import type { EpochMs } from '../../domain/time.js';

// The contract between the chain tap's pure decoders (logs.ts, programs/*) and its edge (subscription,
// pools, prices, the source that turns swaps into Trade records). Decoders produce these from the text of
// one transaction's logs; nothing here touches the network.

/** Programs whose swaps the tap decodes, by the short name used in logs and the `decode` command. */
export type ChainProgram = 'pump' | 'pump_amm' | 'raydium_cpmm' | 'raydium_clmm';

/** One transaction's logs as a `logsNotification` or `getTransaction` delivers them. */
export interface TxLogs {
  signature: string;
  slot: number;
  /** Transaction error; a non-null value means the transaction failed and yields no swap. */
  err: unknown;
  logs: readonly string[];
  /** Block time when known (getTransaction), epoch ms; logsNotification carries none. */
  blockTimeMs?: EpochMs | null;
}

/** A swap as the emitting program's event states it. Amounts are raw integer units (not decimals-adjusted). */
export interface DecodedSwap {
  kind: 'swap';
  program: ChainProgram;
  /** Program id that emitted the event (top of the invoke stack). */
  programId: string;
  signature: string;
  slot: number;
  /** Index of this event among the transaction's decoded events (stable: dedupe key with signature). */
  ordinal: number;
  /** Event timestamp (epoch ms) when the event carries one, else the block time, else null. */
  ts: EpochMs | null;
  /** Pool account (pump: the bonding curve PDA of the mint; null when the event does not name it). */
  pool: string | null;
  /** Base token mint; null when only the pool is known (resolved by pools.ts). */
  mint: string | null;
  /** Quote mint (wSOL, USDC...); null when only the pool is known. */
  quoteMint: string | null;
  side: 'buy' | 'sell';
  baseAmountRaw: bigint;
  quoteAmountRaw: bigint;
  /** Pool reserves AFTER the trade in raw units, when the event carries them (else null). */
  baseReserveRaw: bigint | null;
  quoteReserveRaw: bigint | null;
  /** CLMM: sqrt(price) as Q64.64 and active liquidity after the swap. */
  sqrtPriceX64: bigint | null;
  liquidity: bigint | null;
  /** Trader wallet when the event names it. */
  user: string | null;
  /** The token's creator when the event names it (pump TradeEvent >= 225 B), else null or absent. */
  creator?: string | null;
  /** Decoded payload size in bytes (discriminator included): tells the layout generation. */
  eventBytes: number;
  /**
   * How base and quote were told apart (absent = 'settled'). 'settled': the event says (pump, PumpSwap) or
   * the mints do (CPMM 170 B). 'token0_base': CLMM names no mint, so base = the pool's token0 and quote =
   * token1 until the pool's mints are known. 'input_base': CPMM 89 B names neither mints nor token order, so
   * base = the input leg, side 'sell'. Either way `orientSwap` (orient.ts) settles it once the two mints are known.
   */
  orientation?: SwapOrientation;
  /** Token accounts the event names for the base / quote legs (trader's accounts: PumpSwap, CLMM), else null. */
  baseAccount?: string | null;
  quoteAccount?: string | null;
}

export type SwapOrientation = 'settled' | 'token0_base' | 'input_base';

/** A new token or pool seen on-chain (pump create event, PumpSwap CreatePool, migrations). */
export interface DecodedCreate {
  kind: 'create';
  program: ChainProgram;
  programId: string;
  signature: string;
  slot: number;
  ordinal: number;
  ts: EpochMs | null;
  mint: string | null;
  pool: string | null;
  quoteMint: string | null;
  creator: string | null;
  /** Attacker-controlled text: sanitise (domain/text.ts) before display. */
  name: string | null;
  symbol: string | null;
  /** Which event: a pump token ('create'), a PumpSwap pool ('create_pool'), a curve migrated to PumpSwap ('migration'). */
  event?: 'create' | 'create_pool' | 'migration';
  /** Decimals the event states (PumpSwap CreatePool), else absent. */
  baseDecimals?: number;
  quoteDecimals?: number;
}

export type ChainEvent = DecodedSwap | DecodedCreate;

/** What decoding one transaction's logs yields. */
export interface DecodedTx {
  signature: string;
  slot: number;
  /** True when the transaction failed (err not null): no events are returned for it. */
  failed: boolean;
  /** True when the logs contain `Log truncated`: events after the cut are lost (fetch the tx or count). */
  truncated: boolean;
  events: ChainEvent[];
  /** Program data lines of our programs that did not decode (too short, unknown discriminator), counted. */
  undecoded: number;
}
