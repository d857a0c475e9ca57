import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import { GeckoTerminalClient } from '../../../src/sources/geckoterminal/client.js';
import type { PoolSnapshot, TokenInfo } from '../../../src/domain/market.js';
import { GeckoTerminalFake } from '../../fakes/geckoterminal.js';
import { defaultHttpFaults } from '../../fakes/http-base.js';
import { BUTTERFLY, CBRL, realUniverse, rollUp } from '../../fakes/universe.js';
import { itConformsToHttpRules } from '../http/conformance.js';
import { rng, testHttp } from '../http/helpers.js';
import type { HttpSettings } from '../../../src/sources/http/settings.js';
import { needsShared } from '../../support/shared-data.js';

const universe = realUniverse();
const fake = new GeckoTerminalFake(universe);
let base = '';
const clock = new VirtualClock(Date.UTC(2025, 9, 6));
const clients: GeckoTerminalClient[] = [];
const client = (http: Partial<HttpSettings> = {}, c: VirtualClock = clock): GeckoTerminalClient => {
  const g = new GeckoTerminalClient({ baseUrl: base, requestsPerMinute: 600 }, { http: testHttp(http), clock: c, random: rng() });
  clients.push(g);
  return g;
};
const reset = (): void => {
  fake.faults = defaultHttpFaults();
  fake.requests.length = 0;
};

describe('GeckoTerminal client against the loopback fake', () => {
  before(async () => {
    base = await fake.start();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('reads the newest CBRL 1m candles in ms, ascending, matching the real data', async () => {
    reset();
    const candles = await client().ohlcv(CBRL.pool, { timeframe: 'minute', limit: 100 });
    const real = universe.get(CBRL.mint)!.candles1m.slice(-100);
    assert.equal(candles.length, 100);
    assert.deepEqual(candles.map((c) => c.start), real.map((c) => c.t * 1000));
    assert.deepEqual(candles.map((c) => [c.open, c.high, c.low, c.close, c.volumeUsd]), real.map((c) => [c.o, c.h, c.l, c.c, c.v]));
    assert.ok(candles.every((c) => c.mint === CBRL.mint && c.pool === CBRL.pool && c.intervalMs === 60_000 && c.final));
    const req = fake.seen('ohlcv')[0];
    assert.equal(req.headers.accept, 'application/json;version=20230302');
    assert.equal(req.query.get('currency'), 'usd');
  });

  it('pages back with before_timestamp over a range longer than one page', needsShared(), async () => {
    reset();
    const all = universe.get(BUTTERFLY.mint)!.candles1m;
    const from = all[0].t * 1000;
    const to = (all.at(-1)!.t + 60) * 1000;
    const got = await client().ohlcvRange(BUTTERFLY.pool, 'minute', 1, from, to);
    assert.equal(got.length, all.length);
    assert.deepEqual(got.map((c) => c.close), all.map((c) => c.c));
    assert.equal(fake.seen('ohlcv').length, Math.ceil(all.length / 1000) + (all.length % 1000 === 0 ? 1 : 0));
  });

  it('rolls 5m candles and drops padded empty intervals so they are not taken as trades', async () => {
    reset();
    const c = client();
    const plain = await c.ohlcv(CBRL.pool, { timeframe: 'minute', aggregate: 5, limit: 1000 });
    const padded = await c.ohlcv(CBRL.pool, { timeframe: 'minute', aggregate: 5, limit: 1000, includeEmpty: true });
    const real5 = rollUp(universe.get(CBRL.mint)!.candles1m, 300);
    assert.deepEqual(plain.map((x) => x.start), real5.slice(-1000).map((x) => x.t * 1000));
    assert.ok(padded.length < 1000, 'the padded page held flat rows that were dropped');
    assert.ok(padded.every((x) => x.volumeUsd > 0 || x.open !== x.close || x.high !== x.low));
    assert.equal(fake.seen('ohlcv')[1].query.get('include_empty_intervals'), 'true');
  });

  it('marks a candle still forming at receipt as not final', async () => {
    reset();
    const last = universe.get(CBRL.mint)!.candles1m.at(-1)!;
    const early = new VirtualClock(last.t * 1000 + 30_000);
    const [c] = (await client({}, early).ohlcv(CBRL.pool, { timeframe: 'minute', limit: 1 }));
    assert.equal(c.final, false);
  });

  it('maps token pools with string numerics and solana_ ids, plus included token metadata', async () => {
    reset();
    const out = await client().tokenPools(CBRL.mint);
    const pool = out.find((r): r is PoolSnapshot => r.kind === 'pool')!;
    const token = out.find((r): r is TokenInfo => r.kind === 'token')!;
    const t = universe.get(CBRL.mint)!;
    assert.equal(pool.mint, CBRL.mint);
    assert.equal(pool.pool, CBRL.pool);
    assert.equal(pool.liquidityUsd, t.liquidityUsd);
    assert.equal(pool.volume24hUsd, t.volume24hUsd);
    assert.equal(pool.priceUsd, t.priceUsd);
    assert.equal(pool.createdAt, Math.floor(t.pairCreatedAtMs / 1000) * 1000);
    assert.equal(pool.quoteMint, 'So11111111111111111111111111111111111111112');
    assert.equal(token.symbol, 'CBRL');
    assert.equal(token.decimals, 6);
  });

  it('keeps pools whose optional fields are null', async () => {
    reset();
    fake.faults.dropOptional = true;
    const [pool] = (await client().trendingPools()).filter((r): r is PoolSnapshot => r.kind === 'pool');
    assert.equal(pool.liquidityUsd, null);
    assert.equal(pool.fdvUsd, null);
    assert.equal(pool.buys5m, null);
    assert.ok(pool.volume24hUsd! > 0);
  });

  it('refuses an aggregate the API does not offer, without a request', async () => {
    reset();
    await assert.rejects(client().ohlcv(CBRL.pool, { timeframe: 'hour', aggregate: 2 }), { code: 'GECKOTERMINAL_INVALID_REQUEST' });
    assert.equal(fake.requests.length, 0);
  });

  describe('HTTP rules', () => {
    itConformsToHttpRules(
      { prefix: 'GECKOTERMINAL', fake: () => fake, client: (h, c) => client(h, c), call: (c) => c.newPools(), route: 'new_pools', authStatus: 401, keyed: false },
      clock,
    );
  });
});
