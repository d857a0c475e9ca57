import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config/index.js';
import { compareStopModes } from '../../../src/outputs/report/index.js';
import type { ScanEvent } from '../../../src/domain/index.js';
import { confirmationEv, ignitionEv, outcomeEv } from './events.js';

const config = loadConfig({ env: {} });

test('compares the atr and candle_low stop modes on the same data: ladders, stop distance, results, MAE', async () => {
  const seen: string[] = [];
  const rows = await compareStopModes((risk) => {
    seen.push(`${risk.stopMode}:${risk.targetsR.join('/')}`);
    const ig = ignitionEv('A', 1, 30, 50);
    const c = confirmationEv('A', 2, 15, 50);
    if (risk.stopMode === 'atr') return [ig, outcomeEv(ig, 'SL', -1, 2, -12), { ...c, ladder: null, ladderUnavailable: 'stop_not_positive' }] as ScanEvent[];
    return [ig, outcomeEv(ig, 'TP1', 0.5, 20, -5), c, outcomeEv(c, 'TP3', 3.17, 60, -8)] as ScanEvent[];
  }, config.risk);
  assert.deepEqual(seen, ['atr:1.5/3/5', 'candle_low:1.5/3/5'], 'only the stop rule changes between the runs');
  const [atr, low] = rows;
  assert.deepEqual([atr.mode, atr.atrMultiple, atr.signals, atr.withLadder, atr.noLadder], ['atr', 1.5, 2, 1, { stop_not_positive: 1 }]);
  assert.deepEqual([low.mode, low.atrMultiple, low.withLadder], ['candle_low', 0.5, 2]);
  // The event builders put the stop 10% under entry.
  assert.ok(Math.abs(atr.stopDistancePct.median! - 10) < 1e-9);
  assert.deepEqual([atr.outcomes.counts.SL, low.outcomes.counts.TP1, low.outcomes.counts.TP3], [1, 1, 1]);
  assert.equal(atr.outcomes.expectancyR, -1);
  assert.equal(low.outcomes.maePct.min, -8);
});
