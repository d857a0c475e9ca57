import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import { pollTracked } from '../../../src/sources/http/poll.js';
import { DexScreenerClient } from '../../../src/sources/dexscreener/client.js';
import { poolsOf } from '../../../src/sources/dexscreener/parse.js';
import type { PoolSnapshot } from '../../../src/domain/market.js';
import { DexScreenerFake } from '../../fakes/dexscreener.js';
import { Universe } from '../../fakes/universe.js';
import { address, testHttp } from './helpers.js';

const universe = new Universe();
const mints = Array.from({ length: 65 }, (_, i) => address(i, 21));
mints.forEach((m, i) => universe.add({ mint: m, pool: address(i, 22), priceUsd: 1 }));
const fake = new DexScreenerFake(universe);
let client: DexScreenerClient;
const clock = new VirtualClock(1_760_000_000_000);

describe('pollTracked', () => {
  before(async () => {
    client = new DexScreenerClient({ baseUrl: await fake.start(), pairsPerMinute: 300, profilesPerMinute: 60 }, { http: testHttp(), clock });
  });
  after(async () => {
    await client.close();
    await fake.stop();
  });

  it('refreshes 65 tracked tokens with 3 requests per period and keeps going after a failed poll', async () => {
    const got: PoolSnapshot[] = [];
    const settle = async (n: number): Promise<void> => {
      for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    };
    const sub = pollTracked(clock, 30_000, () => mints, async (m) => poolsOf(await client.tokens(m))).subscribe((p) => got.push(p));
    clock.advanceTo(clock.now());
    await settle(65);
    assert.equal(got.length, 65);
    assert.equal(fake.seen('tokens').length, 3);
    fake.faults.forceStatus = { status: 404, count: 3 };
    clock.advanceTo(clock.now() + 30_000);
    await settle(66);
    await new Promise((r) => setTimeout(r, 50));
    clock.advanceTo(clock.now() + 30_000);
    await settle(130);
    sub.unsubscribe();
    assert.equal(got.length, 130, 'the failed poll dropped its records, the next one delivered');
    assert.equal(fake.seen('tokens').length, 9);
  });
});
