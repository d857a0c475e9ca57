// Holder concentration through the mint source against the loopback RPC fake: getTokenLargestAccounts lists
// a bonding-curve vault, a PumpSwap pool vault, an AMM v4 vault, a burn account and real holders (one wallet
// with two accounts); the owners are read in batched getMultipleAccounts and the pools are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asyncScheduler } from 'rxjs';
import { PublicKey } from '@solana/web3.js';
import { FakeSolanaRpc } from '../../fakes/solana-rpc.js';
import { MINT_PRESETS, testAddress } from '../../fakes/solana-rpc-mints.js';
import { SolanaMintSource } from '../../../src/sources/solana/mint-source.js';
import { HolderReader } from '../../../src/sources/solana/holders-read.js';
import { SolanaRpcError } from '../../../src/sources/solana/errors.js';
import { BURN_ADDRESSES, DEFAULT_POOL_AUTHORITIES, DEFAULT_POOL_PROGRAMS, PUMP_CURVE_PROGRAM } from '../../../src/sources/solana/holders-classify.js';
import { bondingCurveOf } from '../../../src/sources/chain/programs/pump/pda.js';
import type { Clock } from '../../../src/clock/clock.js';
import { testOptions } from './helpers.js';

const SUPPLY = 1_000_000_000_000_000n;
const SYSTEM = '11111111111111111111111111111111';

function movableClock(start: number): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, scheduler: asyncScheduler, advance: (ms) => void (t += ms) };
}

/** A pump-style mint whose largest accounts are a curve, two pools, a burn account and four wallets. */
function seedMint(fake: FakeSolanaRpc, seed: number) {
  const mint = fake.addMint(testAddress(seed), { ...MINT_PRESETS.renounced, supply: SUPPLY });
  const pool = testAddress(seed + 1);
  // The pool account is PumpSwap's; one wallet has a system account, the others none (never funded).
  fake.addAccount(pool, { owner: new PublicKey(DEFAULT_POOL_PROGRAMS.pump_amm), data: Buffer.alloc(300), lamports: 1 });
  const [w1, w2, w3, w4] = [2, 3, 4, 5].map((i) => testAddress(seed + i));
  fake.addAccount(w1, { owner: new PublicKey(SYSTEM), data: Buffer.alloc(0), lamports: 5 });
  const holders = [
    { address: testAddress(seed + 10), owner: bondingCurveOf(mint, PUMP_CURVE_PROGRAM), amount: 600_000_000_000_000n },
    { address: testAddress(seed + 11), owner: pool, amount: 150_000_000_000_000n },
    { address: testAddress(seed + 12), owner: DEFAULT_POOL_AUTHORITIES.raydium_amm_v4.address, amount: 50_000_000_000_000n },
    { address: testAddress(seed + 13), owner: BURN_ADDRESSES[0], amount: 40_000_000_000_000n },
    { address: testAddress(seed + 14), owner: w1, amount: 30_000_000_000_000n },
    { address: testAddress(seed + 15), owner: w2, amount: 25_000_000_000_000n },
    { address: testAddress(seed + 16), owner: w1, amount: 20_000_000_000_000n },
    { address: testAddress(seed + 17), owner: w3, amount: 10_000_000_000_000n },
    { address: testAddress(seed + 18), owner: w4, amount: 5_000_000_000_000n },
  ];
  fake.setHolders(mint, holders);
  return { mint, pool, wallets: [w1, w2, w3, w4], holders };
}

async function withFake(fn: (fake: FakeSolanaRpc, url: string) => Promise<void>): Promise<void> {
  const fake = new FakeSolanaRpc();
  const url = await fake.start();
  try {
    await fn(fake, url);
  } finally {
    await fake.stop();
  }
}

const multipleCalls = (fake: FakeSolanaRpc) => fake.calls.filter((c) => c.method === 'getMultipleAccounts');

