import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../../../src/sources/http/backoff.js';
import { CircuitBreaker } from '../../../src/sources/http/breaker.js';
import { perMinute, perSecond, budgetPerMinute } from '../../../src/sources/http/rate-limiter.js';
import { chunks } from '../../../src/sources/http/batcher.js';
import { inertText } from '../../../src/sources/http/text.js';
import { secondsOrIsoMs } from '../../../src/sources/http/fields.js';
import { seeded } from '../../fakes/http-base.js';

describe('HTTP building blocks', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 0);
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter(['1.5'], now), 1500);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(undefined, now), null);
  });

  it('draws full-jitter delays within [0, min(max, min*2^n)] and caps Retry-After', () => {
    const r = seeded(3);
    for (let n = 0; n < 12; n++) {
      for (let k = 0; k < 50; k++) {
        const d = fullJitterDelay(n, 100, 5000, r);
        assert.ok(d >= 0 && d <= Math.min(5000, 100 * 2 ** n));
      }
    }
    const draws = Array.from({ length: 200 }, () => fullJitterDelay(3, 100, 5000, r));
    assert.ok(Math.min(...draws) < 100 && Math.max(...draws) > 700, 'spread over the whole range');
    assert.equal(retryDelay(0, 90_000, 100, 30_000), 30_000);
    assert.equal(retryDelay(0, 1200, 100, 30_000), 1200);
  });

  it('turns per-minute and per-second budgets into windows', () => {
    assert.deepEqual(perMinute(300), { limit: 300, windowMs: 60_000 });
    assert.deepEqual(perMinute(0.5), { limit: 1, windowMs: 120_000 });
    assert.deepEqual(perSecond(1), { limit: 1, windowMs: 1000 });
    assert.deepEqual(perSecond(15), { limit: 15, windowMs: 1000 });
    assert.equal(budgetPerMinute(perSecond(1)), 60);
  });

  it('breaker: opens after N, one probe when half-open, re-opens on a failed probe', () => {
    let now = 0;
    const b = new CircuitBreaker(2, 1000, () => now);
    b.failure();
    assert.equal(b.allow(), true);
    b.failure();
    assert.equal(b.state, 'open');
    assert.equal(b.allow(), false);
    now = 1000;
    assert.equal(b.allow(), true);
    assert.equal(b.allow(), false, 'only one probe');
    b.failure();
    assert.equal(b.state, 'open');
    now = 2000;
    assert.equal(b.allow(), true);
    b.success();
    assert.equal(b.state, 'closed');
  });

  it('chunks keep order and size', () => {
    assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  });

  it('makes untrusted names inert', () => {
    assert.equal(inertText('\u001b[2J\u001b]0;pwned\u0007CAT\u202eZ\u0000'), 'CATZ');
    assert.equal(inertText('\u0007'), null);
    assert.equal(inertText('x'.repeat(100), 10), 'x'.repeat(9) + '…');
  });

  it('reads seconds or zone-less ISO times as UTC ms', () => {
    assert.equal(secondsOrIsoMs(1760000470), 1760000470000);
    assert.equal(secondsOrIsoMs('2025-10-09T09:01:10'), Date.UTC(2025, 9, 9, 9, 1, 10));
    assert.equal(secondsOrIsoMs('2025-10-09T09:01:10Z'), Date.UTC(2025, 9, 9, 9, 1, 10));
    assert.equal(secondsOrIsoMs('yesterday'), null);
  });
});
