import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/index.js';
import { computeFeatures, confidenceFor, confidenceHook, NORMALISERS, WEIGHTED_FEATURE_NAMES } from '../../src/confidence/index.js';
import { calibrationFromConfig } from '../../src/confidence/hook.js';
import type { Bar, SignalContext } from '../../src/domain/index.js';
import { FOUR_HOUR_MS } from '../../src/domain/index.js';
import type { ConfidenceConfig } from '../../src/confidence/config.js';

// The features are computed without throwaway arrays (loops instead of filter, slice, map and reduce). Their
// values must stay bit for bit what the straightforward array code gives: the same sums in the same order.
// This file keeps that array code as the reference and compares every value on many generated contexts.

const before = (ctx: SignalContext) => ctx.closed4h.filter((b) => b.start < ctx.signal4h.start);
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

function reference(ctx: SignalContext, cfg: ConfidenceConfig): Record<string, number | null> {
  const bars = [...ctx.closed4h];
  const last = bars[bars.length - 1];
  if (ctx.kind === 'confirmation' && (!last || last.start < ctx.signal4h.start)) bars.push(ctx.signal4h);
  const closes = bars.map((b) => b.close);
  const hist = before(ctx);
  const logs = hist.slice(-cfg.volumeLookbackBars).map((b) => Math.log1p(b.volumeUsd));
  const m = mean(logs);
  const sd = m === null ? null : Math.sqrt(logs.reduce((s, x) => s + (x - m) * (x - m), 0) / logs.length);
  const n = closes.length;
  const now = mean(closes.slice(n - cfg.smaBars));
  const was = mean(closes.slice(n - cfg.smaBars - 1, n - 1));
  const atrs = ctx.atrHistory.slice(-cfg.atrPercentileLookback);
  const prev6 = hist.slice(-6);
  const last3 = hist.slice(-3);
  const v5 = ctx.volumes5m;
  const m5 = v5.reduce((s, x) => s + x, 0) / v5.length;
  let up = 0;
  for (let i = hist.length - 1; i >= 0 && hist[i].close > hist[i].open; i--) up++;
  let hi = ctx.signal4h.high;
  for (const b of hist) hi = Math.max(hi, b.high);
  const ret = (k: number) => {
    const ref = hist[hist.length - k];
    return !ref || !(ref.close > 0) || !(ctx.price > 0) ? null : (ctx.price / ref.close - 1) * 100;
  };
  return {
    volumeZ: logs.length < 3 || !(sd! > 0) ? null : (Math.log1p(ctx.signal4h.volumeUsd) - m!) / sd!,
    smaSlope: n < cfg.smaBars + 1 || !(was! > 0) ? null : ((now! - was!) / was!) * 100,
    atrPercentile: ctx.atr === null || atrs.length < 2 ? null : (atrs.filter((a) => a < ctx.atr!).length + atrs.filter((a) => a === ctx.atr).length / 2) / atrs.length,
    return1: ret(1),
    return3: ret(3),
    return6: ret(6),
    fromHigh: !(hi > 0) || !(ctx.price > 0) ? null : (ctx.price / hi - 1) * 100,
    historyBars: hist.length,
    volumeTrend: prev6.length < 3 ? null : Math.log((ctx.signal4h.volumeUsd + 1) / (prev6.reduce((s, b) => s + b.volumeUsd, 0) / prev6.length + 1)),
    upBarsInRow: up,
    volume5mRatio: v5.length < 12 || !(m5 > 0) ? null : Math.log((ctx.volume5mUsd + 1) / (m5 + 1)),
    recentRangeToAtr: ctx.atr === null || !(ctx.atr > 0) || last3.length < 3 ? null : last3.reduce((s, b) => s + (b.high - b.low), 0) / 3 / ctx.atr,
  };
}

/** Raw score and present count as first written: keyed reads by feature name. */
function referenceScore(f: Record<string, number | null>, cfg: ConfidenceConfig): { score: number | null; present: number; total: number } {
  let wsum = 0;
  let vsum = 0;
  for (const name of WEIGHTED_FEATURE_NAMES) {
    const v = f[name];
    const w = cfg.weights[name];
    if (v === null || v === undefined || !Number.isFinite(v) || !(w > 0)) continue;
    wsum += w;
    vsum += w * Math.min(1, Math.max(0, NORMALISERS[name](v)));
  }
  const used = WEIGHTED_FEATURE_NAMES.filter((k) => cfg.weights[k] > 0);
  const present = used.map((k) => f[k] ?? null).filter((v) => v !== null && Number.isFinite(v)).length;
  return { score: wsum === 0 ? null : (100 * vsum) / wsum, present, total: used.length };
}

