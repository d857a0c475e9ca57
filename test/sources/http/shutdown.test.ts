import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import { GeckoTerminalClient } from '../../../src/sources/geckoterminal/client.js';
import { GeckoTerminalFake } from '../../fakes/geckoterminal.js';
import { CBRL, realUniverse } from '../../fakes/universe.js';
import { codeOf, rng, states, testHttp } from './helpers.js';

// Stopping the scanner aborts requests in flight and retries waiting out a backoff. Found by the soak
// test: such a call was reported as "failed: gave up after N retries", a false alarm in the log.
describe('HTTP source shutdown', () => {
  const fake = new GeckoTerminalFake(realUniverse());
  let base = '';
  before(async () => {
    base = await fake.start();
  });
  after(async () => fake.stop());

  for (const [what, faults] of [
    ['waiting out a Retry-After', { burst429: 1, retryAfterShare: 1, retryAfterSeconds: 30 }],
    ['waiting for a slow response', { delayMs: 5_000 }],
  ] as const) {
    it(`rejects a call ${what} with HTTP_ABORTED and does not report the source failed`, async () => {
      Object.assign(fake.faults, { burst429: 0, delayMs: 0 }, faults);
      const abort = new AbortController();
      const c = new GeckoTerminalClient({ baseUrl: base, requestsPerMinute: 600 }, { http: testHttp({ requestTimeoutMs: 10_000, retryMaxMs: 60_000 }), clock: new VirtualClock(0), random: rng(), signal: abort.signal });
      const seen = states(c.status$);
      const call = c.ohlcv(CBRL.pool, { timeframe: 'minute', limit: 10 });
      while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      abort.abort();
      assert.equal(await codeOf(call), 'HTTP_ABORTED');
      assert.ok(!seen.includes('failed'), seen.join(','));
      assert.equal(c.status.counters.errors, 0);
      await c.close();
      fake.requests.length = 0;
    });
  }
});
