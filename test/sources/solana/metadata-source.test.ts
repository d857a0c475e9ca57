import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PublicKey } from '@solana/web3.js';
import { SolanaMintSource } from '../../../src/sources/solana/mint-source.js';
import type { TokenInfo } from '../../../src/domain/market.js';
import type { BadData } from '../../../src/domain/status.js';
import { FakeSolanaRpc } from '../../fakes/solana-rpc.js';
import { testAddress } from '../../fakes/solana-rpc-mints.js';
import { metaplexAddress } from '../../fakes/solana-rpc-metadata.js';
import { needsShared, sharedPath } from '../../support/shared-data.js';
import { testOptions } from './helpers.js';

async function withSource(metadata: boolean, fn: (fake: FakeSolanaRpc, source: SolanaMintSource, infos: TokenInfo[], bad: BadData[]) => Promise<void>): Promise<void> {
  const fake = new FakeSolanaRpc();
  const url = await fake.start();
  const source = new SolanaMintSource(testOptions([url], { topHolders: false, metadata }));
  const infos: TokenInfo[] = [];
  const bad: BadData[] = [];
  source.tokenInfo$.subscribe((t) => infos.push(t));
  source.badData$.subscribe((b) => bad.push(b));
  try {
    await fn(fake, source, infos, bad);
  } finally {
    await source.close();
    await fake.stop();
  }
}

const accountCalls = (fake: FakeSolanaRpc) => fake.calls.filter((c) => c.method === 'getMultipleAccounts').map((c) => c.params[0] as string[]);

test('names and symbols ride in the mint batches: each call asks for 50 mints and their 50 metadata accounts', async () => {
  await withSource(true, async (fake, source, infos) => {
    const mints = Array.from({ length: 60 }, (_, i) => fake.addMint(testAddress(300 + i), { decimals: 6 + (i % 3) }));
    mints.forEach((m, i) => fake.addMetadata(m, { name: `Token ${i}`, symbol: `T${i}` }));
    const read = await source.readMintSecurity(mints);
    assert.equal(read.length, 60, 'every mint security still read');
    const calls = accountCalls(fake);
    assert.deepEqual(calls.map((k) => k.length), [100, 20], 'two calls, no extra round trip per token');
    for (const keys of calls) {
      const half = keys.length / 2;
      keys.slice(0, half).forEach((m, i) => assert.equal(keys[half + i], metaplexAddress(m), 'mint i and its metadata PDA in one call'));
    }
    assert.equal(fake.calls.length, calls.length, 'no other method was called');
    const by = new Map(infos.map((t) => [t.mint, t]));
    mints.forEach((m, i) => {
      const t = by.get(m)!;
      assert.deepEqual([t.name, t.symbol, t.decimals, t.source], [`Token ${i}`, `T${i}`, 6 + (i % 3), 'solana']);
    });
  });
});

test('a mint without metadata still gives its decimals; a hostile or broken record is sanitised or reported', async () => {
  await withSource(true, async (fake, source, infos, bad) => {
    const bare = fake.addMint(testAddress(401), { decimals: 9 });
    const hostile = fake.addMint(testAddress(402), {});
    fake.addMetadata(hostile, { name: '\u001b]8;;http://evil\u0007Click\u001b]8;;\u0007 me\u001b[5m', symbol: 'RUG\u0000\u0000' });
    const broken = fake.addMint(testAddress(403), { decimals: 3 });
    fake.addMetadata(broken, { name: { bytes: Buffer.from('x'), declaredLength: 70_000 }, symbol: 'B' });
    const t22 = fake.addMint(testAddress(404), { tokenMetadata: { name: 'Twenty Two', symbol: 'T22' } });
    await source.readMintSecurity([bare, hostile, broken, t22]);
    const by = new Map(infos.map((t) => [t.mint, t]));
    assert.deepEqual([by.get(bare)!.name, by.get(bare)!.decimals], [null, 9]);
    assert.deepEqual([by.get(hostile)!.name, by.get(hostile)!.symbol], ['Click me', 'RUG']);
    assert.deepEqual([by.get(broken)!.name, by.get(broken)!.decimals], [null, 3]);
    assert.deepEqual([by.get(t22)!.name, by.get(t22)!.symbol], ['Twenty Two', 'T22']);
    assert.deepEqual(bad.map((b) => b.field), [`metadata[${broken}]`], 'only the broken record is bad data');
    assert.equal(source.counters.badPayloads, 1);
  });
});

test('the recorded Token-2022 mega token served by the fake RPC yields its on-chain name', needsShared(), async () => {
  await withSource(true, async (fake, source, infos) => {
    const mega = '5gSwsLGzyCwgwPJSnxjsQCaFeE19ZFaibHMLky9TDFim';
    const j = JSON.parse(readFileSync(sharedPath('recorded-api', 'solana', 'accounts', `${mega}.json`), 'utf8'));
    fake.addAccount(mega, { owner: new PublicKey(j.account.owner), data: Buffer.from(j.account.data[0], 'base64'), lamports: j.account.lamports });
    const [sec] = await source.readMintSecurity([mega]);
    assert.equal(sec.program, 'spl-token-2022');
    assert.deepEqual(infos.map((t) => [t.mint, t.name, t.symbol]), [[mega, 'MegaToken', 'MT']]);
  });
});

test('with metadata off the calls carry the mints only and no token records are emitted', async () => {
  await withSource(false, async (fake, source, infos) => {
    const mints = Array.from({ length: 120 }, (_, i) => fake.addMint(testAddress(500 + i), {}));
    fake.addMetadata(mints[0], { name: 'Ignored', symbol: 'IGN' });
    await source.readMintSecurity(mints);
    assert.deepEqual(accountCalls(fake).map((k) => k.length), [100, 20]);
    assert.equal(infos.length, 0);
  });
});
