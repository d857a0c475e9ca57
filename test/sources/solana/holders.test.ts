// Holder classification and concentration (pure), on real bytes where the bundled fixtures have them: the
// owners in real transactions' token balances are the curves, pools and authorities a holder list meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { PACKAGE_ROOT } from '../../../src/config/load.js';
import { parseAccountInfoResponse } from '../../../src/sources/solana/bonding-curve.js';
import { bondingCurveOf } from '../../../src/sources/chain/programs/pump/pda.js';
import { PoolBook } from '../../../src/sources/chain/pools.js';
import {
  BURN_ADDRESSES, DEFAULT_POOL_AUTHORITIES, DEFAULT_POOL_PROGRAMS, PUMP_CURVE_PROGRAM, exclusionOf, tokenAccountOwner, type HolderRules,
} from '../../../src/sources/solana/holders-classify.js';
import { holderConcentration, type ClassifiedAccount } from '../../../src/sources/solana/holders.js';
import { encodeTokenAccount, testAddress } from '../../fakes/solana-rpc-mints.js';
import { STREAMER, TX_PARSER, decodeFixture, recordedOne, vixen } from '../chain/fixtures.js';
import type { DecodedSwap } from '../../../src/sources/chain/types.js';

const rules = (over: Partial<HolderRules> = {}): HolderRules => ({
  bondingCurve: null,
  poolPrograms: new Set(Object.values(DEFAULT_POOL_PROGRAMS)),
  poolAuthorities: new Set(Object.values(DEFAULT_POOL_AUTHORITIES).map((a) => a.address)),
  isKnownPool: () => false,
  ...over,
});

test('each default pool authority is the PDA of its seed under its program', () => {
  for (const [name, a] of Object.entries(DEFAULT_POOL_AUTHORITIES)) {
    const [pda] = PublicKey.findProgramAddressSync([Buffer.from(a.seed)], new PublicKey(a.program));
    assert.equal(pda.toBase58(), a.address, name);
  }
});

test('the curve vault of every real pump.fun trade is owned by the mint\'s bonding-curve PDA, classified bonding_curve', () => {
  const files = [
    `${TX_PARSER}/pumpfun_buy_0.json`, `${TX_PARSER}/pumpfun_sell_0.json`, `${TX_PARSER}/pumpfun_create_0.json`, `${TX_PARSER}/pumpfun_buy_bundle.json`,
    `${TX_PARSER}/photon_pumpfun_buy_0.json`, `${STREAMER}/pumpfun_direct_tx.json`, `${STREAMER}/pumpfun_cpi_tx.json`,
    'chainstacklabs__pumpfun-bonkfun-bot/learning-examples/raw_create_tx_from_gettransaction.json',
  ];
  for (const f of files) {
    const accounts = recordedOne(f).tokenAccounts!;
    const curves = accounts.filter((a) => a.owner === bondingCurveOf(a.mint, PUMP_CURVE_PROGRAM));
    assert.equal(curves.length, 1, `${f}: one curve vault`);
    const c = curves[0];
    assert.equal(exclusionOf(c.owner!, undefined, rules({ bondingCurve: bondingCurveOf(c.mint, PUMP_CURVE_PROGRAM) })), 'bonding_curve', f);
    // The traders' accounts of the same mint stay holders.
    for (const other of accounts.filter((a) => a.mint === c.mint && a !== c)) {
      assert.equal(exclusionOf(other.owner!, null, rules({ bondingCurve: bondingCurveOf(c.mint, PUMP_CURVE_PROGRAM) })), null, `${f} ${other.owner}`);
    }
  }
});

test('an owner account held by the pump.fun program (the real curve account) is a curve even without the mint\'s PDA', () => {
  const file = join(PACKAGE_ROOT, 'test', 'fixtures', 'solana-tx', 'chainstacklabs__pumpfun-bonkfun-bot/learning-examples/raw_bonding_curve_from_getaccountinfo.json');
  const env = parseAccountInfoResponse(JSON.parse(readFileSync(file, 'utf8')))!;
  assert.equal(exclusionOf(testAddress(1), env.owner, rules()), 'bonding_curve');
  assert.equal(exclusionOf(testAddress(1), env.owner, rules({ poolPrograms: new Set() })), null, 'only programs in the list count');
});

