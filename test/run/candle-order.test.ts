import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTokenRec } from '../../src/run/token.js';
import { checkCandleOrder } from '../../src/run/token-dedup.js';
import { FIVE_MIN_MS, MINUTE_MS } from '../../src/domain/time.js';

const T = 1_756_000_800_000;

test('candle order is checked per interval, also when a token\'s candles switch between intervals', () => {
  const rec = newTokenRec('pool:P', null, 14);
  const seq: Array<[number, number]> = [
    [MINUTE_MS, T + MINUTE_MS], [FIVE_MIN_MS, T], [MINUTE_MS, T + MINUTE_MS], [MINUTE_MS, T], [FIVE_MIN_MS, T],
    [MINUTE_MS, T + 2 * MINUTE_MS], [FIVE_MIN_MS, T + FIVE_MIN_MS], [MINUTE_MS, T + 2 * MINUTE_MS], [FIVE_MIN_MS, T], [FIVE_MIN_MS, T + FIVE_MIN_MS],
  ];
  // What each check must say: the last start applied of the same interval decides, whatever came between.
  const last = new Map<number, number>();
  const want = seq.map(([iv, start]) => {
    const prev = last.get(iv) ?? -Infinity;
    if (start === prev) return 'duplicate';
    if (start < prev) return 'late';
    last.set(iv, start);
    return null;
  });
  assert.deepEqual(seq.map(([iv, start]) => checkCandleOrder(rec, iv, start)), want);
  assert.ok(want.includes('duplicate') && want.includes('late') && want.includes(null));
});

test('a token whose candles keep one interval (or that only trades) never makes the per-interval map', () => {
  const rec = newTokenRec('M', 'M', 14);
  assert.equal(rec.lastFinal, null);
  assert.deepEqual([T, T + MINUTE_MS, T + MINUTE_MS, T].map((s) => checkCandleOrder(rec, MINUTE_MS, s)), [null, null, 'duplicate', 'late']);
  assert.equal(rec.lastFinal, null);
  // The first change of interval keeps the old interval's last start in the map, and it still decides.
  assert.equal(checkCandleOrder(rec, FIVE_MIN_MS, T), null);
  assert.deepEqual([...(rec.lastFinal ?? [])], [[MINUTE_MS, T + MINUTE_MS]]);
  assert.equal(checkCandleOrder(rec, MINUTE_MS, T + MINUTE_MS), 'duplicate');
});
