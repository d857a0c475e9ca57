import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullJitterDelayMs, retryAfterMs } from '../../../src/sources/ws/backoff.js';
import { nextGrantDelayMs, windowLimitFor } from '../../../src/sources/solana/rate-limiter.js';
import { topHoldersPct } from '../../../src/sources/solana/holders.js';
import { uiAmount } from '../../../src/sources/solana/tx-parse.js';

test('full jitter stays within [0, min(max, min x 2^attempt))', () => {
  assert.equal(fullJitterDelayMs(0, 500, 30_000, () => 0.999), 499);
  assert.equal(fullJitterDelayMs(3, 500, 30_000, () => 0.5), 2000);
  assert.equal(fullJitterDelayMs(20, 500, 30_000, () => 0.999), 29_970);
  assert.equal(fullJitterDelayMs(5, 500, 30_000, () => 0), 0);
});

test('Retry-After in seconds or as an HTTP date', () => {
  assert.equal(retryAfterMs('2', 0), 2000);
  assert.equal(retryAfterMs('0.02', 0), 20);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(retryAfterMs('soon', 0), null);
  assert.equal(retryAfterMs(null, 0), null);
});

test('the sliding window grants up to capacity, then waits for the oldest grant to leave', () => {
  const limit = windowLimitFor(4);
  assert.deepEqual(limit, { capacity: 4, windowMs: 10_000 });
  assert.equal(nextGrantDelayMs([0, 1, 2], 5, limit), 0);
  assert.equal(nextGrantDelayMs([0, 1, 2, 3], 5, limit), 9_995);
  assert.equal(nextGrantDelayMs([0, 1, 2, 3], 10_001, limit), 0);
  assert.deepEqual(windowLimitFor(0.5), { capacity: 1, windowMs: 20_000 });
});

test('top-holder share in bigint: beyond 2^53 and with bad entries', () => {
  assert.equal(topHoldersPct(['500000000000000000', '250000000000000000', 'x'], '1000000000000000000', 10), 75);
  assert.equal(topHoldersPct(['1', '2', '3'], '0', 10), null);
  assert.equal(topHoldersPct(['3', '1', '2'], '10', 2), 50);
});

test('decimals adjustment of raw amounts is exact before the final conversion', () => {
  assert.equal(uiAmount(59023574727001n, 6), 59023574.727001);
  assert.equal(uiAmount(-5n, 9), -0.000000005);
  assert.equal(uiAmount(7n, 0), 7);
});
