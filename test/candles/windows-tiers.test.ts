// Which tiers an input feeds: a trade all three, a candle those its interval divides; computed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWindows, tiersFor } from '../../src/candles/windows.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';

test('tiersFor: a trade feeds 1m, 5m and 4h; a candle the tiers its interval divides; each answer is made once', () => {
  const w = newWindows(14);
  const ivs = (xs: Array<{ intervalMs: number }>) => xs.map((t) => t.intervalMs);
  const trade = tiersFor(w, 0);
  assert.deepEqual(ivs(trade), [MINUTE_MS, FIVE_MIN_MS, FOUR_HOUR_MS]);
  assert.equal(tiersFor(w, 0), trade, 'the same array again');
  // A trade-only token makes no per-interval map.
  assert.equal(w.tierCache, null);
  assert.deepEqual(ivs(tiersFor(w, MINUTE_MS)), [MINUTE_MS, FIVE_MIN_MS, FOUR_HOUR_MS]);
  assert.deepEqual(ivs(tiersFor(w, FIVE_MIN_MS)), [FIVE_MIN_MS, FOUR_HOUR_MS]);
  assert.deepEqual(ivs(tiersFor(w, FOUR_HOUR_MS)), [FOUR_HOUR_MS]);
  assert.deepEqual(ivs(tiersFor(w, 2 * MINUTE_MS)), [FOUR_HOUR_MS]);
  assert.deepEqual(ivs(tiersFor(w, 7 * MINUTE_MS)), []);
  assert.equal(tiersFor(w, FIVE_MIN_MS), tiersFor(w, FIVE_MIN_MS));
  assert.equal(tiersFor(w, 0), trade, 'candles do not change what a trade feeds');
  assert.equal(trade[0], w.t1m);
});
