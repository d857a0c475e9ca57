import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FasterRSI } from 'trading-signals';
import { loadConfig } from '../../src/config/index.js';
import { computeFeatures, confidenceFor, FEATURE_NAMES, WEIGHTED_FEATURE_NAMES, rawScore } from '../../src/confidence/index.js';
import type { Bar, SignalContext } from '../../src/domain/index.js';
import { FOUR_HOUR_MS } from '../../src/domain/index.js';
import { boundaries, contextAt, loadOneMinute } from './real-data.js';

const cfg = loadConfig({ env: {} }).confidence;
const cbrl = loadOneMinute();

const bar = (i: number, close: number, volumeUsd: number): Bar => ({
  start: i * FOUR_HOUR_MS, intervalMs: FOUR_HOUR_MS, open: close, high: close, low: close, close, volumeUsd,
});
function handContext(over: Partial<SignalContext> = {}): SignalContext {
  const closed4h = [1, 2, 3].map((c, i) => bar(i, c, Math.E ** (i + 1) - 1));
  return {
    kind: 'ignition', ts: 3 * FOUR_HOUR_MS + 1, price: 4, closed4h, signal4h: bar(3, 4, Math.E ** 4 - 1),
    volumes5m: [], volume5mUsd: 0, atr: 3, atrHistory: [1, 2, 3, 4], buyVolumeUsd: 30, sellVolumeUsd: 10,
    liquidityUsd: 50_000, volume24hUsd: 200_000, buys24h: 1, sells24h: 3,
    otherPools: [{ pool: 'p2', priceUsd: 4.4, liquidityUsd: 10, ageMs: 0 }, { pool: 'p3', priceUsd: 4.4, liquidityUsd: null, ageMs: 0 }],
    ...over,
  };
}

test('hand-worked features: log-volume z-score, mid-rank ATR percentile, flow, cross-pool, liquidity', () => {
  const f = computeFeatures(handContext(), { ...cfg, rsiPeriod: 2, smaBars: 2 });
  // Log volumes 1, 2, 3 (mean 2, sd sqrt(2/3)); the signal bar's is 4.
  assert.ok(Math.abs(f.volumeZ! - 2 / Math.sqrt(2 / 3)) < 1e-9);
  assert.equal(f.rsi, 100, 'closes 1, 2, 3 only rise; the forming bar is not a close');
  assert.ok(Math.abs(f.smaSlope! - ((2.5 - 1.5) / 1.5) * 100) < 1e-9);
  assert.equal(f.atrPercentile, 2.5 / 4);
  assert.equal(f.buyShare, 0.75, 'sided trade volume wins over counts');
  assert.ok(Math.abs(f.crossPoolDeviation! - 10) < 1e-9);
  assert.equal(f.liquidityToVolume, 0.25);
});

test('a confirmation counts its just-closed bar as a known close', () => {
  const f = computeFeatures(handContext({ kind: 'confirmation' }), { ...cfg, rsiPeriod: 3, smaBars: 3 });
  assert.equal(f.rsi, 100);
  assert.ok(Math.abs(f.smaSlope! - 50) < 1e-9, 'SMA3 of 2,3,4 against 1,2,3');
});

