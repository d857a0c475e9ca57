import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { brierScore, expectedCalibrationError, logLoss, reliabilityTable, forecastMetrics, rocAuc, type Forecast } from '../../src/confidence/metrics.js';

const fs: Forecast[] = [
  { p: 0.9, y: 1 },
  { p: 0.2, y: 0 },
  { p: 0.6, y: 0 },
];
const near = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${a} vs ${b}`);

test('Brier score is the mean squared error: (0.01 + 0.04 + 0.36) / 3', () => {
  near(brierScore(fs), 0.41 / 3);
});

test('log loss is the mean negative log-likelihood: -(ln .9 + ln .8 + ln .4) / 3', () => {
  near(logLoss(fs), 0.4149316);
});

test('log loss stays finite for a confident miss (clipped)', () => {
  const v = logLoss([{ p: 0, y: 1 }]);
  assert.ok(v !== null && Number.isFinite(v) && v > 6);
});

test('ECE with two bins: 1/3 x |0.2 - 0| + 2/3 x |0.75 - 0.5|', () => {
  near(expectedCalibrationError(fs, 2), 0.2 / 3 + (2 / 3) * 0.25);
});

test('reliability table counts per bin, p = 1 lands in the last bin, empty bins are null', () => {
  const t = reliabilityTable([...fs, { p: 1, y: 1 }], 4);
  assert.deepEqual(t.map((b) => b.count), [1, 0, 1, 2]);
  assert.equal(t[1].meanP, null);
  near(t[3].meanP, 0.95);
  near(t[3].observed, 1);
});

test('a perfectly calibrated forecast has zero ECE; empty input has null metrics', () => {
  near(expectedCalibrationError([{ p: 0.5, y: 1 }, { p: 0.5, y: 0 }], 10), 0);
  const m = forecastMetrics([], 10);
  assert.equal(m.brier, null);
  assert.equal(m.ece, null);
  assert.equal(m.baseRate, null);
});

describe('rocAuc', () => {
  it('is the share of success/failure pairs ranked right, ties half, null without both classes', () => {
    // Pairs (success score, failure score): (3,1) win, (3,2) win, (2,1) win, (2,2) tie -> 3.5 / 4.
    assert.equal(rocAuc([{ score: 3, y: 1 }, { score: 2, y: 1 }, { score: 1, y: 0 }, { score: 2, y: 0 }]), 3.5 / 4);
    assert.equal(rocAuc([{ score: 1, y: 1 }, { score: 2, y: 0 }]), 0);
    assert.equal(rocAuc([{ score: 1, y: 1 }]), null);
  });
});
