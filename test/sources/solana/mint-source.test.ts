import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemProgram, PublicKey } from '@solana/web3.js';
import { SolanaMintSource } from '../../../src/sources/solana/mint-source.js';
import type { BadData, SourceStatus } from '../../../src/domain/status.js';
import { FakeSolanaRpc } from '../../fakes/solana-rpc.js';
import { MINT_PRESETS, WALLET_A, WALLET_B, testAddress, type MintSpec } from '../../fakes/solana-rpc-mints.js';
import { testOptions } from './helpers.js';

async function withFake<T>(fn: (fake: FakeSolanaRpc, url: string) => Promise<T>, opts = {}): Promise<T> {
  const fake = new FakeSolanaRpc(opts);
  const url = await fake.start();
  try {
    return await fn(fake, url);
  } finally {
    await fake.stop();
  }
}

test('each mint kind decodes to the right authorities, program, traps and fee through web3.js and spl-token', async () => {
  await withFake(async (fake, url) => {
    const specs: Record<string, MintSpec> = { ...MINT_PRESETS, feeNotYetActive: { transferFee: { olderBps: 100, newerBps: 300, newerEpoch: 1000n } } };
    const addr = new Map(Object.keys(specs).map((name, i) => [name, fake.addMint(testAddress(i + 1), { supply: 1_000_000n * 10n ** 6n, decimals: 6, ...specs[name] })]));
    const source = new SolanaMintSource(testOptions([url], { topHolders: false }));
    const read = await source.readMintSecurity([...addr.values()]);
    await source.close();
    const by = new Map(read.map((s) => [s.mint, s]));
    assert.equal(read.length, addr.size);
    for (const [name, spec] of Object.entries(specs)) {
      const s = by.get(addr.get(name)!)!;
      assert.equal(s.provenance, 'rpc', name);
      assert.equal(s.supply, '1000000000000', name);
      assert.equal(s.decimals, 6, name);
      assert.equal(s.mintAuthority, (spec as MintSpec).mintAuthority ?? null, name);
      assert.equal(s.freezeAuthority, (spec as MintSpec).freezeAuthority ?? null, name);
    }
    const get = (n: string) => by.get(addr.get(n)!)!;
    assert.equal(get('renounced').program, 'spl-token');
    assert.deepEqual(get('renounced').extensions.names, []);
    assert.equal(get('liveMintAuthority').mintAuthority, WALLET_A);
    assert.equal(get('liveFreezeAuthority').freezeAuthority, WALLET_B);
    assert.equal(get('transferFee300').program, 'spl-token-2022');
    // The fake's epoch (900) is past the newer fee's epoch (800): the newer fee is in force.
    assert.equal(get('transferFee300').extensions.transferFeeBps, 300);
    assert.deepEqual(get('transferFee300').extensions.names, ['transferFeeConfig']);
    // Newer fee from epoch 1000 > 900: the older fee still applies.
    assert.equal(get('feeNotYetActive').extensions.transferFeeBps, 100);
    assert.ok((fake.hits.get('getEpochInfo') ?? 0) >= 1, 'the epoch was read for the two-step fee schedule');
    assert.equal(get('permanentDelegate').extensions.permanentDelegate, WALLET_B);
    assert.equal(get('transferHook').extensions.transferHookProgram, WALLET_A);
    assert.equal(get('nonTransferable').extensions.nonTransferable, true);
    assert.equal(get('defaultFrozen').extensions.defaultAccountFrozen, true);
    assert.deepEqual(get('defaultFrozen').extensions.names, ['defaultAccountState']);
    assert.equal(get('closeAuthorityPaused').extensions.mintCloseAuthority, WALLET_A);
    assert.equal(get('closeAuthorityPaused').extensions.paused, true);
    assert.deepEqual(get('closeAuthorityPaused').extensions.names.sort(), ['mintCloseAuthority', 'pausableConfig']);
    for (const n of ['renounced', 'liveMintAuthority', 'transferFee300']) {
      const x = get(n).extensions;
      assert.equal(x.permanentDelegate, null, n);
      assert.equal(x.transferHookProgram, null, n);
      assert.equal(x.nonTransferable || x.defaultAccountFrozen || x.paused, false, n);
    }
    assert.equal(get('renounced').extensions.transferFeeBps, null);
  });
});

