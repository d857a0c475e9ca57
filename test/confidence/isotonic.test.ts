import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isotonicFit, mergeSmallBlocks, predictStep, toStepFunction, IsotonicInputError } from '../../src/confidence/isotonic.js';

const values = (xs: number[], ys: number[], ws?: number[]) => {
  const blocks = isotonicFit(xs, ys, ws);
  return xs.map((x) => blocks.find((b) => x >= b.xMin && x <= b.xMax)!.value);
};
const close = (a: number[], b: number[]) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-12, `${a} vs ${b}`));

test('already monotone input is returned unchanged, one block per point', () => {
  const blocks = isotonicFit([1, 2, 3], [0, 0.5, 1]);
  assert.equal(blocks.length, 3);
  close(blocks.map((b) => b.value), [0, 0.5, 1]);
});

test('fully reversed input pools into a single block at the mean', () => {
  const blocks = isotonicFit([1, 2, 3, 4], [1, 1, 0, 0]);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0].value, 0.5);
  assert.equal(blocks[0].count, 4);
  assert.deepEqual([blocks[0].xMin, blocks[0].xMax], [1, 4]);
});

test('textbook case pools each adjacent violation', () => {
  close(values([1, 2, 3, 4, 5, 6], [1, 3, 2, 4, 3, 5]), [1, 2.5, 2.5, 3.5, 3.5, 5]);
});

test('ties share one fitted value whatever their order in the input', () => {
  close(values([2, 1, 2, 3], [0, 0, 1, 1]), [0.5, 0, 0.5, 1]);
  // A tie block at x=1 (mean 0.5) above a later 0 pools with it: (0.5*2 + 0) / 3.
  const blocks = isotonicFit([1, 1, 2], [1, 0, 0]);
  assert.equal(blocks.length, 1);
  assert.ok(Math.abs(blocks[0].value - 1 / 3) < 1e-12);
});

test('a single class gives a flat function at that class', () => {
  assert.deepEqual(toStepFunction(isotonicFit([5, 1, 3], [0, 0, 0])), { thresholds: [1], values: [0], counts: [3] });
  assert.deepEqual(toStepFunction(isotonicFit([5, 1, 3], [1, 1, 1])), { thresholds: [1], values: [1], counts: [3] });
});

test('weights pull the pooled value toward the heavier sample; zero weight is ignored', () => {
  const blocks = isotonicFit([1, 2], [1, 0], [3, 1]);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0].value, 0.75);
  // The zero-weight 0 at x=3 would otherwise pool with the 1 at x=2.
  close(isotonicFit([1, 2, 3], [0, 1, 0], [1, 1, 0]).map((b) => b.value), [0, 1]);
});

test('output is non-decreasing and preserves the weighted sum on a pseudo-random input', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const xs = Array.from({ length: 500 }, () => Math.round(rnd() * 100));
  const ys: number[] = xs.map((x) => (rnd() < x / 100 ? 1 : 0));
  const ws = xs.map(() => 0.5 + rnd());
  const blocks = isotonicFit(xs, ys, ws);
  for (let i = 1; i < blocks.length; i++) {
    assert.ok(blocks[i].value >= blocks[i - 1].value, 'non-decreasing');
    assert.ok(blocks[i].xMin > blocks[i - 1].xMax);
  }
  const total = ys.reduce((s, y, i) => s + y * ws[i], 0);
  const fitted = blocks.reduce((s, b) => s + b.value * b.weight, 0);
  assert.ok(Math.abs(total - fitted) < 1e-9);
  assert.equal(blocks.reduce((s, b) => s + b.count, 0), 500);
});

test('predictStep is a right-continuous step: lower value until the next threshold', () => {
  const fn = { thresholds: [0, 50], values: [0.2, 0.6], counts: [3, 4] };
  assert.equal(predictStep(fn, -5), 0.2);
  assert.equal(predictStep(fn, 49.9), 0.2);
  assert.equal(predictStep(fn, 50), 0.6);
  assert.equal(predictStep(fn, 100), 0.6);
  assert.equal(predictStep({ thresholds: [], values: [], counts: [] }, 3), null);
});

test('mismatched or non-finite input is refused with a stable code', () => {
  assert.throws(() => isotonicFit([1, 2], [1]), (e: unknown) => e instanceof IsotonicInputError && e.code === 'ISOTONIC_INPUT_INVALID');
  assert.throws(() => isotonicFit([1, NaN], [1, 0]), IsotonicInputError);
  assert.throws(() => isotonicFit([1, 2], [1, 0], [1, -1]), IsotonicInputError);
});

test('small blocks merge into the neighbour closer in value and the result stays monotone', () => {
  const blocks = isotonicFit([1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 1, 0, 1, 1]);
  // PAV: [0 x3] [0.5 x2] [1 x2]; with min 3 the top block (1, two samples) joins the 0.5 block.
  const merged = mergeSmallBlocks(blocks, 3);
  assert.deepEqual(merged.map((b) => [b.value, b.count]), [[0, 3], [0.75, 4]]);
  assert.deepEqual(mergeSmallBlocks(blocks, 1).map((b) => b.value), [0, 0.5, 1]);
  assert.equal(mergeSmallBlocks(blocks, 100).length, 1);
});