test('missing inputs give null features, never zero; counts stand in for sided volume', () => {
  const f = computeFeatures(handContext({
    closed4h: [], atr: null, buyVolumeUsd: null, sellVolumeUsd: null, liquidityUsd: null, otherPools: [],
  }), cfg);
  for (const k of ['volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'crossPoolDeviation', 'liquidityToVolume'] as const) {
    assert.equal(f[k], null, k);
  }
  assert.equal(f.buyShare, 0.25, 'buys24h / (buys24h + sells24h)');
  assert.equal(computeFeatures(handContext({ buyVolumeUsd: null, buys24h: null }), cfg).buyShare, null);
});

test('raw score is the weighted mean of normalised present features; all missing is null', () => {
  const w = { ...cfg, weights: { volumeZ: 0, rsi: 1, smaSlope: 0, atrPercentile: 3, buyShare: 0, crossPoolDeviation: 0, liquidityToVolume: 0, uniqueTraders: 0, creatorSellUsd: 0, launchSlotBuyShare: 0, holderConcentration: 0 } };
  assert.equal(rawScore({ rsi: 80, atrPercentile: 0.4 }, w), (100 * (0.8 + 3 * 0.4)) / 4);
  assert.equal(rawScore({ rsi: 80, atrPercentile: null }, w), 80, 'a missing feature drops out of both sums');
  assert.equal(rawScore({ rsi: null, atrPercentile: null, volumeZ: 5 }, w), null, 'zero weight does not count');
  assert.equal(rawScore({}, cfg), null);
});

test('RSI on real CBRL 4h closes agrees with trading-signals FasterRSI', () => {
  const t = boundaries(cbrl, 40)[30];
  const ctx = contextAt(cbrl, t);
  const closes = [...ctx.closed4h, ctx.signal4h].map((b) => b.close);
  const ref = new FasterRSI(14);
  let last: number | null = null;
  for (const c of closes) last = ref.update(c, false);
  const f = computeFeatures(ctx, cfg);
  assert.ok(last !== null && Math.abs(f.rsi! - last) < 1e-9, `${f.rsi} vs ${last}`);
});

test('real CBRL contexts: candle features present, snapshot features null, score within 0..100', () => {
  let scored = 0;
  for (const t of boundaries(cbrl, 20)) {
    const c = confidenceFor(contextAt(cbrl, t), cfg, null);
    assert.deepEqual(Object.keys(c.features), [...FEATURE_NAMES]);
    assert.equal(c.features.buyShare, null);
    assert.equal(c.features.liquidityToVolume, null);
    assert.ok(c.features.rsi !== null && c.features.smaSlope !== null);
    assert.equal(c.p, null);
    assert.equal(c.calibrated, false);
    if (c.score !== null) {
      scored++;
      assert.ok(c.score >= 0 && c.score <= 100);
    }
  }
  assert.ok(scored > 50, `${scored} scored windows`);
});

test('no look-ahead: features from a truncated history equal those from the full history cut at t', () => {
  const ts = boundaries(cbrl, 20);
  for (const t of [ts[0], ts[Math.floor(ts.length / 2)], ts[ts.length - 1]]) {
    const truncated = cbrl.filter((b) => b.start < t);
    // Later candles are also distorted, so any leak would show.
    const future = cbrl.map((b) => (b.start < t ? b : { ...b, close: b.close * 10, high: b.high * 10, volumeUsd: 1e9 }));
    const a = computeFeatures(contextAt(truncated, t), cfg);
    assert.deepEqual(computeFeatures(contextAt(future, t), cfg), a);
    assert.deepEqual(computeFeatures(contextAt(cbrl, t), cfg), a);
  }
});

test('the confidence says how many of the scored features were present next to p', () => {
  // Scored = positive weight; reported-only features (weight 0: the trade-flow ones by default) do not count.
  const scored = WEIGHTED_FEATURE_NAMES.filter((n) => cfg.weights[n] > 0);
  const full = confidenceFor(handContext(), cfg, null);
  assert.deepEqual([full.featuresPresent, full.featuresTotal], [scored.filter((n) => full.features[n] !== null).length, scored.length]);
  const sparse = confidenceFor(handContext({ buyVolumeUsd: null, sellVolumeUsd: null, buys24h: null, sells24h: null, otherPools: [], liquidityUsd: null, volume24hUsd: null }), cfg, null);
  assert.equal(sparse.features.buyShare, null);
  assert.equal(sparse.featuresPresent, full.featuresPresent! - 3);
  assert.equal(sparse.featuresTotal, scored.length);
  const flow = confidenceFor(handContext({ tradeFlow: { uniqueTraders4h: 9, creatorSellUsd: 0, launchSlotBuyShare: 0.5 } }), cfg, null);
  assert.equal(flow.features.uniqueTraders, 9);
  assert.deepEqual([flow.featuresPresent, flow.featuresTotal], [full.featuresPresent, scored.length]);
});
