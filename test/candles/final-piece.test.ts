import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFinalPiece, applyPiece, closeTier, forming, newTier, type Tier } from '../../src/candles/tier.js';
import { NumberRing } from '../../src/candles/ring.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../../src/domain/time.js';

// The column path folds a final 1m candle with applyFinalPiece() (no numbers passed) where push() uses
// applyPiece(): both must leave a tier in the same state, bucket by bucket, closes included.

const T0 = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS);

/** Made-up 1m candles with gaps, a few per 5m bucket, over two 4h windows. */
function candles() {
  const out: { start: number; open: number; high: number; low: number; close: number; volumeUsd: number }[] = [];
  let price = 1.25;
  for (let m = 0; m < 480; m += 1 + (m % 7 === 0 ? 6 : m % 3)) {
    const close = price * (1 + ((m % 11) - 5) / 1000);
    out.push({ start: T0 + m * MINUTE_MS, open: price, high: Math.max(price, close) * 1.002, low: Math.min(price, close) * 0.998, close, volumeUsd: 10 + (m % 13) + 0.5 });
    price = close;
  }
  return out;
}

/** Feeds the candles to a tier of `intervalMs`, closing a bucket as the engine does before a later one. */
function feed(intervalMs: number, final: boolean): { closed: unknown[]; last: unknown } {
  const t: Tier = newTier(intervalMs);
  const closed: unknown[] = [];
  for (const c of candles()) {
    if (bucketStart(c.start, intervalMs) > t.start) closed.push({ ...closeTier(t)! });
    if (final) applyFinalPiece(t, c);
    else applyPiece(t, c.start, c, null, false);
  }
  return { closed, last: { ...forming(t)!, closedThrough: t.closedThrough } };
}

describe('applyFinalPiece()', () => {
  for (const [name, ms] of [['1m', MINUTE_MS], ['5m', FIVE_MIN_MS], ['4h', FOUR_HOUR_MS]] as const) {
    it(`leaves a ${name} tier as applyPiece() does, bucket by bucket`, () => {
      const want = feed(ms, false);
      const got = feed(ms, true);
      assert.ok(want.closed.length > (ms === FOUR_HOUR_MS ? 0 : 10));
      assert.deepEqual(got, want);
    });
  }
});

describe('NumberRing.holdsMeanOfLast()', () => {
  it('says whether n values are held and leaves their mean in lastMean, as meanOfLast() answers', () => {
    const r = new NumberRing(5);
    for (let i = 0; i < 8; i++) {
      for (const n of [0, 1, 3, 5, 6]) {
        const want = r.meanOfLast(n);
        assert.equal(r.holdsMeanOfLast(n), want !== null, `push ${i}, n ${n}`);
        if (want !== null) assert.equal(r.lastMean, want);
      }
      r.push(i * 1.5 + 0.25);
    }
  });
});
