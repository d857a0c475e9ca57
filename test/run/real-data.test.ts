import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import type { Candle } from '../../src/domain/market.js';
import type { ScanEvent, WindowClosed } from '../../src/domain/index.js';

import { needsShared } from '../support/shared-data.js';
import { CBRL_MINT, CBRL_POOL, GT, loadHourFile, loadNative4h, loadSeries } from '../helpers/gt-csv.js';

const cfg = loadConfig({ presets: ['replay'], env: {} });

function replay(candles: Candle[]) {
  const events: ScanEvent[] = [];
  const engine = new Engine(cfg, { emit: (e) => events.push(e) });
  for (const c of candles) engine.push(c);
  engine.finish();
  return { events, engine };
}

/** 4 hours in ms, written out here rather than imported: the check must not share the engine's constants. */
const FOUR_HOUR_MS = 4 * 60 * 60 * 1000;

/**
 * Independent resampler for the test: buckets candles to UTC 4h windows with plain array code, sharing
 * nothing with the engine (not its windows, not its bucketStart). UTC 4h windows start at 00, 04, ... 20h.
 */
function bucket4h(candles: Candle[]) {
  const out = new Map<number, { open: number; close: number; high: number; low: number }>();
  for (const c of candles) {
    const d = new Date(c.start);
    const s = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() - (d.getUTCHours() % 4));
    const b = out.get(s);
    if (!b) out.set(s, { open: c.open, close: c.close, high: c.high, low: c.low });
    else {
      b.close = c.close;
      b.high = Math.max(b.high, c.high);
      b.low = Math.min(b.low, c.low);
    }
  }
  return out;
}

const up10 = (b: { open: number; close: number }) => (b.close - b.open) / b.open >= 0.1 - 1e-12;
const windowsOf = (events: ScanEvent[]) => events.filter((e): e is WindowClosed => e.type === 'window');

describe('real data: CBRL pool', needsShared(), () => {
  let oneMinute: Candle[] = [];
  let events: ScanEvent[] = [];
  let windows: WindowClosed[] = [];
  before(() => {
    oneMinute = loadSeries(join(GT, 'specs', 'QA', 'ohlcv_data_2.csv'), CBRL_POOL, '1m', CBRL_MINT);
    events = replay(oneMinute).events;
    windows = windowsOf(events);
  });

  it('resamples 1m candles to the same >=10% windows as the native 4h candles (get_ohlcv.csv)', () => {
    const native = loadNative4h();
    const ours = new Map(windows.map((w) => [w.bar.start, w]));
    let compared = 0;
    for (const n of native) {
      const w = ours.get(n.start);
      if (!w) continue;
      compared += 1;
      assert.equal(w.changePct >= 10 - 1e-9, up10(n), `window ${new Date(n.start).toISOString()}`);
    }
    assert.ok(compared >= 50, `compared ${compared} windows`);
  });

  it('agrees with the 4h series in ohlcv_data_2.csv on every shared window', () => {
    const native = loadSeries(join(GT, 'specs', 'QA', 'ohlcv_data_2.csv'), CBRL_POOL, '4h');
    const ours = new Map(windows.map((w) => [w.bar.start, w]));
    const shared = native.filter((n) => ours.has(n.start));
    assert.ok(shared.length >= 90, `shared ${shared.length}`);
    for (const n of shared) assert.equal(ours.get(n.start)!.changePct >= 10 - 1e-9, up10(n), new Date(n.start).toISOString());
  });

  it('emits one confirmation for each >=10% window and nothing else', () => {
    const lastEnd = oneMinute[oneMinute.length - 1].start + 60_000;
    const closed = [...bucket4h(oneMinute)].filter(([s]) => s + FOUR_HOUR_MS <= lastEnd);
    const expected = closed.filter(([, b]) => up10(b)).map(([s]) => s).sort();
    const got = events.filter((e) => e.type === 'confirmation').map((e) => (e.type === 'confirmation' ? e.window4hStart : 0)).sort();
    assert.deepEqual(got, expected);
    assert.equal(expected.length, 19, 'the data README counts 19 pump windows in this pool');
    assert.equal(windows.length, closed.length);
  });

  it('links each ignition to a confirmation or a fade of its window, never both', () => {
    const ign = events.filter((e) => e.type === 'ignition');
    assert.ok(ign.length > 0);
    for (const i of ign) {
      const conf = events.filter((e) => e.type === 'confirmation' && e.ignitionId === i.id);
      const fade = events.filter((e) => e.type === 'fade' && e.ignitionId === i.id);
      assert.equal(conf.length + fade.length, 1, `ignition ${i.id}`);
    }
  });

  it('decides outcomes only from inputs after the signal', () => {
    const signals = new Map(events.filter((e) => e.type === 'ignition' || e.type === 'confirmation').map((e) => [e.id, e]));
    const outcomes = events.filter((e) => e.type === 'outcome');
    assert.ok(outcomes.length >= 5, `only ${outcomes.length} outcomes: the check below would prove nothing`);
    for (const o of outcomes) {
      if (o.type !== 'outcome') continue;
      const s = signals.get(o.signalId)!;
      assert.ok(o.ts > s.ts && o.durationMs === o.ts - s.ts);
      assert.ok(o.durationMs <= cfg.risk.horizonMs);
    }
  });
});

describe('real data: confirmation across many pools', needsShared(), () => {
  it('finds every >=10% closed 4h window in the 85 TROLL_2 1h series, and nothing else', () => {
    const dir = join(GT, 'docs', 'TROLL_2');
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    assert.ok(files.length >= 80);
    let windows = 0;
    let ups = 0;
    for (const f of files) {
      const candles = loadHourFile(join(dir, f));
      if (candles.length === 0) continue;
      const { events } = replay(candles);
      const buckets = bucket4h(candles);
      // The last bucket is closed only if its final hour is in the data (the stream ends at its boundary).
      const lastEnd = candles[candles.length - 1].start + 3_600_000;
      const closed = [...buckets].filter(([s]) => s + FOUR_HOUR_MS <= lastEnd);
      const expected = closed.filter(([, b]) => up10(b)).map(([s]) => s).sort();
      const got = events.filter((e) => e.type === 'confirmation').map((e) => (e.type === 'confirmation' ? e.window4hStart : 0)).sort();
      assert.deepEqual(got, expected, f);
      assert.equal(windowsOf(events).length, closed.length, f);
      assert.equal(events.filter((e) => e.type === 'ignition').length, 0, `${f}: 1h candles carry no 5m volume`);
      windows += closed.length;
      ups += expected.length;
    }
    assert.ok(windows > 5000 && ups > 500, `${windows} windows, ${ups} up`);
  });

  it('handles every pool of the multi-pool collector file at its finest timeframe', () => {
    const file = join(GT, 'specs', 'QA', 'ohlcv_data_2.csv');
    const pools = ['H59JH47VjoYMsBpgWhXodpEw5iJbjjT6i3hANLkHfUTn', 'EkU9zGSkUnVVK6nhmPSqnxqcKPzt1PicrCjdxSbWo9uA'];
    for (const [pool, tf] of [[pools[0], '1m'], [pools[1], '1h']]) {
      const candles = loadSeries(file, pool, tf);
      const { events, engine } = replay(candles);
      const lastEnd = candles[candles.length - 1].start + candles[0].intervalMs;
      const expected = [...bucket4h(candles)].filter(([s, b]) => s + FOUR_HOUR_MS <= lastEnd && up10(b)).length;
      assert.equal(events.filter((e) => e.type === 'confirmation').length, expected, pool);
      assert.equal(engine.stats.dropped.invalid, 0, pool);
    }
  });
});
