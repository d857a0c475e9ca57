import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SlidingWindowLimiter } from '../../../src/sources/http/rate-limiter.js';
import { floodLimitedFake, maxInAnyWindow } from './limit-flood.js';

// Counts, never achieved rates: a rate measured in real time depends on the machine's load (it is a figure
// of `npm run bench -- ratelimit`). The pace of the limiter is checked on virtual time (mocked timers).

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('sliding-window limiter on virtual time', () => {
  it('grants the limit per window from each response, and no more, in full windows back to back', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const LIMIT = 250;
    const WINDOW = 1000;
    const LATENCY = 7;
    let now = 0;
    const limiter = new SlidingWindowLimiter({ limit: LIMIT, windowMs: WINDOW }, 0, () => now);
    const grants: number[] = [];
    const responses: number[] = [];
    const all = Promise.all(Array.from({ length: 1000 }, () => limiter.acquire().then((done) => {
      grants.push(now);
      // The response arrives LATENCY ms after the grant; its slot's window starts then.
      setTimeout(() => (responses.push(now), done()), LATENCY);
    })));
    let settled = false;
    void all.then(() => (settled = true));
    for (let step = 0; !settled && step < 10_000; step++) {
      await flush();
      now += 1;
      t.mock.timers.tick(1);
    }
    assert.ok(settled, 'every request was granted');
    assert.equal(grants.length, 1000);
    // As the provider sees it: never more than LIMIT requests answered within any window.
    responses.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < responses.length; i++) {
      while (responses[i] - responses[j] >= WINDOW) j++;
      assert.ok(i - j + 1 <= LIMIT, `${i - j + 1} responses within ${WINDOW} ms at ${responses[i]}`);
    }
    // And no slower than that: four bursts of LIMIT, each one window (+ latency, + 1 ms rounding) after the last.
    const bursts = [...new Set(grants)];
    assert.equal(bursts.length, 4, `grant times ${bursts.join(',')}`);
    assert.deepEqual(bursts.map((b) => grants.filter((g) => g === b).length), [LIMIT, LIMIT, LIMIT, LIMIT]);
    for (let k = 1; k < bursts.length; k++) assert.ok(bursts[k] - bursts[k - 1] <= WINDOW + LATENCY + 2, `burst ${k} at ${bursts[k]}`);
  });
});

describe('client-side rate limiter against a fake that enforces its published limit', () => {
  it('sends 1,000 requests with zero 429s and never more than the limit in any window', async () => {
    const LIMIT = 250;
    const WINDOW = 1000;
    const { times, limited } = await floodLimitedFake(LIMIT, WINDOW, 1000);
    assert.equal(times.length, 1000);
    assert.equal(limited, 0, 'no request earned a 429');
    const most = maxInAnyWindow(times, WINDOW);
    assert.ok(most <= LIMIT, `${most} requests within ${WINDOW} ms`);
  });
});
