import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ladderFor, type LadderConfig } from '../../src/risk/ladder.js';

const cfg: LadderConfig = { stopMode: 'atr', stopAtrMultiple: 1.5, candleLowAtrMultiple: 0.5, targetsR: [1.5, 3, 5], breakevenAfterTp1: true };

describe('ladderFor', () => {
  it('places the stop 1.5 ATR under entry and targets at 1.5R, 3R, 5R', () => {
    const r = ladderFor(100, 4, 95, cfg);
    assert.deepEqual(r.ladder, { entry: 100, sl: 94, tp: [109, 118, 130], atr: 4, r: 6, slMode: 'atr', breakevenAfterTp1: true, stopDistancePct: 6 });
  });

  it('uses the signal-candle low minus 0.5 ATR when selected', () => {
    const r = ladderFor(100, 4, 97, { ...cfg, stopMode: 'candle_low' });
    assert.equal(r.ladder!.sl, 95);
    assert.equal(r.ladder!.stopDistancePct, 5);
    assert.deepEqual(r.ladder!.tp, [107.5, 115, 125]);
  });

  it('says the ladder is unavailable instead of inventing an ATR', () => {
    assert.deepEqual(ladderFor(100, null, 95, cfg), { ladder: null, unavailable: 'insufficient_history' });
    assert.deepEqual(ladderFor(100, 0, 95, cfg), { ladder: null, unavailable: 'zero_atr' });
    assert.deepEqual(ladderFor(1, 1, 0.9, cfg), { ladder: null, unavailable: 'stop_not_positive' });
  });
});
