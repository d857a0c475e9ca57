import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPiece, closeTier, forming, isLate, newTier } from '../../src/candles/tier.js';
import { FIVE_MIN_MS, bucketStart } from '../../src/domain/time.js';

const T0 = 1_756_000_800_000; // aligned to 5m
const p = (o: number, h: number, l: number, c: number, v: number) => ({ open: o, high: h, low: l, close: c, volumeUsd: v });

describe('bucketStart', () => {
  const cases: Array<[number, number, number]> = [
    [T0, FIVE_MIN_MS, T0],
    [T0 + 1, FIVE_MIN_MS, T0],
    [T0 + FIVE_MIN_MS - 1, FIVE_MIN_MS, T0],
    [T0 + FIVE_MIN_MS, FIVE_MIN_MS, T0 + FIVE_MIN_MS],
    [1755734400000 + 3 * 3_600_000, 4 * 3_600_000, 1755734400000],
  ];
  for (const [ts, ms, want] of cases) it(`floors ${ts} to ${want} for ${ms} ms buckets`, () => assert.equal(bucketStart(ts, ms), want));
});

describe('tier', () => {
  it('keeps the first piece as open and folds high, low, close and volume', () => {
    const t = newTier(FIVE_MIN_MS);
    applyPiece(t, T0, p(10, 12, 9, 11, 5), null, false);
    applyPiece(t, T0 + 60_000, p(11, 15, 10, 14, 7), null, false);
    assert.deepEqual(forming(t), { start: T0, intervalMs: FIVE_MIN_MS, open: 10, high: 15, low: 9, close: 14, volumeUsd: 12 });
  });

  it('replaces a provisional piece with the same key instead of adding to it', () => {
    const t = newTier(FIVE_MIN_MS);
    applyPiece(t, T0, p(10, 11, 10, 11, 1), 'k1', true);
    applyPiece(t, T0, p(10, 13, 9, 12, 4), 'k1', true);
    assert.equal(forming(t)!.volumeUsd, 4);
    applyPiece(t, T0 + 60_000, p(12, 12, 12, 12, 2), 'k2', true);
    assert.deepEqual(forming(t), { start: T0, intervalMs: FIVE_MIN_MS, open: 10, high: 13, low: 9, close: 12, volumeUsd: 6 });
  });

  it('lets a final candle supersede the provisional one with its key', () => {
    const t = newTier(FIVE_MIN_MS);
    applyPiece(t, T0, p(10, 11, 10, 11, 1), 'k1', true);
    applyPiece(t, T0, p(10, 12, 10, 11.5, 3), 'k1', false);
    assert.equal(forming(t)!.volumeUsd, 3);
  });

  it('closes exactly once and then reports pieces of the closed bucket as late', () => {
    const t = newTier(FIVE_MIN_MS);
    applyPiece(t, T0, p(1, 1, 1, 1, 1), null, false);
    const bar = closeTier(t);
    assert.equal(bar!.start, T0);
    assert.equal(closeTier(t), null);
    assert.equal(isLate(t, T0 + 10), true);
    assert.equal(isLate(t, T0 + FIVE_MIN_MS), false);
  });
});
