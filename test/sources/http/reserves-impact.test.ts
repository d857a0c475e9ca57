import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reservesImpact, reservesImpactPct } from '../../../src/sources/http/reserves-impact.js';
import type { PoolSnapshot } from '../../../src/domain/market.js';

const pool = (over: Partial<PoolSnapshot>): PoolSnapshot => ({
  kind: 'pool', knownAt: 1, ts: 1, mint: 'm', pool: 'p', source: 'dexscreener', dex: null, priceUsd: 0.001, liquidityUsd: 100_000,
  volume24hUsd: null, priceChange24hPct: null, buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null,
  marketCapUsd: null, baseReserve: 50_000_000, quoteReserve: 250, quoteMint: null, createdAt: null, ...over,
});

describe('price impact from reserves', () => {
  it('is the trade over the quote side of a constant-product pool', () => {
    // $1000 into a $100k pool ($50k per side): execution price (Q + dq) / B vs Q / B -> 2%.
    assert.equal(reservesImpactPct(pool({}), 1000), 2);
    // Exact constant-product check from the reserves themselves.
    const Q = 250;
    const dq = 1000 / 200;
    const B = 50_000_000;
    const out = (B * dq) / (Q + dq);
    assert.ok(Math.abs(((dq / out) / (Q / B) - 1) * 100 - reservesImpactPct(pool({}), 1000)!) < 1e-9);
  });

  it('falls back to the base reserve at spot when liquidity is unknown', () => {
    assert.equal(reservesImpactPct(pool({ liquidityUsd: null }), 500), 1);
  });

  it('cannot estimate without figures', () => {
    assert.equal(reservesImpactPct(pool({ liquidityUsd: null, baseReserve: null }), 500), null);
    assert.equal(reservesImpact(pool({ liquidityUsd: 0, priceUsd: null }), 500), null);
    assert.equal(reservesImpact(pool({}), 1000)!.method, 'reserves');
  });
});
