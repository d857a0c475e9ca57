import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ATR } from 'trading-signals';
import { atr, trueRange } from '../../src/risk/atr.js';
import { loadNative4h } from '../helpers/gt-csv.js';
import { needsShared } from '../support/shared-data.js';

describe('trueRange', () => {
  it('is the bar range without a previous close and the widest gap with one', () => {
    assert.equal(trueRange(12, 10, null), 2);
    assert.equal(trueRange(12, 10, 15), 5);
    assert.equal(trueRange(12, 10, 8), 4);
    assert.equal(trueRange(12, 10, 11), 2);
  });
});

describe('atr (Wilder)', () => {
  it('is null until the period is full and matches a hand computation after', () => {
    // Period 3. TRs: 2 (first bar: its range), max(3, |13-11|, |10-11|) = 3, max(2, |14-12|, |12-12|) = 2, then 4.
    const bars = [
      { high: 12, low: 10, close: 11 },
      { high: 13, low: 10, close: 12 },
      { high: 14, low: 12, close: 13 },
      { high: 17, low: 13, close: 16 },
    ];
    assert.equal(atr(bars.slice(0, 2), 3), null);
    assert.equal(atr(bars.slice(0, 3), 3), (2 + 3 + 2) / 3);
    assert.equal(atr(bars, 3), ((7 / 3) * 2 + 4) / 3);
  });

  it('agrees with the trading-signals library on the real CBRL 4h candles', needsShared(), () => {
    const bars = loadNative4h();
    const lib = new ATR(14);
    for (const b of bars) lib.update({ high: b.high, low: b.low, close: b.close }, false);
    const ours = atr(bars, 14)!;
    assert.ok(ours > 0);
    assert.ok(Math.abs(Number(lib.getResult()) - ours) / ours < 1e-9, `library ${lib.getResult()} vs ours ${ours}`);
  });
});