test('pools, the bonding curve and burn are left out; a wallet\'s accounts are one holder; owners read in two batched calls', async () => {
  await withFake(async (fake, url) => {
    const { mint, pool, wallets, holders } = seedMint(fake, 500);
    const source = new SolanaMintSource(testOptions([url], { topHoldersCount: 2 }));
    const [s] = await source.readMintSecurity([mint]);
    await source.close();
    // As docs/sources-stream.md shows it.
    assert.equal(JSON.stringify(s.holders), '{"state":"read","topPct":7.5,"top":2,"holders":2,"excluded":{"bonding_curve":1,"pool":1,"pool_authority":1,"burn":1},"excludedPct":84,"readAt":1760000000000}');
    if (s.holders?.state !== 'read') return;
    // w1 holds 30 + 20 = 50 (x 10^12), w2 25: the two largest holders hold 75 of 1,000.
    assert.equal(s.holders.topPct, 7.5);
    assert.equal(s.holders.holders, 2);
    assert.equal(s.holders.top, 2);
    assert.deepEqual(s.holders.excluded, { bonding_curve: 1, pool: 1, pool_authority: 1, burn: 1 });
    assert.equal(s.holders.excludedPct, 84);
    // The raw share keeps its meaning: the two largest accounts are the curve and the pool (75%).
    assert.equal(s.topHoldersPct, 75);
    assert.equal(fake.calls.filter((c) => c.method === 'getTokenLargestAccounts').length, 1);
    const multi = multipleCalls(fake);
    assert.equal(multi.length, 3, 'the mint, its token accounts, then the owners the fixed rules leave open');
    const tokenAccounts = multi[1].params[0] as string[];
    assert.deepEqual([...tokenAccounts].sort(), holders.map((h) => h.address).sort());
    const owners = new Set(multi[2].params[0] as string[]);
    assert.deepEqual([...owners].sort(), [pool, ...wallets].sort(), 'curve, authority and burn need no read');
  });
});

test('a mint read again within holdersRefreshMs costs no holder call; after it, owner programs stay cached', async () => {
  await withFake(async (fake, url) => {
    const { mint } = seedMint(fake, 600);
    const clock = movableClock(1_760_000_000_000);
    const source = new SolanaMintSource(testOptions([url], { clock, holdersRefreshMs: 60_000 }));
    const [first] = await source.readMintSecurity([mint]);
    const before = fake.calls.length;
    clock.advance(59_000);
    const [cached] = await source.readMintSecurity([mint]);
    assert.deepEqual(fake.calls.slice(before).map((c) => c.method), ['getMultipleAccounts'], 'only the mint itself');
    assert.deepEqual(cached.holders, first.holders);
    clock.advance(2_000);
    const mark = fake.calls.length;
    const [fresh] = await source.readMintSecurity([mint]);
    await source.close();
    assert.deepEqual(fake.calls.slice(mark).map((c) => c.method), ['getMultipleAccounts', 'getTokenLargestAccounts', 'getMultipleAccounts'], 'no owner read: their programs are cached');
    assert.equal(fresh.holders?.state === 'read' && fresh.holders.readAt, clock.now());
  });
});

test('the token accounts of several mints share one getMultipleAccounts (100 keys per call)', async () => {
  await withFake(async (fake, url) => {
    const mints = [700, 720, 740].map((seed) => seedMint(fake, seed).mint);
    const source = new SolanaMintSource(testOptions([url]));
    const read = await source.readMintSecurity(mints);
    await source.close();
    assert.equal(read.length, 3);
    assert.ok(read.every((s) => s.holders?.state === 'read'));
    const multi = multipleCalls(fake);
    assert.equal(multi.length, 3, 'mints, token accounts of all three, owners of all three');
    assert.equal((multi[1].params[0] as string[]).length, 27);
  });
});

test('an owner the chain tap knows as a pool is left out without reading it', async () => {
  await withFake(async (fake, url) => {
    const { mint, pool } = seedMint(fake, 800);
    const source = new SolanaMintSource(testOptions([url]));
    source.knowPools((a) => a === pool);
    const [s] = await source.readMintSecurity([mint]);
    await source.close();
    assert.ok(s.holders?.state === 'read' && s.holders.excluded.pool === 1);
    assert.ok(!(multipleCalls(fake)[2].params[0] as string[]).includes(pool));
  });
});

