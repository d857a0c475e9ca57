import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import { BirdeyeRestClient, type BirdeyeRestSettings } from '../../../src/sources/birdeye/rest-client.js';
import type { PoolSnapshot, TokenInfo } from '../../../src/domain/market.js';
import { BirdeyeRestFake } from '../../fakes/birdeye-rest.js';
import { defaultHttpFaults } from '../../fakes/http-base.js';
import { BUTTERFLY, CBRL, realUniverse, rollUp } from '../../fakes/universe.js';
import { itConformsToHttpRules } from '../http/conformance.js';
import { address, codeOf, rng, testHttp } from '../http/helpers.js';
import type { HttpSettings } from '../../../src/sources/http/settings.js';
import { needsShared } from '../../support/shared-data.js';

const universe = realUniverse();
for (let i = 0; i < 150; i++) universe.add({ mint: address(i, 11), pool: address(i, 12), symbol: `B${i}`, priceUsd: 1 + i });
const fake = new BirdeyeRestFake(universe);
let base = '';
const clock = new VirtualClock(Date.UTC(2025, 9, 6));
const clients: BirdeyeRestClient[] = [];
const client = (http: Partial<HttpSettings> = {}, c = clock, cfg: Partial<BirdeyeRestSettings> = {}): BirdeyeRestClient => {
  const b = new BirdeyeRestClient({ baseUrl: base, apiKey: fake.apiKey, requestsPerSecond: 50, ohlcvVersion: 'v3', ...cfg }, { http: testHttp(http), clock: c, random: rng() });
  clients.push(b);
  return b;
};
const reset = (): void => {
  fake.faults = defaultHttpFaults();
  fake.requests.length = 0;
};
const snap = (rs: Array<TokenInfo | PoolSnapshot>, mint: string): PoolSnapshot => rs.find((r): r is PoolSnapshot => r.kind === 'pool' && r.mint === mint)!;

