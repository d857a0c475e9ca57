import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/index.js';
import { computeFeatures, SHAPE_FEATURE_NAMES } from '../../src/confidence/index.js';
import * as prices from '../../src/confidence/price-features.js';
import * as atrs from '../../src/confidence/atr-features.js';

const shape = { ...prices, ...atrs };
import type { Bar, SignalContext } from '../../src/domain/index.js';
import { FOUR_HOUR_MS, HOUR_MS } from '../../src/domain/index.js';
import { boundaries, contextAt, loadOneMinute } from './real-data.js';

const cfg = loadConfig({ env: {} }).confidence;
const cbrl = loadOneMinute();

const bar = (i: number, o: number, h: number, l: number, c: number, v = 100): Bar => ({ start: i * FOUR_HOUR_MS, intervalMs: FOUR_HOUR_MS, open: o, high: h, low: l, close: c, volumeUsd: v });

/** Closes 10, 11, 12, 11, 13, 14 before a signal bar 14 -> 18 (high 20, low 13), ATR 2. */
function ctx(over: Partial<SignalContext> = {}): SignalContext {
  const closes = [10, 11, 12, 11, 13, 14];
  const closed4h = closes.map((c, i) => bar(i, i ? closes[i - 1] : 10, c + 1, Math.min(c, i ? closes[i - 1] : 10) - 1, c, 100 * (i + 1)));
  return {
    kind: 'confirmation', ts: 7 * FOUR_HOUR_MS + 2 * HOUR_MS, price: 18, closed4h, signal4h: bar(6, 14, 20, 13, 18, 1300),
    volumes5m: [], volume5mUsd: 0, atr: 2, atrHistory: [], buyVolumeUsd: null, sellVolumeUsd: null,
    liquidityUsd: 2600, volume24hUsd: null, buys24h: null, sells24h: null, otherPools: [], ...over,
  };
}

test('shape features by hand: ATR %, returns, distance from the high, history, volume trend', () => {
  const c = ctx();
  assert.equal(shape.atrPctFeature(c), (2 / 18) * 100);
  assert.equal(shape.returnFeature(c, 1), (18 / 14 - 1) * 100);
  assert.equal(shape.returnFeature(c, 3), (18 / 11 - 1) * 100);
  assert.equal(shape.returnFeature(c, 6), (18 / 10 - 1) * 100);
  assert.equal(shape.returnFeature(c, 7), null, 'only 6 bars of history');
  assert.equal(shape.fromHighFeature(c), (18 / 20 - 1) * 100);
  assert.equal(shape.historyBarsFeature(c), 6);
  // Mean volume of the 6 bars before: 100..600 -> 350.
  assert.ok(Math.abs(shape.volumeTrendFeature(c)! - Math.log(1301 / 351)) < 1e-12);
  assert.equal(shape.volumeToLiquidityFeature(c), 0.5);
  assert.equal(shape.volumeToLiquidityFeature(ctx({ liquidityUsd: null })), null);
  assert.equal(shape.atrPctFeature(ctx({ atr: null })), null);
});

test('shape features by hand: close location, wick, range, up bars in a row, moves in ATRs, hour', () => {
  const c = ctx();
  assert.equal(shape.closeLocationFeature(c), 5 / 7);
  assert.equal(shape.upperWickFeature(c), 2 / 7);
  assert.equal(shape.rangePctFeature(c), (7 / 14) * 100);
  // Bars 4 (11 -> 13) and 5 (13 -> 14) closed up; bar 3 (12 -> 11) did not.
  assert.equal(shape.upBarsInRowFeature(c), 2);
  assert.equal(shape.rangeToAtrFeature(c), 3.5);
  assert.equal(shape.moveToAtrFeature(c), 2);
  // Ranges of the bars before: bar 3 (12 -> 11): 12 - 10 = 2; bar 4: 14 - 10 = 4; bar 5: 15 - 12 = 3.
  assert.equal(shape.recentRangeToAtrFeature(c), 1.5);
  assert.equal(shape.hourUtcFeature(c), 6);
  const flat = ctx({ signal4h: bar(6, 14, 14, 14, 14) });
  assert.deepEqual([shape.closeLocationFeature(flat), shape.upperWickFeature(flat)], [null, null]);
});