test('unread owners (accounts missing) count each account as its own holder, never as a pool', async () => {
  await withFake(async (fake, url) => {
    const mint = fake.addMint(testAddress(900), { ...MINT_PRESETS.renounced, supply: 1000n });
    fake.setLargestAccounts(mint, [400n, 300n, 200n]);
    const source = new SolanaMintSource(testOptions([url], { topHoldersCount: 2 }));
    const [s] = await source.readMintSecurity([mint]);
    await source.close();
    assert.ok(s.holders?.state === 'read');
    assert.equal(s.holders.topPct, 70);
    assert.deepEqual(s.holders.excluded, {});
  });
});

test('holdersDue names the followed mints whose read is older than holdersRefreshMs, oldest first, at most the limit', async () => {
  await withFake(async (fake, url) => {
    const [a, b, c] = [1000, 1020, 1040].map((seed) => seedMint(fake, seed).mint);
    const clock = movableClock(1_760_000_000_000);
    const source = new SolanaMintSource(testOptions([url], { clock, holdersRefreshMs: 60_000 }));
    await source.readMintSecurity([b]);
    clock.advance(10_000);
    const [sa] = await source.readMintSecurity([a, c]);
    assert.deepEqual(source.holdersDue([a, b, c], 5), [], 'all fresh');
    clock.advance(55_000);
    assert.deepEqual(source.holdersDue([a, b, c], 5), [b], 'only b is 65 s old');
    clock.advance(10_000);
    assert.deepEqual(source.holdersDue([a, b, c], 2), [b, a]);
    assert.deepEqual(source.holdersDue([a, c], 5).sort(), [a, c].sort(), 'only the mints asked about');
    // A stored record: stale once its read is older than holdersRefreshMs, and when it has none.
    assert.equal(source.holdersStale(sa), true);
    assert.equal(source.holdersStale({ ...sa, holders: undefined }), true);
    assert.equal(source.holdersStale({ ...sa, holders: { state: 'unavailable', readAt: clock.now() - 1_000 } }), false);
    await source.close();
    const off = new SolanaMintSource(testOptions([url], { clock, topHolders: false }));
    assert.equal(off.holdersStale(sa), false);
    assert.deepEqual(off.holdersDue([a, b, c], 5), []);
    await off.close();
  });
});

test('a refresh that fails keeps the previous read (with its age), never turns it into unknown; a first failure is unknown', async () => {
  await withFake(async (fake, url) => {
    const { mint } = seedMint(fake, 1100);
    const clock = movableClock(1_760_000_000_000);
    const rpc = new SolanaMintSource(testOptions([url], { clock, topHolders: false }));
    let failing: string | null = null;
    const reader = new HolderReader({
      // The RPC as the mint source gives it, with one method failing on demand (as after its retries ran out).
      call: (what, fn) => (what === failing ? Promise.reject(new SolanaRpcError('SOLANA_RPC_HTTP', 'HTTP 503')) : rpc.call(what, fn)),
      readAccounts: (a) => (failing === 'getMultipleAccounts' ? Promise.reject(new SolanaRpcError('SOLANA_RPC_NETWORK', 'socket hang up')) : rpc.readAccounts(a)),
      bad: () => assert.fail('a retryable failure is not bad data'),
    }, { top: 10, refreshMs: 60_000, clock, poolPrograms: Object.values(DEFAULT_POOL_PROGRAMS), poolAuthorities: [DEFAULT_POOL_AUTHORITIES.raydium_amm_v4.address] });
    const supply = { mint, supply: SUPPLY.toString() };
    failing = 'getTokenLargestAccounts';
    assert.equal((await reader.read([supply])).get(mint)?.holders, null, 'never read: unknown');
    failing = null;
    const first = (await reader.read([supply])).get(mint)!.holders;
    assert.equal(first?.state, 'read');
    for (const method of ['getTokenLargestAccounts', 'getMultipleAccounts']) {
      clock.advance(61_000);
      failing = method;
      assert.deepEqual((await reader.read([supply])).get(mint)!.holders, first, `${method} failing: the previous read`);
    }
    failing = null;
    const fresh = (await reader.read([supply])).get(mint)!.holders;
    assert.ok(fresh?.state === 'read' && fresh.readAt === clock.now());
    await rpc.close();
  });
});
