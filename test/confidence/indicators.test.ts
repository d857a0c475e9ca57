import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentileRank, rsi, smaSlopePct, stdDev, zScore } from '../../src/confidence/indicators.js';

const near = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${a} vs ${b}`);

test('RSI: only gains is 100, only losses 0, equal gain and loss 50, flat 50', () => {
  near(rsi([1, 2, 3], 2), 100);
  near(rsi([3, 2, 1], 2), 0);
  near(rsi([1, 2, 1], 2), 50);
  near(rsi([2, 2, 2], 2), 50);
});

test('RSI continues with Wilder smoothing after the first period', () => {
  // Seed: gain 0.5, loss 0.5; next change +2: gain (0.5 + 2) / 2 = 1.25, loss 0.25, RS 5.
  near(rsi([1, 2, 1, 3], 2), 100 - 100 / 6);
});

test('RSI needs period + 1 closes', () => {
  assert.equal(rsi([1, 2], 2), null);
});

test('z-score uses the population deviation of the history', () => {
  near(stdDev([1, 2, 3]), Math.sqrt(2 / 3));
  near(zScore(4, [1, 2, 3]), 2 / Math.sqrt(2 / 3));
  assert.equal(zScore(4, [1, 1, 1]), null, 'zero deviation is undefined, not zero');
  assert.equal(zScore(4, [1, 2]), null, 'too short');
});

test('SMA slope compares the last SMA with the one a bar before, percent', () => {
  near(smaSlopePct([1, 2, 3, 4], 3), 50);
  assert.equal(smaSlopePct([1, 2, 3], 3), null);
});

test('percentile rank is the mid-rank share', () => {
  near(percentileRank(3, [1, 2, 3, 4]), 2.5 / 4);
  near(percentileRank(9, [1, 2, 3, 4]), 1);
  near(percentileRank(0, [1, 2, 3, 4]), 0);
  assert.equal(percentileRank(1, [1]), null);
});
