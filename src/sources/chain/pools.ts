import { PublicKey } from '@solana/web3.js';
import type { ChainPool } from '../../store/chain-pools.js';
import { quoteRank } from './prices.js';
import type { ChainProgram, DecodedSwap } from './types.js';

/** Where the two mints of a pool account sit (byte offsets, after the 8-byte Anchor discriminator). */
const MINT_OFFSETS: Partial<Record<ChainProgram, { first: number; second: number; explicit: boolean }>> = {
  // PumpSwap Pool: bump u8, index u16, creator, base_mint, quote_mint, ...
  pump_amm: { first: 43, second: 75, explicit: true },
  // Raydium CPMM PoolState: amm_config, pool_creator, token_0_vault, token_1_vault, lp_mint, token_0_mint, token_1_mint, ...
  raydium_cpmm: { first: 168, second: 200, explicit: false },
  // Raydium CLMM PoolState: bump [u8;1], amm_config, owner, token_mint_0, token_mint_1, ...
  raydium_clmm: { first: 73, second: 105, explicit: false },
};

/** A pool's mints in the order its account (and its events' amounts) use: base/quote or token0/token1. */
export interface PoolTokens {
  pool: string;
  program: ChainProgram;
  /** PumpSwap: base; CPMM/CLMM: token 0. */
  first: string;
  /** PumpSwap: quote; CPMM/CLMM: token 1. */
  second: string;
}

/** Reads the two mints from a pool account's bytes; null when the account is too short for its layout. */
export function poolTokensFromAccount(pool: string, program: ChainProgram, data: Uint8Array): PoolTokens | null {
  const at = MINT_OFFSETS[program];
  if (!at || data.length < at.second + 32) return null;
  const key = (o: number) => new PublicKey(data.subarray(o, o + 32)).toBase58();
  return { pool, program, first: key(at.first), second: key(at.second) };
}

/**
 * Which of a pool's mints is the token and which the quote: the stronger quote asset (stablecoin > SOL)
 * quotes; between equals, PumpSwap's own base/quote and token1 for Raydium pools.
 */
export function orientPool(t: PoolTokens): { baseMint: string; quoteMint: string; flipped: boolean } {
  const flipped = quoteRank(t.first) > quoteRank(t.second);
  return flipped ? { baseMint: t.second, quoteMint: t.first, flipped } : { baseMint: t.first, quoteMint: t.second, flipped };
}

/** A swap with both mints known, oriented so that `mint` is the token and `quoteMint` what it is priced in. */
export interface OrientedSwap {
  swap: DecodedSwap;
  pool: string;
  mint: string;
  quoteMint: string;
  side: 'buy' | 'sell';
  baseRaw: bigint;
  quoteRaw: bigint;
  baseReserveRaw: bigint | null;
  quoteReserveRaw: bigint | null;
  /** CLMM: quote per base in raw units from sqrt(price) after the swap; null elsewhere. */
  rawPriceFromSqrt: number | null;
}

/**
 * Orients a decoded swap. A swap naming its mints is taken as stated, but its quote is still checked
 * (a SOL/USDC swap is priced in USDC). One naming only its pool takes the pool's mints; its amounts then
 * follow the pool's order (PumpSwap base/quote, Raydium token0/token1: side is token0's, sqrt price is
 * token1 per token0). Null when the pool is not known yet.
 */
export function orientSwap(s: DecodedSwap, known: PoolTokens | undefined): OrientedSwap | null {
  const pool = s.pool ?? (s.mint ? `${s.program}:${s.mint}` : null);
  if (!pool) return null;
  const tokens: PoolTokens | undefined = s.mint && s.quoteMint ? { pool, program: s.program, first: s.mint, second: s.quoteMint } : known;
  if (!tokens) return null;
  const o = orientPool(tokens);
  const sqrt = s.sqrtPriceX64 !== null ? sqrtToRawPrice(s.sqrtPriceX64) : null;
  if (!o.flipped) {
    return {
      swap: s, pool, mint: o.baseMint, quoteMint: o.quoteMint, side: s.side, baseRaw: s.baseAmountRaw, quoteRaw: s.quoteAmountRaw,
      baseReserveRaw: s.baseReserveRaw, quoteReserveRaw: s.quoteReserveRaw, rawPriceFromSqrt: sqrt,
    };
  }
  return {
    swap: s, pool, mint: o.baseMint, quoteMint: o.quoteMint, side: s.side === 'buy' ? 'sell' : 'buy', baseRaw: s.quoteAmountRaw, quoteRaw: s.baseAmountRaw,
    baseReserveRaw: s.quoteReserveRaw, quoteReserveRaw: s.baseReserveRaw, rawPriceFromSqrt: sqrt && sqrt > 0 ? 1 / sqrt : null,
  };
}

/** (sqrtPriceX64 / 2^64)^2: token1 per token0 in raw units. */
export function sqrtToRawPrice(sqrtPriceX64: bigint): number {
  const r = Number(sqrtPriceX64) / 2 ** 64;
  return r * r;
}

/** In-memory pool cache backed by the store's chain_pools rows; new pools are queued for the next flush. */
export class PoolBook {
  private readonly pools = new Map<string, PoolTokens>();
  private readonly unsaved: ChainPool[] = [];

  constructor(rows: readonly ChainPool[] = []) {
    for (const r of rows) this.pools.set(r.pool, { pool: r.pool, program: r.program as ChainProgram, first: r.baseMint, second: r.quoteMint });
  }

  get(pool: string): PoolTokens | undefined {
    return this.pools.get(pool);
  }

  get size(): number {
    return this.pools.size;
  }

  /** Learns a pool (from an event or its account); true when it was new. */
  learn(t: PoolTokens, from: 'event' | 'account', at: number): boolean {
    if (this.pools.has(t.pool)) return false;
    this.pools.set(t.pool, t);
    this.unsaved.push({ pool: t.pool, program: t.program, baseMint: t.first, quoteMint: t.second, learnedFrom: from, updatedAt: at });
    return true;
  }

  /** Pools learned since the last call, for one batched store write off the hot path. */
  takeUnsaved(): ChainPool[] {
    return this.unsaved.splice(0, this.unsaved.length);
  }
}
