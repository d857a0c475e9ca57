import type { PoolSnapshot, PriceImpact } from '../../domain/market.js';
import { constantProductImpactPct } from '../../domain/impact.js';
import type { ChainProgram } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEX_OF: Readonly<Record<ChainProgram, string>> = {
  pump: 'pumpfun', pump_amm: 'pumpswap', raydium_cpmm: 'raydium-cpmm', raydium_clmm: 'raydium-clmm',
};

/** How the tap estimates a pool's price impact: constant product on reserves, or CLMM virtual reserves. */
export type ImpactModel = 'constant_product' | 'clmm_liquidity';

/**
 * One pool's figures from its swaps: USD volume in hourly buckets (24h volume once 24h have been seen),
 * the newest reserves, and when a snapshot was last emitted.
 */
export class PoolState {
  private readonly hours = new Float64Array(24);
  private hourIndex = -1;
  readonly firstSeenAt: number;
  lastSnapshotAt = -Infinity;
  buys = 0;
  sells = 0;

  constructor(readonly pool: string, readonly program: ChainProgram, readonly mint: string, readonly quoteMint: string, at: number) {
    this.firstSeenAt = at;
  }

  addVolume(usd: number, ts: number, side: 'buy' | 'sell'): void {
    const h = Math.floor(ts / HOUR_MS);
    if (this.hourIndex === -1) this.hourIndex = h;
    if (h > this.hourIndex) {
      for (let k = this.hourIndex + 1; k <= Math.min(h, this.hourIndex + 24); k++) this.hours[k % 24] = 0;
      this.hourIndex = h;
    } else if (h <= this.hourIndex - 24) return;
    this.hours[h % 24] += usd;
    if (side === 'buy') this.buys++;
    else this.sells++;
  }

  /** Sum of the last 24 hourly buckets, once the pool has been watched for 24h; else null. */
  volume24hUsd(now: number): number | null {
    if (now - this.firstSeenAt < DAY_MS) return null;
    let sum = 0;
    for (const v of this.hours) sum += v;
    return sum;
  }
}

export interface SnapshotFigures {
  ts: number;
  knownAt: number;
  priceUsd: number;
  quoteUsd: number;
  /** Reserves in token units (virtual reserves for CLMM), null when the event carries none. */
  baseReserve: number | null;
  quoteReserve: number | null;
  model: ImpactModel;
  /** 24h volume when known, and where it came from. */
  volume24hUsd: number | null;
  volume24hFrom: 'chain' | 'polled' | null;
}

/** The pool's market state as a PoolSnapshot (liquidity = both sides in USD). */
export function chainSnapshot(p: PoolState, f: SnapshotFigures): PoolSnapshot {
  const liquidityUsd = f.baseReserve !== null && f.quoteReserve !== null ? f.baseReserve * f.priceUsd + f.quoteReserve * f.quoteUsd : null;
  return {
    kind: 'pool', knownAt: f.knownAt, ts: f.ts, mint: p.mint, pool: p.pool, source: 'chain', dex: DEX_OF[p.program], priceUsd: f.priceUsd,
    liquidityUsd: liquidityUsd !== null && Number.isFinite(liquidityUsd) ? liquidityUsd : null, volume24hUsd: f.volume24hUsd,
    priceChange24hPct: null, buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null, marketCapUsd: null,
    baseReserve: f.baseReserve, quoteReserve: f.quoteReserve, quoteMint: p.quoteMint, createdAt: null,
    volume24hFrom: f.volume24hFrom ?? undefined, impactModel: f.model,
  };
}

/**
 * Impact of buying `tradeUsd` from the pool: constant product dq / Q on the quote reserve (pump curve,
 * PumpSwap, CPMM); for CLMM the same formula on the virtual reserves L/sqrtP and L*sqrtP, which holds
 * while the trade stays inside the current tick range (an underestimate beyond it).
 */
export function chainImpact(s: PoolSnapshot, tradeUsd: number, quoteUsd: number, model: ImpactModel): PriceImpact | null {
  if (s.quoteReserve === null || !(s.quoteReserve > 0) || !(tradeUsd > 0)) return null;
  const impactPct = constantProductImpactPct(s.quoteReserve * quoteUsd, tradeUsd);
  if (!Number.isFinite(impactPct)) return null;
  return { kind: 'impact', knownAt: s.knownAt, ts: s.ts, mint: s.mint, pool: s.pool, source: 'chain', tradeUsd, impactPct, method: 'reserves', model };
}

/** CLMM virtual reserves in raw units from sqrt(price) (Q64.64) and active liquidity: x = L / sqrtP, y = L * sqrtP. */
export function clmmVirtualReservesRaw(sqrtPriceX64: bigint, liquidity: bigint): { x: number; y: number } | null {
  const sp = Number(sqrtPriceX64) / 2 ** 64;
  const l = Number(liquidity);
  if (!(sp > 0) || !(l > 0)) return null;
  return { x: l / sp, y: l * sp };
}
