import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import { DexScreenerClient } from '../../../src/sources/dexscreener/client.js';
import type { PoolSnapshot, TokenInfo } from '../../../src/domain/market.js';
import type { BadData } from '../../../src/domain/status.js';
import { DexScreenerFake } from '../../fakes/dexscreener.js';
import { defaultHttpFaults } from '../../fakes/http-base.js';
import { BUTTERFLY, CBRL, realUniverse } from '../../fakes/universe.js';
import { address, codeOf, rng, states, testHttp } from '../http/helpers.js';
import type { HttpSettings } from '../../../src/sources/http/settings.js';
import { needsShared } from '../../support/shared-data.js';

const universe = realUniverse();
for (let i = 0; i < 70; i++) universe.add({ mint: address(i), pool: address(i, 99), symbol: `T${i}`, name: `Token ${i}`, priceUsd: 0.001 * (i + 1) });
const fake = new DexScreenerFake(universe);
let base = '';
const clock = new VirtualClock(1_760_000_000_000);
const clients: DexScreenerClient[] = [];
const client = (http: Partial<HttpSettings> = {}): DexScreenerClient => {
  const c = new DexScreenerClient({ baseUrl: base, pairsPerMinute: 300, profilesPerMinute: 60 }, { http: testHttp(http), clock, random: rng() });
  clients.push(c);
  return c;
};
const pools = (rs: Array<PoolSnapshot | TokenInfo>): PoolSnapshot[] => rs.filter((r): r is PoolSnapshot => r.kind === 'pool');

