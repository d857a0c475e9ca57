import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import type { BlockSeries, CandleBlock } from '../../src/domain/candle-block.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { MINUTE_MS } from '../../src/domain/time.js';

// A window's near miss is decided once; the inputs after it still look for the ignition of that window.

const W0 = 1_755_993_600_000; // a 4h boundary
const SERIES: BlockSeries[] = [{ pool: 'PoolN1111111111111111111111111111111111111', mint: null, intervalMs: MINUTE_MS, used: true }];

/** One token: quiet 5m volumes for the SMA, then rows at `levels` (percent over the window open) with heavy volume. */
function replay(levels: number[]): ScanEvent[] {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const quiet = 5 * (cfg.signals.ignition.volumeSmaBars + 1);
  const rows: [number, number, number][] = [];
  for (let m = 0; m < quiet; m++) rows.push([m, 1.25, 100.5]);
  levels.forEach((pct, i) => rows.push([quiet + i, 1.25 * (1 + pct / 100), 1e5 + 0.5]));
  const n = rows.length;
  const cols = {
    seriesOf: new Int32Array(n), start: Float64Array.from(rows, (r) => W0 + r[0] * MINUTE_MS),
    open: Float64Array.from(rows, () => 1.25), high: Float64Array.from(rows, (r) => Math.max(1.25, r[1])), low: Float64Array.from(rows, () => 1.25),
    close: Float64Array.from(rows, (r) => r[1]), volume: Float64Array.from(rows, (r) => r[2]),
  };
  const b: CandleBlock = { kind: 'candle_block', source: 'file', series: SERIES, ...cols, from: 0, to: n };
  const events: ScanEvent[] = [];
  const engine = new Engine(cfg, { emit: (e) => events.push(e) });
  engine.pushBlock(b);
  engine.finish();
  return events.filter((e) => e.type === 'near_miss' || e.type === 'ignition');
}

describe('near miss then ignition in one 4h window', () => {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const near = cfg.signals.ignition.minChangePct - cfg.signals.nearMiss.changeMarginPct / 2;
  const fire = cfg.signals.ignition.minChangePct + 0.5;

  it('emits the near miss once however often its level comes back, then the ignition', () => {
    const got = replay([near, near, near * 0.99, near, fire, fire]);
    assert.deepEqual(got.map((e) => e.type), ['near_miss', 'ignition']);
  });

  it('emits no near miss after the window ignited', () => {
    const got = replay([fire, near, near]);
    assert.deepEqual(got.map((e) => e.type), ['ignition']);
  });
});