let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

function bar(i: number, level: number): Bar {
  const open = level * (0.5 + rnd());
  const close = rnd() < 0.1 ? open : open * (0.6 + 0.8 * rnd());
  const high = Math.max(open, close) * (1 + rnd() * 0.3);
  const low = Math.min(open, close) * (1 - rnd() * 0.3);
  return { start: i * FOUR_HOUR_MS, intervalMs: FOUR_HOUR_MS, open, high, low, close, volumeUsd: rnd() < 0.1 ? 0 : rnd() * 10 ** int(0, 7) };
}

function generated(): SignalContext {
  const level = 10 ** int(-8, 3);
  const n = int(0, 70);
  const signal = bar(n, level);
  let closed4h = Array.from({ length: n }, (_, i) => bar(i, level));
  // Some contexts carry bars at or after the signal bar, out of order: no feature may read them.
  if (rnd() < 0.2) closed4h = [...closed4h, bar(n, level), bar(n + 2, level), ...closed4h.splice(0, int(0, 3))];
  const atr = rnd() < 0.1 ? null : rnd() < 0.05 ? 0 : level * rnd();
  return {
    kind: rnd() < 0.5 ? 'ignition' : 'confirmation', ts: n * FOUR_HOUR_MS + int(0, FOUR_HOUR_MS - 1), price: rnd() < 0.05 ? 0 : signal.close, closed4h, signal4h: signal,
    volumes5m: Array.from({ length: int(0, 60) }, () => (rnd() < 0.2 ? 0 : rnd() * 1e4)), volume5mUsd: rnd() * 1e4,
    atr, atrHistory: Array.from({ length: int(0, 130) }, () => (rnd() < 0.1 && atr !== null ? atr : level * rnd())),
    buyVolumeUsd: rnd() < 0.5 ? null : rnd() * 1e4, sellVolumeUsd: rnd() * 1e4, holderConcentration: rnd() < 0.5 ? null : rnd() * 100,
    liquidityUsd: rnd() < 0.3 ? null : rnd() * 1e6, volume24hUsd: rnd() < 0.3 ? null : rnd() * 1e6, buys24h: int(0, 50), sells24h: int(0, 50),
    otherPools: rnd() < 0.5 ? [] : [{ pool: 'p2', priceUsd: signal.close * (0.9 + rnd() * 0.2), liquidityUsd: rnd() * 1e5, ageMs: 0 }],
  };
}

const base = loadConfig({ env: {} }).confidence;

test('features equal the array code bit for bit on 3,000 generated contexts', () => {
  for (let k = 0; k < 3000; k++) {
    const cfg: ConfidenceConfig = { ...base, volumeLookbackBars: int(2, 40), smaBars: int(2, 10), rsiPeriod: int(2, 20), atrPercentileLookback: int(2, 80) };
    const ctx = generated();
    const got = computeFeatures(ctx, cfg) as Record<string, number | null>;
    const want = reference(ctx, cfg);
    for (const [name, v] of Object.entries(want)) assert.ok(Object.is(got[name], v), `context ${k}: ${name} is ${got[name]}, the array code gives ${v}`);
  }
});

test('score and features present equal the keyed code, through confidenceFor and a hook', () => {
  const weights = Object.fromEntries(WEIGHTED_FEATURE_NAMES.map((n) => [n, 0])) as ConfidenceConfig['weights'];
  for (let k = 0; k < 500; k++) {
    // Random weights, some zero: the used features change with them.
    const cfg: ConfidenceConfig = { ...base, weights: { ...weights, ...Object.fromEntries(WEIGHTED_FEATURE_NAMES.map((n) => [n, rnd() < 0.3 ? 0 : int(1, 5)])) } };
    const ctx = generated();
    const c = confidenceFor(ctx, cfg, null);
    const r = referenceScore(c.features, cfg);
    assert.ok(Object.is(c.score, r.score), `context ${k}: score ${c.score}, keyed code ${r.score}`);
    assert.equal(c.featuresPresent, r.present);
    assert.equal(c.featuresTotal, r.total);
    assert.deepEqual(confidenceHook(cfg, null)(ctx), c);
  }
});

test('a hook with the shipped calibration gives what confidenceFor gives, for both kinds', () => {
  const cal = calibrationFromConfig(base);
  const hook = confidenceHook(base, cal);
  for (let k = 0; k < 300; k++) {
    const ctx = generated();
    assert.deepEqual(hook(ctx), confidenceFor(ctx, base, cal));
  }
});
