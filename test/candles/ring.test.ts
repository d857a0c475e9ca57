import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NumberRing } from '../../src/candles/ring.js';

/** Real 5m-sized volumes: CBRL's 1m USD volumes from the bundled sample. */
function cbrlVolumes(): number[] {
  const lines = readFileSync(join(process.cwd(), 'samples', 'cbrl-1m.csv'), 'utf8').trim().split('\n');
  const iv = lines[0].split(',').indexOf('volume_usd');
  return lines.slice(1).map((l) => Number(l.split(',')[iv]));
}

/** The definition: the last n pushed values, summed newest first, divided by n. */
function naiveMean(pushed: number[], n: number): number | null {
  if (n <= 0 || n > pushed.length) return null;
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += pushed[pushed.length - i];
  return sum / n;
}

test('meanOfLast equals the newest-first mean of the last n values bit for bit, across wrap-around and repeated reads', () => {
  const vols = cbrlVolumes().slice(0, 500);
  const ring = new NumberRing(60);
  const pushed: number[] = [];
  for (const v of vols) {
    ring.push(v);
    pushed.push(v);
    const held = pushed.slice(-60);
    for (const n of [1, 5, 20, 20, 60, 20]) assert.equal(ring.meanOfLast(n), naiveMean(held, n), `after ${pushed.length} pushes, n=${n}`);
  }
});

test('meanOfLast is null for more values than held or a non-positive n, and a push changes the answer', () => {
  const ring = new NumberRing(4);
  assert.equal(ring.meanOfLast(1), null);
  ring.push(2);
  ring.push(4);
  assert.equal(ring.meanOfLast(3), null);
  assert.equal(ring.meanOfLast(0), null);
  assert.equal(ring.meanOfLast(2), 3);
  ring.push(9);
  assert.equal(ring.meanOfLast(2), 6.5);
  assert.deepEqual(ring.toArray(), [2, 4, 9]);
});

test('a ring never pushed to holds nothing (its buffer is made on the first push)', () => {
  const ring = new NumberRing(60);
  assert.deepEqual(ring.toArray(), []);
  assert.equal(ring.meanOfLast(1), null);
  ring.push(3);
  assert.deepEqual(ring.toArray(), [3]);
  assert.equal(ring.meanOfLast(1), 3);
});

test('holdsMeanOfLast + lastMean is meanOfLast with NaN for null, whichever of the two is asked first after a push', () => {
  const vols = cbrlVolumes().slice(0, 300);
  const ring = new NumberRing(60);
  const pushed: number[] = [];
  for (let i = 0; i < vols.length; i++) {
    ring.push(vols[i]);
    pushed.push(vols[i]);
    for (const n of [0, 1, 20, 60, 61]) {
      // The ring holds its capacity at most: asked for more, it has no mean.
      const want = (n > 60 ? null : naiveMean(pushed, n)) ?? Number.NaN;
      // Alternate which call fills the memo, so each reads the other's memo too.
      const held = () => (ring.holdsMeanOfLast(n) ? ring.lastMean : Number.NaN);
      const [a, b] = i % 2 === 0 ? [held(), ring.meanOfLast(n)] : [ring.meanOfLast(n), held()];
      const viaNaN = i % 2 === 0 ? a : b;
      const viaNull = i % 2 === 0 ? b : a;
      assert.ok(Object.is(viaNaN, want), `n=${n} after ${i + 1} pushes: ${viaNaN} vs ${want}`);
      assert.ok(Object.is(viaNull ?? Number.NaN, want));
    }
  }
});
