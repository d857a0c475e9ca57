import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockingGates, evaluateGates, impactFromLiquidity, type GatesConfig } from '../../src/signals/gates.js';
import type { MintSecurity, PoolSnapshot, TokenInfo } from '../../src/domain/market.js';

const NOW = 1_760_000_000_000;
const cfg: GatesConfig = {
  minLiquidityUsd: 50_000, minVolume24hUsd: 100_000, maxPriceImpactPct: 2, impactTradeUsd: 500,
  requireMintRenounced: true, requireFreezeRenounced: true, rejectTraps: ['transferFee', 'permanentDelegate', 'transferHook', 'nonTransferable', 'defaultAccountFrozen'],
  unknown: 'reject', maxDataAgeMs: 1_800_000,
};
const pool = (liq: number, vol: number): PoolSnapshot => ({
  kind: 'pool', knownAt: NOW, ts: NOW - 1000, mint: 'M', pool: 'P', source: 'dexscreener', dex: 'raydium', priceUsd: 1, liquidityUsd: liq, volume24hUsd: vol,
  priceChange24hPct: null, buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null, marketCapUsd: null, baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: null,
});
const sec = (over: Partial<MintSecurity> = {}, ext: Partial<MintSecurity['extensions']> = {}): MintSecurity => ({
  kind: 'security', knownAt: NOW, ts: NOW - 1000, mint: 'M', pool: null, source: 'solana', program: 'spl-token', mintAuthority: null, freezeAuthority: null, supply: '1', decimals: 6,
  extensions: { transferFeeBps: null, permanentDelegate: null, transferHookProgram: null, nonTransferable: false, defaultAccountFrozen: false, mintCloseAuthority: null, paused: false, names: [], ...ext },
  topHoldersPct: null, provenance: 'rpc', ...over,
});
const failing = (d: Parameters<typeof evaluateGates>[0]) => blockingGates(evaluateGates(d, NOW, cfg), cfg).map((g) => `${g.gate}:${g.reason}`);

describe('gates', () => {
  it('passes a liquid, renounced legacy token', () => {
    assert.deepEqual(failing({ pool: pool(80_000, 250_000), security: sec(), impact: null, token: null }), []);
  });

  it('names every failing gate with its measured value', () => {
    const checks = evaluateGates({ pool: pool(20_000, 50_000), security: sec({ mintAuthority: 'AUTH', freezeAuthority: 'FRZ' }, { transferFeeBps: 300 }), impact: null, token: null }, NOW, cfg);
    const byGate = Object.fromEntries(checks.map((c) => [c.gate, c]));
    assert.equal(byGate.liquidity.reason, 'liquidity_below_min');
    assert.equal(byGate.liquidity.value, 20_000);
    assert.equal(byGate.volume_24h.reason, 'volume_24h_below_min');
    assert.equal(byGate.price_impact.reason, 'price_impact_above_max');
    assert.equal(byGate.mint_authority.value, 'AUTH');
    assert.equal(byGate.mint_authority.status, 'fail');
    assert.ok(blockingGates(checks, cfg).some((g) => g.gate === 'mint_authority'), 'mint authority does not block');
    assert.equal(byGate.freeze_authority.reason, 'freeze_authority_present');
    assert.equal(byGate.token2022_traps.value, 'transferFee(300bps)');
  });

  it('treats missing or stale data as unknown, rejected only under the reject policy', () => {
    const stale = { ...pool(80_000, 250_000), ts: NOW - 3_600_000 };
    const checks = evaluateGates({ pool: stale, security: null, impact: null, token: null }, NOW, cfg);
    assert.deepEqual(checks.map((c) => c.status), ['unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    assert.equal(blockingGates(checks, { ...cfg, unknown: 'allow' }).length, 0);
    assert.equal(blockingGates(checks, cfg).length, 6);
  });

  it('takes liquidity and volume from the pool when it has them, else from the token record', () => {
    const token = (liq: number | null, vol: number | null, ts = NOW - 500): TokenInfo => ({
      kind: 'token', knownAt: NOW, ts, mint: 'M', pool: null, source: 'jupiter', symbol: 'T', name: 'T', decimals: 6, tokenProgram: null, audit: null, holderCount: null, liquidityUsd: liq, volume24hUsd: vol,
    });
    const byGate = (d: Parameters<typeof evaluateGates>[0]) => Object.fromEntries(evaluateGates(d, NOW, cfg).map((c) => [c.gate, c]));
    // The pool has a liquidity figure (even 0) but no volume: liquidity is the pool's, volume the token's.
    const mixed = byGate({ pool: { ...pool(0, 0), volume24hUsd: null }, security: null, impact: null, token: token(90_000, 300_000) });
    assert.deepEqual([mixed.liquidity.value, mixed.liquidity.source, mixed.liquidity.ageMs, mixed.liquidity.status], [0, 'dexscreener', 1000, 'fail']);
    assert.deepEqual([mixed.volume_24h.value, mixed.volume_24h.source, mixed.volume_24h.ageMs, mixed.volume_24h.status], [300_000, 'jupiter', 500, 'pass']);
    // No pool: the token's figures; a stale token record is unknown with its value and age.
    const stale = byGate({ pool: null, security: null, impact: null, token: token(90_000, NaN, NOW - 3_600_000) });
    assert.deepEqual([stale.liquidity.status, stale.liquidity.reason, stale.liquidity.value, stale.liquidity.ageMs], ['unknown', 'data_stale', 90_000, 3_600_000]);
    assert.deepEqual([stale.volume_24h.status, stale.volume_24h.reason, stale.volume_24h.value, stale.volume_24h.source], ['unknown', 'no_data', null, null]);
  });

  it('estimates price impact from liquidity when no quote exists', () => {
    assert.ok(Math.abs(impactFromLiquidity(100_000, 1000) - 2) < 1e-12);
  });

  it('ignores traps that are not configured to reject', () => {
    assert.deepEqual(failing({ pool: pool(80_000, 250_000), security: sec({ program: 'spl-token-2022' }, { mintCloseAuthority: 'X' }), impact: null, token: null }), []);
    assert.deepEqual(failing({ pool: pool(80_000, 250_000), security: sec({ program: 'spl-token-2022' }, { permanentDelegate: 'D', transferHookProgram: 'H' }), impact: null, token: null }), ['token2022_traps:token2022_trap']);
  });
});