test('ladder history: the default ladder replayed on the past bars, trials ending before the signal bar only', () => {
  // 14 flat bars (true range 2), then from bar 14: +1 per bar with range 2. From close c the target is
  // c + 1.5 x 1.5 x ATR, the stop c - 3.
  const flat = Array.from({ length: 14 }, (_, i) => bar(i, 10, 11, 9, 10));
  const rising = Array.from({ length: 12 }, (_, k) => bar(14 + k, 10 + k, 11 + k + 1, 9 + k, 11 + k));
  const closed4h = [...flat, ...rising];
  const c = ctx({ closed4h, signal4h: bar(26, 22, 23, 21, 22), price: 22 });
  const f = shape.ladderHistoryFeature(c);
  // Independent count: trials start at i = 14..(26 - 6 - 1) = 19 -> 6 trials.
  let wins = 0;
  let trials = 0;
  for (let i = 14; i + 6 < closed4h.length; i++) {
    let tr = 0;
    for (let j = i - 13; j <= i; j++) tr += Math.max(closed4h[j].high - closed4h[j].low, Math.abs(closed4h[j].high - closed4h[j - 1].close), Math.abs(closed4h[j].low - closed4h[j - 1].close));
    const atr = tr / 14;
    const entry = closed4h[i].close;
    trials++;
    const after = closed4h.slice(i + 1, i + 7);
    const hitT = after.findIndex((b) => b.high >= entry + 2.25 * atr);
    const hitS = after.findIndex((b) => b.low <= entry - 1.5 * atr);
    if (hitT >= 0 && (hitS < 0 || hitT < hitS)) wins++;
  }
  assert.equal(trials, 6);
  assert.equal(f, wins / trials);
  assert.ok(f! > 0, 'the rising bars reach the target');
  assert.equal(shape.ladderHistoryFeature(ctx()), null, 'too short for a trial');
});

test('no look-ahead, feature by feature: each shape feature is present on real CBRL contexts and blind to bars after the signal bar', () => {
  const seen = new Set<string>();
  const ts = boundaries(cbrl, 20);
  for (const t of [ts[0], ts[Math.floor(ts.length / 3)], ts[Math.floor((2 * ts.length) / 3)], ts[ts.length - 1]]) {
    const c = contextAt(cbrl, t);
    const a = computeFeatures(c, cfg);
    // Bars after the signal bar handed in by mistake (distorted, so reading one would change a value).
    const s = c.signal4h;
    const later = [1, 2, 3].map((k) => ({ ...s, start: s.start + k * FOUR_HOUR_MS, open: s.open * 7, close: s.close * 10, high: s.high * 10, low: s.low * 0.1, volumeUsd: 1e9 }));
    const b = computeFeatures({ ...c, closed4h: [...c.closed4h, s, ...later] }, cfg);
    for (const name of SHAPE_FEATURE_NAMES) {
      assert.equal(b[name], a[name], `${name} at ${new Date(t).toISOString()} read a bar after the decision`);
      if (a[name] !== null) seen.add(name);
    }
  }
  // volumeToLiquidity needs a pool snapshot: the CBRL contexts carry none.
  assert.deepEqual(SHAPE_FEATURE_NAMES.filter((n) => !seen.has(n)), ['volumeToLiquidity']);
});

test('volume5mRatio reads the current 5m volume against the closed ones, null without 5m history', () => {
  const vols = Array.from({ length: 12 }, () => 10);
  assert.ok(Math.abs(shape.volume5mRatioFeature(ctx({ volumes5m: vols, volume5mUsd: 32 }))! - Math.log(33 / 11)) < 1e-12);
  assert.equal(shape.volume5mRatioFeature(ctx({ volumes5m: vols.slice(1), volume5mUsd: 32 })), null);
  assert.equal(shape.volume5mRatioFeature(ctx({ volumes5m: vols.map(() => 0), volume5mUsd: 32 })), null);
});