test('the top-holder share sums the largest token accounts against the raw supply', async () => {
  await withFake(async (fake, url) => {
    const mint = fake.addMint(testAddress(40), { supply: 1_000_000_000n, decimals: 3 });
    const amounts = [250_000_000n, 100_000_000n, 50_000_000n, 1n, 2n, 3n];
    fake.setLargestAccounts(mint, amounts);
    const source = new SolanaMintSource(testOptions([url], { topHoldersCount: 3 }));
    const [s] = await source.readMintSecurity([mint]);
    await source.close();
    const expected = Number(amounts.slice().sort((a, b) => Number(b - a)).slice(0, 3).reduce((a, b) => a + b)) / 1e9 * 100;
    assert.ok(Math.abs(s.topHoldersPct! - expected) < 1e-6, `${s.topHoldersPct} vs ${expected}`);
  });
});

test('more than 100 mints are read in calls of at most 100 keys', async () => {
  await withFake(async (fake, url) => {
    const mints = Array.from({ length: 250 }, (_, i) => fake.addMint(testAddress(100 + i), MINT_PRESETS.renounced));
    const source = new SolanaMintSource(testOptions([url], { topHolders: false }));
    const read = await source.readMintSecurity(mints);
    await source.close();
    const calls = fake.calls.filter((c) => c.method === 'getMultipleAccounts');
    assert.deepEqual(calls.map((c) => (c.params[0] as string[]).length), [100, 100, 50]);
    assert.deepEqual(new Set(read.map((s) => s.mint)), new Set(mints));
  });
});

test('a missing account and a non-mint account become counted bad data while the rest are read', async () => {
  await withFake(async (fake, url) => {
    const good = fake.addMint(testAddress(1), MINT_PRESETS.renounced);
    const missing = testAddress(2);
    const wallet = testAddress(3);
    fake.addAccount(wallet, { owner: SystemProgram.programId, data: Buffer.alloc(0), lamports: 5_000_000 });
    const tokenAccount = testAddress(4);
    // A 165-byte account owned by the token program is a token account, not a mint.
    fake.addAccount(tokenAccount, { owner: new PublicKey('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'), data: Buffer.alloc(165, 1), lamports: 2_039_280 });
    const source = new SolanaMintSource(testOptions([url]));
    const bad: BadData[] = [];
    const statuses: SourceStatus[] = [];
    source.badData$.subscribe((b) => bad.push(b));
    source.status$.subscribe((s) => statuses.push(s));
    const read = await source.readMintSecurity([good, missing, wallet, tokenAccount, 'not-a-key!']);
    await source.close();
    assert.deepEqual(read.map((s) => s.mint), [good]);
    const reasons = new Map(bad.map((b) => [b.field, b.reason]));
    assert.match(reasons.get(`accounts[${missing}]`)!, /not found/);
    assert.match(reasons.get(`accounts[${wallet}]`)!, /not a mint: account owned by 11111111111111111111111111111111/);
    assert.match(reasons.get(`accounts[${tokenAccount}]`)!, /not a mint/);
    assert.match(reasons.get('mint')!, /not a base58 public key/);
    assert.equal(statuses.at(-1)!.counters.badPayloads, 4);
  });
});

test('a 429 is retried after the Retry-After delay and then succeeds', async () => {
  await withFake(async (fake, url) => {
    const mint = fake.addMint(testAddress(7), MINT_PRESETS.liveMintAuthority);
    fake.scriptNext({ status: 429, retryAfterSeconds: 0.02 });
    const source = new SolanaMintSource(testOptions([url], { topHolders: false, retryMaxMs: 1_000 }));
    const statuses: SourceStatus[] = [];
    source.status$.subscribe((s) => statuses.push(s));
    const [s] = await source.readMintSecurity([mint]);
    await source.close();
    assert.equal(s.mintAuthority, WALLET_A);
    assert.equal(fake.hits.get('http_429'), 1);
    const limited = statuses.find((x) => x.state === 'rate_limited')!;
    assert.ok(limited, 'a rate_limited status was reported');
    assert.equal(limited.nextAttemptAt! - limited.at, 20, 'the wait is the 20 ms the server asked for');
    assert.equal(statuses.at(-1)!.state, 'ok');
    assert.equal(statuses.at(-1)!.counters.rateLimited, 1);
  });
});
