import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { VirtualClock } from '../../../src/clock/clock.js';
import { DexScreenerClient } from '../../../src/sources/dexscreener/client.js';
import { BirdeyeRestClient } from '../../../src/sources/birdeye/rest-client.js';
import type { SourceStatus } from '../../../src/domain/status.js';
import { DexScreenerFake } from '../../fakes/dexscreener.js';
import { BirdeyeRestFake } from '../../fakes/birdeye-rest.js';
import { CBRL, Universe } from '../../fakes/universe.js';
import { codeOf, rng, testHttp } from './helpers.js';

// The HTTP clients meet the recorded refusals through their loopback fakes: a Cloudflare challenge on one
// DexScreener endpoint blocks that endpoint only; a key the user gave is fatal only when the key is refused.

const clock = new VirtualClock(1_760_000_000_000);
const http = testHttp({ blockedMinMs: 120_000, blockedJitterPct: 0 });
// A market without candles: these tests are about refusals, and run on a clone without ../shared.
const market = (): Universe => {
  const u = new Universe();
  u.add({ mint: CBRL.mint, pool: CBRL.pool, symbol: 'CBRL', name: 'Cracker Barrel', priceUsd: 0.0003 });
  return u;
};

describe('refusals through the HTTP clients', () => {
  const dexFake = new DexScreenerFake(market());
  const birdFake = new BirdeyeRestFake(market());
  let dex: DexScreenerClient;
  let bird: BirdeyeRestClient;
  before(async () => {
    dex = new DexScreenerClient({ baseUrl: await dexFake.start(), pairsPerMinute: 300, profilesPerMinute: 60 }, { http, clock, random: rng() });
    bird = new BirdeyeRestClient({ baseUrl: await birdFake.start(), apiKey: birdFake.apiKey, requestsPerSecond: 50, ohlcvVersion: 'v3' }, { http, clock, random: rng() });
  });
  after(async () => {
    await Promise.all([dex.close(), bird.close()]);
    await Promise.all([dexFake.stop(), birdFake.stop()]);
  });

  it('a challenge on /token-boosts/top/v1 blocks that endpoint; the other endpoints keep answering; it is ok again after the wait', async () => {
    const seen: SourceStatus[] = [];
    const sub = dex.status$.subscribe((s) => seen.push(s));
    dexFake.challenge('boosts_top');
    const err = (await dex.boostsTop().then(() => null, (e: unknown) => e)) as { code: string; kind: string; reason: string };
    assert.equal(err.code, 'DEXSCREENER_BLOCKED');
    assert.notEqual(err.kind, 'fatal');
    assert.equal(err.reason, 'Cloudflare challenge');
    assert.ok((await dex.tokens([CBRL.mint])).length > 0, 'pair snapshots still come');
    assert.ok((await dex.profiles()).length > 0, 'the same rate class still answers');
    const blocked = seen.filter((s) => s.state === 'blocked');
    assert.deepEqual(blocked.map((s) => [s.endpoint, s.detail, s.nextAttemptAt]), [['boosts_top', 'Cloudflare challenge', clock.now() + 120_000]]);
    const last = new Map(seen.map((s) => [s.endpoint, s.state]));
    assert.equal(last.get('boosts_top'), 'blocked');
    assert.equal(last.get('tokens'), 'ok');
    assert.equal(dex.status.state, 'blocked', 'the source as a whole shows its worst endpoint');
    dexFake.refusals.delete('boosts_top');
    clock.advanceTo(clock.now() + 120_000);
    assert.ok((await dex.boostsTop()).length > 0);
    assert.equal(seen.filter((s) => s.endpoint === 'boosts_top').at(-1)!.state, 'ok');
    assert.equal(dex.status.state, 'ok');
    assert.equal(dexFake.seen('boosts_top').length, 2, 'one refused request, one after the wait');
    sub.unsubscribe();
  });

  it('each rate class reports its own budget', () => {
    const rates = dex.status.rates ?? [];
    assert.deepEqual(rates.map((r) => [r.name, r.budgetPerMin]), [['pairs', 300], ['profiles', 60]]);
  });

  it('the user\'s Birdeye key refused with 403 is fatal, in one line naming BIRDEYE_API_KEY and never the key', async () => {
    birdFake.faults.forceStatus = { status: 403, count: 1 };
    const err = (await bird.multiPrice([CBRL.mint]).then(() => null, (e: unknown) => e)) as { code: string; kind: string; message: string };
    assert.equal(err.code, 'BIRDEYE_AUTH_REJECTED');
    assert.equal(err.kind, 'fatal');
    assert.match(err.message, /BIRDEYE_API_KEY/);
    assert.ok(!err.message.includes(birdFake.apiKey));
    assert.equal(err.message.split('\n').length, 1);
  });

  it('a Cloudflare challenge is no verdict on a key: a keyed Birdeye endpoint is blocked, not fatal', async () => {
    birdFake.challenge('multi_price', 1);
    assert.equal(await codeOf(bird.multiPrice([CBRL.mint])), 'BIRDEYE_BLOCKED');
  });

  it('a host that refuses connections is unreachable, with host and cause', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const c = new DexScreenerClient({ baseUrl: `http://127.0.0.1:${port}`, pairsPerMinute: 300, profilesPerMinute: 60 }, { http: testHttp({ retries: 1 }), clock, random: rng() });
    assert.equal(await codeOf(c.tokens([CBRL.mint])), 'HTTP_NETWORK');
    assert.equal(c.status.state, 'unreachable');
    assert.equal(c.status.detail, `127.0.0.1:${port} ECONNREFUSED`);
    await c.close();
  });
});