describe('Birdeye REST client against the loopback fake', () => {
  before(async () => {
    base = await fake.start();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('pages v3 token candles forward 1000 at a time and keeps USD volume', async () => {
    reset();
    const all = universe.get(CBRL.mint)!.candles1m.slice(0, 2500);
    const from = all[0].t * 1000;
    const to = (all.at(-1)!.t + 60) * 1000;
    const got = await client().ohlcv(CBRL.mint, { type: '1m', fromMs: from, toMs: to });
    assert.deepEqual(got.map((c) => c.start), all.map((c) => c.t * 1000));
    assert.deepEqual(got.map((c) => c.volumeUsd), all.map((c) => c.v));
    assert.equal(fake.seen('ohlcv_v3').length, 3);
    const req = fake.seen('ohlcv_v3')[0];
    assert.equal(req.headers['x-api-key'], fake.apiKey);
    assert.equal(req.headers['x-chain'], 'solana');
    assert.equal(req.query.get('time_from'), String(all[0].t));
  });

  it('reads v1 pool candles (unixTime, token-unit volume) as USD candles of the pool', needsShared(), async () => {
    reset();
    const real = rollUp(universe.get(BUTTERFLY.mint)!.candles1m, 900).slice(0, 40);
    const got = await client().ohlcv(BUTTERFLY.pool, { type: '15m', fromMs: real[0].t * 1000, toMs: (real.at(-1)!.t + 900) * 1000, pair: true, version: 'v1' });
    assert.equal(got.length, 40);
    assert.ok(got.every((c, i) => c.pool === BUTTERFLY.pool && c.mint === null && Math.abs(c.volumeUsd - real[i].v) < 1e-6 * Math.max(1, real[i].v)));
    assert.equal(fake.seen('ohlcv_v1_pair').length, 1);
  });

  it('batches 150 prices into POSTs of 100 and 50; unknown mints are absent', async () => {
    reset();
    const mints = [...Array.from({ length: 150 }, (_, i) => address(i, 11)), address(999, 11)];
    const c = client();
    const got = await Promise.all(mints.map((m) => c.batchedPrice(m)));
    assert.deepEqual(got.slice(0, 150).map((p) => p!.priceUsd), mints.slice(0, 150).map((m) => universe.get(m)!.priceUsd));
    assert.equal(got[150], undefined);
    const calls = fake.seen('multi_price');
    assert.deepEqual(calls.map((r) => r.method), ['POST', 'POST']);
    assert.deepEqual(calls.map((r) => (JSON.parse(r.body) as { list_address: string }).list_address.split(',').length).sort(), [100, 51]);
  });

  it('reads a single price with liquidity, and none for an unknown mint', needsShared(), async () => {
    reset();
    const c = client();
    const p = await c.price(CBRL.mint);
    assert.equal(p!.priceUsd, universe.get(CBRL.mint)!.priceUsd);
    assert.equal(p!.liquidityUsd, 120_000);
    assert.equal(p!.ts, universe.get(CBRL.mint)!.candles1m.at(-1)!.t * 1000);
    assert.equal(await c.price(address(4242, 11)), undefined);
    fake.faults.dropOptional = true;
    assert.equal((await c.price(BUTTERFLY.mint))!.liquidityUsd, null);
  });

  it('reads marketCap, or mc from the older overview shape', async () => {
    reset();
    const c = client();
    const t = universe.get(CBRL.mint)!;
    assert.equal(snap(await c.overview(CBRL.mint), CBRL.mint).marketCapUsd, t.marketCapUsd);
    fake.legacyOverview = true;
    try {
      const out = await client().overview(CBRL.mint);
      assert.equal(snap(out, CBRL.mint).marketCapUsd, t.marketCapUsd);
      assert.equal(out.find((r): r is TokenInfo => r.kind === 'token')!.holderCount, t.holderCount);
    } finally {
      fake.legacyOverview = false;
    }
  });

  it('turns token_security fractions into percents', needsShared(), async () => {
    reset();
    const risky = universe.add({ mint: address(77, 13), pool: address(77, 14), freezeAuthority: address(5, 5), topHoldersPct: 61 });
    const s = await client().security(risky.mint);
    assert.equal(s!.top10HolderPct, 61);
    assert.equal(s!.freezeAuthority, risky.freezeAuthority);
    assert.equal(s!.freezeable, true);
  });

  for (const version of ['v1', 'v3'] as const) {
    it(`prices ${version} trades from the leg amounts even when base is SOL`, needsShared(), async () => {
      reset();
      const { trades, hasNext } = await client().trades(CBRL.mint, { version, limit: 50 });
      const newest = [...universe.get(CBRL.mint)!.trades].reverse().slice(0, 50);
      const byHash = new Map(newest.map((x) => [x.txHash, x]));
      assert.equal(trades.length, 50);
      assert.equal(hasNext, true);
      for (const t of trades) {
        const real = byHash.get(t.id!.replace(/:2:0$/, ''))!;
        assert.equal(t.ts, real.ts * 1000);
        assert.equal(t.side, real.side);
        assert.ok(Math.abs(t.volumeUsd - real.volumeUsd) < 1e-9 * real.volumeUsd, `${t.volumeUsd} vs ${real.volumeUsd}`);
        assert.ok(Math.abs(t.priceUsd - real.priceUsd) < 1e-9 * real.priceUsd, `${t.priceUsd} vs ${real.priceUsd}`);
        assert.equal(t.pool, CBRL.pool);
      }
      assert.ok(trades.every((t, i) => i === 0 || trades[i - 1].ts <= t.ts), 'oldest first');
      assert.equal(trades[0].id!.endsWith(':2:0'), version === 'v3', 'v3 names the instruction and inner instruction');
    });
  }

  it('asks new_listing for 1..10 items whatever the caller wants (the API refuses more)', async () => {
    reset();
    const c = client();
    for (const asked of [50, 10, 0, -3, 2.7, Number.NaN]) await c.newListings(asked);
    assert.deepEqual(fake.seen('new_listing').map((r) => Number(r.query.get('limit'))), [10, 10, 1, 1, 2, 10]);
    assert.ok(fake.seen('new_listing').every((r) => r.status === 200), 'never refused');
    assert.equal((await c.newListings()).filter((r) => r.kind === 'token').length, 10, 'default: the most the API gives');
  });

  it('parses new listings with ISO-like or seconds liquidityAddedAt, and trending marketcap', async () => {
    reset();
    const c = client();
    const newest = [...universe.list()].sort((a, b) => b.pairCreatedAtMs - a.pairCreatedAtMs)[0];
    const iso = snap(await c.newListings(5), newest.mint);
    fake.listingTimeAsSeconds = true;
    const secs = snap(await c.newListings(5), newest.mint);
    fake.listingTimeAsSeconds = false;
    const created = Math.floor(newest.pairCreatedAtMs / 1000) * 1000;
    assert.equal(iso.createdAt, created);
    assert.equal(secs.createdAt, created);
    const trending = await c.trending({ limit: 20 });
    const top = [...universe.list()].sort((a, b) => b.volume24hUsd - a.volume24hUsd)[0];
    assert.equal(snap(trending, top.mint).marketCapUsd, top.marketCapUsd);
  });

  it('rejects a wrong key once, naming BIRDEYE_API_KEY but never the key', async () => {
    reset();
    const c = client({}, clock, { apiKey: 'not-the-right-key-0001' });
    const err = (await c.price(CBRL.mint).catch((e: unknown) => e)) as { code: string; message: string };
    assert.equal(err.code, 'BIRDEYE_AUTH_REJECTED');
    assert.match(err.message, /BIRDEYE_API_KEY rejected/);
    assert.doesNotMatch(err.message + JSON.stringify(c.status), /not-the-right-key-0001/);
    assert.equal(fake.requests.length, 1);
  });

  it('refuses to start without a key', () => {
    assert.throws(() => client({}, clock, { apiKey: '' }), { code: 'BIRDEYE_INVALID_REQUEST' });
  });

  it('refuses an interval it cannot express without a request', async () => {
    reset();
    assert.equal(await codeOf(client().ohlcv(CBRL.mint, { type: '1M', fromMs: 0, toMs: 1 })), 'BIRDEYE_INVALID_REQUEST');
    assert.equal(fake.requests.length, 0);
  });

  describe('HTTP rules', () => {
    itConformsToHttpRules(
      { prefix: 'BIRDEYE', fake: () => fake, client: (h, c) => client(h, c), call: (c) => c.multiPrice([CBRL.mint]), route: 'multi_price', authStatus: 401, keyed: true },
      clock,
    );
  });
});
