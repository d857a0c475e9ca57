import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asyncScheduler } from 'rxjs';
import { createServer } from 'node:net';
import { SolanaMintSource } from '../../../src/sources/solana/mint-source.js';
import type { BadData, SourceStatus } from '../../../src/domain/status.js';
import type { Clock } from '../../../src/clock/clock.js';
import { FakeSolanaRpc, type RpcRefusal } from '../../fakes/solana-rpc.js';
import { MINT_PRESETS, testAddress } from '../../fakes/solana-rpc-mints.js';
import { testOptions } from './helpers.js';

// Real refusals of keyless RPC endpoints (served with the recorded bodies) are states: a URL blocked for
// minutes, or one method switched off for that URL; only a keyed URL's rejected key is fatal.

const MIN = 120_000;
const BLOCKED = { blockedMinMs: MIN, blockedMaxMs: 1_800_000, blockedGrowth: 2, blockedJitterPct: 0 };

function movableClock(start = 1_760_000_000_000): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, scheduler: asyncScheduler, advance: (ms) => void (t += ms) };
}

async function withFake(fn: (fake: FakeSolanaRpc, url: string, mints: string[]) => Promise<void>, path = '/'): Promise<void> {
  const fake = new FakeSolanaRpc({ path });
  const url = await fake.start();
  const mints = [1, 2, 3].map((i) => testAddress(40 + i));
  mints.forEach((m, i) => {
    fake.addMint(m, i === 1 ? MINT_PRESETS.liveFreezeAuthority : MINT_PRESETS.renounced);
    fake.setLargestAccounts(m, [500n, 300n]);
  });
  try {
    await fn(fake, url, mints);
  } finally {
    await fake.stop();
  }
}

function watch(source: SolanaMintSource): { statuses: SourceStatus[]; bad: BadData[] } {
  const statuses: SourceStatus[] = [];
  const bad: BadData[] = [];
  source.status$.subscribe((s) => statuses.push(s));
  source.badData$.subscribe((b) => bad.push(b));
  return { statuses, bad };
}

for (const refusal of ['secondaryIndexes', 'indexedRequests', 'methodNotFound'] as RpcRefusal[]) {
  test(`${refusal} on getTokenLargestAccounts switches the top-holder share off for that URL once, and keeps the batch`, async () => {
    await withFake(async (fake, url, mints) => {
      fake.refuse('getTokenLargestAccounts', refusal);
      const source = new SolanaMintSource(testOptions([url], BLOCKED));
      const { statuses, bad } = watch(source);
      const read = await source.readMintSecurity(mints);
      assert.deepEqual(read.map((s) => s.mint).sort(), [...mints].sort(), 'mint security of every mint is delivered');
      assert.ok(read.every((s) => s.topHoldersPct === null));
      assert.ok(read.every((s) => s.holders?.state === 'unavailable'), 'holder concentration: unavailable, a state');
      assert.equal(read.find((s) => s.mint === mints[1])?.freezeAuthority !== null, true);
      assert.equal(fake.hits.get('refused_getTokenLargestAccounts'), 1, 'asked once, then never again on this URL');
      const again = await source.readMintSecurity(mints);
      assert.equal(again.length, 3);
      assert.equal(fake.hits.get('refused_getTokenLargestAccounts'), 1);
      const off = statuses.filter((s) => s.state === 'disabled');
      assert.equal(off.length, 1, 'one status line for the switched-off feature');
      assert.equal(off[0].endpoint, 'getTokenLargestAccounts');
      assert.match(off[0].detail ?? '', /^top-holder share unavailable on this RPC/);
      assert.ok(!statuses.some((s) => s.state === 'blocked' || s.state === 'failed'), 'the URL itself is not blocked');
      assert.equal(bad.length, 0, 'a missing method is a state, not bad data');
      await source.close();
    });
  });
}

