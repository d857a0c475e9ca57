import { PublicKey } from '@solana/web3.js';
import type { ChainPool, ChainPoolSeen } from '../../store/chain-pools.js';
import { orientSwap } from './orient.js';
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

/** A swap with both mints known, oriented so that `mint` is the token and `quoteMint` what it is priced in. */
export interface OrientedSwap {
  swap: DecodedSwap;
  pool: string;
  mint: string;
  quoteMint: string;
  /** True when the pool's second mint (CLMM token1) turned out to be the token: virtual reserves swap sides. */
  secondIsBase: boolean;
}

/**
 * Orients a decoded swap. One naming its mints is taken as the decoder settled it; one naming only its
 * pool takes the pool's mints in the pool's order (orient.ts decides which is the quote). A CPMM 89 B
 * swap names neither its mints nor which vault is the input: `unorientable`. Null while the pool is unknown.
 */
export function orientByPool(s: DecodedSwap, known: PoolTokens | undefined): OrientedSwap | 'unorientable' | null {
  if (!s.pool) return null;
  if (s.mint !== null && s.quoteMint !== null) return { swap: s, pool: s.pool, mint: s.mint, quoteMint: s.quoteMint, secondIsBase: false };
  if (s.orientation === 'input_base') return 'unorientable';
  if (!known) return null;
  const o = orientSwap(s, known.first, known.second);
  return { swap: o, pool: s.pool, mint: o.mint!, quoteMint: o.quoteMint!, secondIsBase: o.mint === known.second };
}

/** A pool's stored seen time moves at most this often: one write per active pool a day, spread over the day. */
export const POOL_SEEN_EVERY_MS = 86_400_000;

/** A known pool and when it was last reported seen. */
interface BookEntry extends PoolTokens {
  seenAt: number;
}

/**
 * In-memory pool cache backed by the store's chain_pools rows; new pools and pools seen trading again are
 * queued for the next flush.
 */
export class PoolBook {
  private readonly pools = new Map<string, BookEntry>();
  private readonly unsaved: ChainPool[] = [];
  private readonly seen: ChainPoolSeen[] = [];

  constructor(rows: ReadonlyArray<ChainPool & { seenAt?: number }> = []) {
    for (const r of rows) this.pools.set(r.pool, { pool: r.pool, program: r.program as ChainProgram, first: r.baseMint, second: r.quoteMint, seenAt: r.seenAt ?? r.updatedAt });
  }

  get(pool: string): PoolTokens | undefined {
    return this.pools.get(pool);
  }

  /**
   * The pool traded at `at` (clock time): it is reported seen (for the store's pruning of quiet pools) when its
   * last report is POOL_SEEN_EVERY_MS old. Each pool's reports keep their own time of day, so there is no burst
   * of writes at midnight.
   */
  markSeen(pool: string, at: number): void {
    const e = this.pools.get(pool);
    if (e !== undefined && at - e.seenAt >= POOL_SEEN_EVERY_MS) {
      e.seenAt = at;
      this.seen.push({ pool, seenAt: at });
    }
  }

  get size(): number {
    return this.pools.size;
  }

  /** Learns a pool (from an event or its account); true when it was new. */
  learn(t: PoolTokens, from: 'event' | 'account', at: number): boolean {
    if (this.pools.has(t.pool)) return false;
    this.pools.set(t.pool, { pool: t.pool, program: t.program, first: t.first, second: t.second, seenAt: at });
    this.unsaved.push({ pool: t.pool, program: t.program, baseMint: t.first, quoteMint: t.second, learnedFrom: from, updatedAt: at });
    return true;
  }

  /** Pools learned since the last call, for one batched store write off the hot path. */
  takeUnsaved(): ChainPool[] {
    return this.unsaved.splice(0, this.unsaved.length);
  }

  /** Pools reported seen since the last call, for the same batched write. */
  takeSeen(): ChainPoolSeen[] {
    return this.seen.splice(0, this.seen.length);
  }
}
