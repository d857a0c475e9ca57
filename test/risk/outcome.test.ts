import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTracker, realisedR, timeoutTracker, trackPrice } from '../../src/risk/outcome.js';
import type { Ladder } from '../../src/domain/signals.js';

const ladder: Ladder = { entry: 100, sl: 94, tp: [109, 118, 130], atr: 4, r: 6, slMode: 'atr', breakevenAfterTp1: true };
const mk = () => newTracker('s1', 'ignition', 'mint', 'mint', null, 0, 1000, ladder);

describe('outcome tracking', () => {
  it('ends at the stop before any target: SL, -1R', () => {
    const t = mk();
    assert.equal(trackPrice(t, 105, 99, 100, 10), null);
    const o = trackPrice(t, 101, 93, 95, 20)!;
    assert.equal(o.result, 'SL');
    assert.equal(o.exit, 'stop');
    assert.equal(o.rMultiple, -1);
    assert.equal(o.mfePct, 5);
    assert.ok(Math.abs(o.maePct + 7) < 1e-9);
  });

  it('moves the stop to breakeven after TP1', () => {
    const t = mk();
    assert.equal(trackPrice(t, 110, 101, 108, 10), null);
    const o = trackPrice(t, 108, 99.5, 100, 20)!;
    assert.deepEqual([o.result, o.exit, o.exitPrice], ['TP1', 'breakeven', 100]);
    assert.equal(o.rMultiple, 0.5);
  });

  it('checks the stop before the targets inside one range (conservative)', () => {
    const t = mk();
    const o = trackPrice(t, 131, 93, 120, 10)!;
    assert.equal(o.result, 'SL');
  });

  it('reaches TP3 and takes the mean of the targets in R', () => {
    const t = mk();
    trackPrice(t, 119, 101, 118, 10);
    const o = trackPrice(t, 131, 117, 130, 20)!;
    assert.equal(o.result, 'TP3');
    assert.equal(o.exit, 'tp3');
    assert.equal(o.rMultiple, (1.5 + 3 + 5) / 3);
  });

  it('times out at the horizon with the last price', () => {
    const t = mk();
    trackPrice(t, 104, 98, 103, 10);
    const o = timeoutTracker(t);
    assert.deepEqual([o.result, o.exit, o.exitPrice, o.endTs], ['TIMEOUT', 'horizon', 103, 1000]);
    assert.equal(o.rMultiple, 0.5);
    assert.equal(realisedR(ladder, 1, 103), (1.5 + 0.5 + 0.5) / 3);
  });
});