describe('DexScreener client against the loopback fake', () => {
  before(async () => {
    base = await fake.start();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });
  beforeEach(() => {
    fake.faults = defaultHttpFaults();
    fake.requests.length = 0;
    fake.hits.clear();
  });

  it('maps pairs of real tokens to pool snapshots and token records', needsShared(), async () => {
    const c = client();
    const out = await c.tokens([CBRL.mint, BUTTERFLY.mint]);
    const cbrl = pools(out).find((p) => p.mint === CBRL.mint)!;
    const t = universe.get(CBRL.mint)!;
    assert.equal(cbrl.pool, CBRL.pool);
    assert.equal(cbrl.priceUsd, t.candles1m.at(-1)!.c);
    assert.equal(cbrl.liquidityUsd, 120_000);
    assert.equal(cbrl.createdAt, t.pairCreatedAtMs);
    assert.equal(cbrl.knownAt, clock.now());
    assert.equal(cbrl.source, 'dexscreener');
    assert.equal(cbrl.buys24h, t.buys24h);
    assert.ok(Math.abs(cbrl.quoteReserve! * universe.solPriceUsd - 60_000) < 1e-6);
    const token = out.find((r): r is TokenInfo => r.kind === 'token' && r.mint === CBRL.mint)!;
    assert.equal(token.symbol, 'CBRL');
    assert.equal(fake.seen('tokens').length, 1);
    assert.equal(fake.seen('tokens')[0].path, `/tokens/v1/solana/${CBRL.mint},${BUTTERFLY.mint}`);
    assert.equal(c.status.state, 'ok');
  });

  it('keeps records whose optional fields are absent, with nulls and no bad data', async () => {
    const c = client();
    const bad: BadData[] = [];
    c.badData$.subscribe((b) => bad.push(b));
    fake.faults.dropOptional = true;
    const [p] = pools(await c.tokens([CBRL.mint]));
    assert.equal(p.priceUsd, null);
    assert.equal(p.liquidityUsd, null);
    assert.equal(p.createdAt, null);
    assert.equal(p.volume24hUsd, universe.get(CBRL.mint)!.volume24hUsd);
    assert.deepEqual(bad, []);
  });

  it('answers null pairs from /latest/dex with an empty list', async () => {
    const out = await client().latestTokens([address(5000)]);
    assert.deepEqual(out, []);
    assert.equal(fake.seen('latest_tokens').length, 1);
  });

  it('waits the Retry-After of a 429 before retrying, then succeeds', async () => {
    const c = client({ retryMaxMs: 5000 });
    Object.assign(fake.faults, { burst429: 1, retryAfterShare: 1, retryAfterSeconds: 1 });
    const out = await c.pairs([CBRL.pool]);
    assert.equal(pools(out)[0].mint, CBRL.mint);
    const seen = fake.seen('pairs');
    assert.equal(seen.length, 2);
    assert.equal(seen[0].status, 429);
    assert.ok(seen[1].at - seen[0].at >= 995, `retried after ${seen[1].at - seen[0].at} ms`);
    assert.equal(c.status.counters.rateLimited, 1);
  });

  it('retries a plain-text 429 without Retry-After with backoff', async () => {
    const c = client();
    fake.faults.burst429 = 2;
    await c.search('CBRL');
    assert.deepEqual(fake.seen('search').map((r) => r.status), [429, 429, 200]);
    assert.equal(c.status.counters.retries, 2);
  });

  it('treats a keyless 403 as blocked, not fatal: one request, no retries', async () => {
    const c = client();
    const seen = states(c.status$);
    fake.faults.forceStatus = { status: 403, count: 10 };
    const err = (await c.tokens([CBRL.mint]).then(() => null, (e: unknown) => e)) as { code: string; kind: string };
    assert.equal(err.code, 'DEXSCREENER_BLOCKED');
    assert.notEqual(err.kind, 'fatal');
    assert.equal(fake.requests.length, 1);
    assert.equal(c.status.state, 'blocked');
    assert.ok(seen.includes('blocked'));
  });

  it('retries 5xx bursts and succeeds', async () => {
    const c = client();
    fake.faults.burst5xx = 2;
    await c.tokens([CBRL.mint]);
    assert.equal(fake.requests.length, 3);
    assert.equal(c.status.counters.retries, 2);
    assert.equal(c.status.state, 'ok');
  });

  it('reports a timeout after bounded retries', async () => {
    const c = client({ requestTimeoutMs: 120, retries: 1 });
    fake.faults.delayMs = 400;
    assert.equal(await codeOf(c.tokens([CBRL.mint])), 'HTTP_TIMEOUT');
    assert.equal(fake.requests.length, 2);
    assert.equal(c.status.state, 'failed');
    assert.equal(c.status.counters.errors, 1);
  });

  it('counts a malformed body as bad data and rejects the call', async () => {
    const c = client();
    const bad: BadData[] = [];
    c.badData$.subscribe((b) => bad.push(b));
    fake.faults.rateMalformed = 1;
    assert.equal(await codeOf(c.tokens([CBRL.mint])), 'DEXSCREENER_BAD_PAYLOAD');
    assert.equal(bad.length, 1);
    assert.equal(bad[0].field, 'body');
    assert.equal(bad[0].endpoint, 'tokens');
    assert.equal(c.status.counters.badPayloads, 1);
  });

  it('drops only the record with a missing required field', async () => {
    const c = client();
    const bad: BadData[] = [];
    c.badData$.subscribe((b) => bad.push(b));
    const broken = universe.add({ mint: address(9001), pool: '', symbol: 'BRK' });
    try {
      const out = pools(await c.tokens([CBRL.mint, broken.mint]));
      assert.deepEqual(out.map((p) => p.mint), [CBRL.mint]);
      assert.equal(bad.length, 1);
      assert.equal(bad[0].field, 'body[1].pairAddress');
    } finally {
      universe.tokens.delete(broken.mint);
    }
  });

  it('opens the circuit after N failures and closes it after a successful probe', needsShared(), async () => {
    const c = client({ retries: 0, breakerFailures: 3, breakerCooldownMs: 10_000 });
    const seen = states(c.status$);
    fake.faults.burst5xx = 3;
    for (let i = 0; i < 3; i++) assert.equal(await codeOf(c.tokens([CBRL.mint])), 'DEXSCREENER_UPSTREAM_ERROR');
    assert.equal(await codeOf(c.tokens([CBRL.mint])), 'DEXSCREENER_CIRCUIT_OPEN');
    assert.equal(fake.requests.length, 3, 'an open circuit sends nothing');
    assert.ok(seen.includes('circuit_open'));
    clock.advanceTo(clock.now() + 10_000);
    assert.equal(pools(await c.tokens([CBRL.mint])).length, 1);
    assert.equal(fake.requests.length, 4);
    assert.equal(c.status.state, 'ok');
    await c.tokens([BUTTERFLY.mint]);
    assert.equal(fake.requests.length, 5, 'closed again: requests flow');
  });

  it('shares one request between concurrent identical calls', async () => {
    const c = client();
    const [a, b] = await Promise.all([c.tokens([CBRL.mint]), c.tokens([CBRL.mint])]);
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(a, b);
  });

  it('batches 65 mints into 3 calls of at most 30', async () => {
    const c = client();
    const mints = Array.from({ length: 65 }, (_, i) => address(i));
    const out = pools(await c.tokens(mints));
    assert.equal(out.length, 65);
    assert.deepEqual(fake.seen('tokens').map((r) => r.path.split('/').at(-1)!.split(',').length).sort(), [30, 30, 5]);
  });

  it('collects 65 single-mint lookups into 3 batched calls', async () => {
    const c = client();
    const mints = Array.from({ length: 65 }, (_, i) => address(i));
    const best = await Promise.all(mints.map((m) => c.bestPool(m)));
    assert.equal(fake.seen('tokens').length, 3);
    assert.deepEqual(best.map((p) => p?.mint), mints);
    assert.equal(await c.bestPool(address(7777)), undefined);
  });

  it('lists boosted and profiled tokens as discoveries', async () => {
    const c = client();
    fake.boosted = [CBRL.mint];
    const [boosts, profiles] = await Promise.all([c.boostsTop(), c.profiles()]);
    fake.boosted = null;
    assert.deepEqual(boosts.map((d) => [d.mint, d.feed]), [[CBRL.mint, 'boost_top']]);
    assert.deepEqual(profiles.map((d) => d.mint), [CBRL.mint]);
  });

  it('refuses to put a non-address into the request path', async () => {
    assert.equal(await codeOf(client().tokens(['../../etc'])), 'DEXSCREENER_INVALID_REQUEST');
    assert.equal(fake.requests.length, 0);
  });
});
