import { constantProductImpactPct } from '../../domain/impact.js';
import type { PoolSnapshot, PriceImpact } from '../../domain/market.js';

/**
 * Price impact of buying `tradeUsd` of a pool's base token, from its reserves, in percent.
 * Constant product: paying dq of quote into reserve Q gives an average execution price (Q + dq) / B against
 * a spot of Q / B, i.e. an impact of dq / Q. The quote side's USD value is half the pool's liquidity
 * (or the base reserve at spot price when liquidity is unknown). Fees and concentrated liquidity are
 * ignored, so this is an estimate for constant-product pools. Null when the snapshot lacks the figures.
 */
export function reservesImpactPct(pool: PoolSnapshot, tradeUsd: number): number | null {
  if (!(tradeUsd > 0)) return null;
  const quoteSideUsd =
    pool.liquidityUsd !== null && pool.liquidityUsd > 0
      ? pool.liquidityUsd / 2
      : pool.baseReserve !== null && pool.priceUsd !== null
        ? pool.baseReserve * pool.priceUsd
        : null;
  if (quoteSideUsd === null || !(quoteSideUsd > 0)) return null;
  return constantProductImpactPct(quoteSideUsd, tradeUsd);
}

/** The PriceImpact record for a snapshot (`method: 'reserves'`), or null when it cannot be estimated. */
export function reservesImpact(pool: PoolSnapshot, tradeUsd: number): PriceImpact | null {
  const impactPct = reservesImpactPct(pool, tradeUsd);
  if (impactPct === null) return null;
  return { kind: 'impact', knownAt: pool.knownAt, ts: pool.ts, mint: pool.mint, pool: pool.pool, source: pool.source, tradeUsd, impactPct, method: 'reserves' };
}