test('real Raydium AMM v4, CPMM and LaunchLab vaults are owned by their program authority, classified pool_authority', () => {
  const cases = [
    [`${TX_PARSER}/raydiumLiquidityPoolV4_swap_0.json`, 'raydium_amm_v4'], [`${TX_PARSER}/OKXDEX_swap_0.json`, 'raydium_cpmm'],
    [vixen('5Lzh'), 'raydium_launchlab'],
  ] as const;
  for (const [f, program] of cases) {
    const owners = new Set(recordedOne(f).tokenAccounts!.map((a) => a.owner));
    const authority = DEFAULT_POOL_AUTHORITIES[program].address;
    assert.ok(owners.has(authority), `${f} has a vault of ${program}`);
    assert.equal(exclusionOf(authority, null, rules()), 'pool_authority');
  }
});

test('a real PumpSwap pool (decoded from its BuyEvent) owns its vaults: known to the pool cache, they are pool', () => {
  const d = decodeFixture(`${STREAMER}/pumpswap_cpi_tx.json`);
  const swap = d.events.find((e) => e.kind === 'swap' && e.program === 'pump_amm') as DecodedSwap;
  const book = new PoolBook([{ pool: swap.pool!, program: 'pump_amm', baseMint: 'x', quoteMint: 'y', learnedFrom: 'event', updatedAt: 0 }]);
  const vaults = d.recorded.tokenAccounts!.filter((a) => a.owner === swap.pool);
  assert.equal(vaults.length, 2, 'base and quote vault');
  for (const v of vaults) assert.equal(exclusionOf(v.owner!, undefined, rules({ isKnownPool: (a) => book.get(a) !== undefined })), 'pool');
  // Unknown to the cache, the pool account's program owner (PumpSwap) says the same.
  assert.equal(exclusionOf(swap.pool!, DEFAULT_POOL_PROGRAMS.pump_amm, rules()), 'pool');
  assert.equal(exclusionOf(swap.pool!, undefined, rules()), null, 'neither known nor read: a holder');
});

test('burn address, system wallets and unknown programs', () => {
  assert.equal(exclusionOf(BURN_ADDRESSES[0], null, rules()), 'burn');
  assert.equal(exclusionOf(testAddress(2), '11111111111111111111111111111111', rules()), null);
  assert.equal(exclusionOf(testAddress(2), null, rules()), null);
  assert.equal(exclusionOf(testAddress(2), DEFAULT_POOL_PROGRAMS.orca_whirlpool, rules()), 'pool');
  assert.equal(exclusionOf(testAddress(2), DEFAULT_POOL_PROGRAMS.meteora_vault, rules()), 'pool');
});

test('tokenAccountOwner reads the owner of a token account of that mint only', () => {
  const mint = testAddress(10);
  const owner = testAddress(11);
  const acc = encodeTokenAccount(mint, owner, 5n);
  assert.equal(tokenAccountOwner(acc.data, mint), owner);
  assert.equal(tokenAccountOwner(acc.data, testAddress(12)), null, 'another mint');
  assert.equal(tokenAccountOwner(acc.data.subarray(0, 100), mint), null, 'too short');
});

const acc = (address: string, amount: string, owner: string | null, exclusion: ClassifiedAccount['exclusion'] = null): ClassifiedAccount => ({ address, amount, owner, exclusion });

test('holder concentration leaves pools out, sums per owner and keeps the whole supply as the base', () => {
  const [w1, w2, w3] = [testAddress(21), testAddress(22), testAddress(23)];
  const accounts = [
    acc(testAddress(31), '700', testAddress(40), 'bonding_curve'),
    acc(testAddress(32), '100', testAddress(41), 'pool'),
    acc(testAddress(33), '60', w1), acc(testAddress(34), '50', w2), acc(testAddress(35), '40', w1),
    acc(testAddress(36), '30', w3), acc(testAddress(37), '20', null), acc(testAddress(38), 'bad', w3),
  ];
  const c = holderConcentration(accounts, '1000', 2)!;
  // w1 holds 60 + 40 = 100, w2 50: the two largest holders hold 150 of 1000.
  assert.equal(c.topPct, 15);
  assert.equal(c.holders, 2);
  assert.deepEqual(c.excluded, { bonding_curve: 1, pool: 1 });
  assert.equal(c.excludedPct, 80);
  const all = holderConcentration(accounts, '1000', 10)!;
  // w1 100, w2 50, w3 30, the unread account as its own holder 20.
  assert.equal(all.topPct, 20);
  assert.equal(all.holders, 4);
});

test('holder concentration is null without a usable supply, and 0 when only pools hold', () => {
  assert.equal(holderConcentration([acc(testAddress(1), '5', testAddress(2))], '0', 10), null);
  assert.equal(holderConcentration([acc(testAddress(1), '5', testAddress(2))], 'x', 10), null);
  const only = holderConcentration([acc(testAddress(1), '900', testAddress(2), 'bonding_curve')], '1000', 10)!;
  assert.equal(only.topPct, 0);
  assert.equal(only.holders, 0);
});
