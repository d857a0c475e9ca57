import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from '../../src/store/index.js';
import { pool, security, token, withStore } from './helpers.js';

const MINT = token(0).mint!;

test('a token upsert fills metadata without erasing it, widens first/last seen and collects sources once each', () => {
  withStore((store) => {
    store.upsertToken(token(2000));
    store.upsertToken(token(1000, { source: 'birdeye', symbol: null, name: null, decimals: null }));
    store.markTokenSeen(MINT, 'dexscreener', 5000);
    store.markTokenSeen(MINT, 'jupiter', 6000);
    assert.deepEqual(store.getToken(MINT), {
      mint: MINT, symbol: 'ABC', name: 'Alpha \u001b[31mBeta', decimals: 6, tokenProgram: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
      firstSeenAt: 1000, lastSeenAt: 6000, discoveredBy: ['jupiter', 'birdeye', 'dexscreener'], evicted: false,
    });
    assert.equal(store.getToken('unknown'), null);
  });
});

test('evicted tokens leave the watchlist but stay stored', () => {
  withStore((store) => {
    store.markTokenSeen('M1', 'dexscreener', 10);
    store.markTokenSeen('M2', 'dexscreener', 20);
    store.setTokenEvicted('M1', true);
    assert.deepEqual(store.listTokens().map((t) => t.mint), ['M2']);
    assert.deepEqual(store.listTokens({ includeEvicted: true }).map((t) => [t.mint, t.evicted]), [['M1', true], ['M2', false]]);
  });
});

test('records without a mint or pool are refused with STORE_BAD_RECORD', () => {
  withStore((store) => {
    assert.throws(() => store.upsertToken(token(1, { mint: null })), (e: unknown) => e instanceof StoreError && e.code === 'STORE_BAD_RECORD');
    assert.throws(() => store.upsertPool(pool(1, { pool: null })), (e: unknown) => e instanceof StoreError && e.code === 'STORE_BAD_RECORD');
  });
});

test('a pool keeps its newest snapshot exactly; an older snapshot does not overwrite it', () => {
  withStore((store) => {
    const newer = pool(2000, { liquidityUsd: 91_000.25 });
    store.upsertPool(newer);
    store.upsertPool(pool(1000, { liquidityUsd: 1 }));
    const got = store.getPool(newer.pool!);
    assert.deepEqual(got, { pool: newer.pool, mint: newer.mint, dex: 'raydium', lead: false, snapshot: newer, updatedAt: newer.knownAt });
    const latest = pool(3000, { priceUsd: null, liquidityUsd: null, dex: null });
    store.upsertPool(latest);
    assert.deepEqual(store.getPool(newer.pool!)?.snapshot, latest);
    assert.equal(store.getPool(newer.pool!)?.dex, 'raydium', 'a missing dex keeps the known one');
  });
});

test('setting the lead pool clears the flag on the token\'s other pools', () => {
  withStore((store) => {
    store.upsertPool(pool(1, { pool: 'P1', liquidityUsd: 10 }));
    store.upsertPool(pool(1, { pool: 'P2', liquidityUsd: 20 }));
    store.upsertPool(pool(1, { pool: 'P3', mint: 'Other' }));
    store.setLeadPool(MINT, 'P1');
    store.setLeadPool(MINT, 'P2');
    assert.deepEqual(store.poolsOfMint(MINT).map((p) => [p.pool, p.lead]), [['P2', true], ['P1', false]]);
    store.setLeadPool('Other', 'P3');
    assert.equal(store.getPool('P2')?.lead, true, 'another token\'s lead does not touch this one');
  });
});

test('mint security round-trips with its provenance, extensions and read time', () => {
  withStore((store) => {
    const rec = security(5000, { mintAuthority: 'Auth1111', provenance: 'jupiter' });
    assert.equal(store.putMintSecurity(rec), true);
    assert.deepEqual(store.getMintSecurity(MINT), rec);
    assert.equal(store.getMintSecurity('nope'), null);
  });
});

test('an on-chain renounced record is final; a renounced authority cannot come back except by an rpc read over a fallback', () => {
  withStore((store) => {
    const final = security(1000);
    assert.equal(store.putMintSecurity(final), true);
    assert.equal(store.putMintSecurity(security(9000, { mintAuthority: 'Back1111' })), false, 'rpc renounced is final');
    assert.equal(store.putMintSecurity(security(9000, { provenance: 'birdeye' })), false, 'even a newer renounced fallback does not replace it');
    assert.deepEqual(store.getMintSecurity(MINT), final);
    const fresher = security(9500, { holders: { state: 'read', topPct: 12.5, top: 10, holders: 10, excluded: { bonding_curve: 1 }, excludedPct: 80, readAt: 9500 } });
    assert.equal(store.putMintSecurity(fresher), true, 'a newer rpc read, still renounced, brings a fresher holder concentration');
    assert.deepEqual(store.getMintSecurity(MINT), fresher);
    assert.equal(store.putMintSecurity(security(9400)), false, 'an older one does not');

    const m2 = 'Mint2';
    assert.equal(store.putMintSecurity(security(1000, { mint: m2, provenance: 'jupiter' })), true);
    assert.equal(store.putMintSecurity(security(2000, { mint: m2, provenance: 'birdeye', freezeAuthority: 'F' })), false, 'a fallback cannot revive an authority');
    assert.equal(store.putMintSecurity(security(3000, { mint: m2, provenance: 'rpc', freezeAuthority: 'F' })), true, 'rpc corrects a fallback');
    assert.equal(store.putMintSecurity(security(2500, { mint: m2, freezeAuthority: null })), false, 'an older read does not replace a newer one');
    assert.equal(store.putMintSecurity(security(4000, { mint: m2, freezeAuthority: null })), true, 'a newer read renouncing it is taken');
  });
});

test('mints needing a security refresh: never-read tokens first, then stale reads that are not final', () => {
  withStore((store) => {
    for (const [mint, at] of [['Fresh', 1], ['Final', 2], ['Stale', 3], ['Fallback', 4], ['Never', 5], ['Gone', 6]] as const) {
      store.markTokenSeen(mint, 'dexscreener', at);
    }
    store.putMintSecurity(security(90_000, { mint: 'Fresh', mintAuthority: 'A' }));
    store.putMintSecurity(security(10_000, { mint: 'Final' }));
    store.putMintSecurity(security(20_000, { mint: 'Stale', freezeAuthority: 'F' }));
    store.putMintSecurity(security(10_000, { mint: 'Fallback', provenance: 'jupiter' }));
    store.setTokenEvicted('Gone', true);
    assert.deepEqual(store.mintSecurityNeedingRefresh(100_000, 30_000), ['Never', 'Fallback', 'Stale']);
    assert.deepEqual(store.mintSecurityNeedingRefresh(100_000, 30_000, 2), ['Never', 'Fallback']);
    assert.deepEqual(store.mintSecurityNeedingRefresh(100_000, 1_000_000), ['Never']);
  });
});