test('the public RPC\'s 403 "Access forbidden" on getMultipleAccounts blocks the URL for minutes, then it is tried again', async () => {
  await withFake(async (fake, url, mints) => {
    fake.refuse('getMultipleAccounts', 'accessForbidden', 2);
    const clock = movableClock();
    const source = new SolanaMintSource(testOptions([url], { ...BLOCKED, clock, topHolders: false }));
    const { statuses } = watch(source);
    const err = (await source.readMintSecurity(mints).then(() => null, (e: unknown) => e)) as { code: string };
    assert.equal(err.code, 'SOLANA_RPC_BLOCKED', 'not fatal');
    const blocked = statuses.filter((s) => s.state === 'blocked');
    assert.equal(blocked.length, 1);
    assert.equal(blocked[0].detail, 'access forbidden');
    assert.equal(blocked[0].nextAttemptAt, clock.now() + MIN);
    clock.advance(MIN - 1);
    assert.equal(await source.readMintSecurity(mints).then(() => 'read', (e: { code: string }) => e.code), 'SOLANA_RPC_BLOCKED');
    assert.equal(fake.hits.get('refused_getMultipleAccounts'), 1, 'nothing sent inside the wait');
    clock.advance(1);
    assert.equal(await source.readMintSecurity(mints).then(() => 'read', (e: { code: string }) => e.code), 'SOLANA_RPC_BLOCKED', 'the probe is refused too');
    const second = statuses.filter((s) => s.state === 'blocked').at(-1)!;
    assert.equal(second.nextAttemptAt, clock.now() + 2 * MIN, 'the wait grows');
    clock.advance(2 * MIN);
    const read = await source.readMintSecurity(mints);
    assert.equal(read.length, 3);
    assert.equal(statuses.at(-1)!.state, 'ok');
    await source.close();
  });
});

test('a Cloudflare challenge in front of the RPC blocks it with that reason', async () => {
  await withFake(async (fake, url, mints) => {
    fake.refuse('getMultipleAccounts', 'cloudflare', 1);
    const source = new SolanaMintSource(testOptions([url], { ...BLOCKED, topHolders: false }));
    const { statuses } = watch(source);
    await source.readMintSecurity(mints).catch(() => null);
    assert.equal(statuses.find((s) => s.state === 'blocked')?.detail, 'Cloudflare challenge');
    await source.close();
  });
});

test('a blocked keyless URL hands over to the next URL within the same read', async () => {
  const a = new FakeSolanaRpc();
  const b = new FakeSolanaRpc();
  const urls = [await a.start(), await b.start()];
  try {
    const mint = testAddress(50);
    for (const f of [a, b]) f.addMint(mint, MINT_PRESETS.renounced);
    a.refuse('getMultipleAccounts', 'accessForbidden');
    const source = new SolanaMintSource(testOptions(urls, { ...BLOCKED, topHolders: false }));
    const [s] = await source.readMintSecurity([mint]);
    assert.equal(s.mint, mint);
    assert.equal(b.hits.get('getMultipleAccounts'), 1);
    assert.ok(source.activeEndpoint.includes(new URL(urls[1]).port));
    await source.close();
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('a keyed RPC URL whose key is refused is fatal, with one line naming the setting and never the key', async () => {
  const KEY = 'PathKeyAbCdEfGh1234567890xyz';
  await withFake(async (fake, url, mints) => {
    fake.refuse('getMultipleAccounts', 'accessForbidden');
    const source = new SolanaMintSource(testOptions([url], BLOCKED));
    const err = (await source.readMintSecurity(mints).then(() => null, (e: unknown) => e)) as { code: string; message: string };
    assert.equal(err.code, 'SOLANA_RPC_FORBIDDEN');
    assert.match(err.message, /SOLANA_RPC_URL \(sources\.solana\.rpcUrls\[0\]/);
    assert.ok(!err.message.includes(KEY));
    assert.equal(err.message.split('\n').length, 1);
    await source.close();
  }, `/v2/${KEY}`);
});

test('an RPC that cannot be reached is reported unreachable with its host and the cause', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const source = new SolanaMintSource(testOptions([`http://127.0.0.1:${port}`], { ...BLOCKED, retries: 1, topHolders: false }));
  const { statuses } = watch(source);
  await source.readMintSecurity([testAddress(60)]).catch(() => null);
  const down = statuses.find((s) => s.state === 'unreachable');
  assert.ok(down, JSON.stringify(statuses.map((s) => s.state)));
  assert.match(down.detail ?? '', new RegExp(`^127\\.0\\.0\\.1:${port} .*ECONNREFUSED`));
  await source.close();
});

test('the RPC reports connecting before its first answer, never ok', async () => {
  const source = new SolanaMintSource(testOptions(['http://127.0.0.1:9'], BLOCKED));
  const { statuses } = watch(source);
  assert.deepEqual(statuses.map((s) => s.state), ['connecting']);
  await source.close();
});
