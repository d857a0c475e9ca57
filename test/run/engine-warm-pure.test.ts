import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import { WARM_UP_MIN_ROWS } from '../../src/run/engine-warm.js';
import { loadConfig } from '../../src/config/load.js';
import { confidenceHook } from '../../src/confidence/index.js';
import { isPureConfidence, markPureConfidence } from '../../src/confidence/pure.js';
import type { CandleBlock } from '../../src/domain/candle-block.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { MINUTE_MS } from '../../src/domain/time.js';

// With a pure confidence hook (confidenceHook()), the column path's once-per-process warm-up scores its made-up
// signals with it. Its own file: the warm-up runs at the first big block of a process, here the first test's.

const W0 = 1_755_993_600_000; // a 4h boundary

/** One token over 10 hours with a rally in its second 4h window (ignition, confirmation, outcome). */
function block(): CandleBlock {
  const n = 1200;
  const b: CandleBlock = {
    kind: 'candle_block', source: 'file', series: [{ pool: 'PoolP1111111111111111111111111111111111111', mint: 'MintP111111111111111111111111111111111pump', intervalMs: MINUTE_MS, used: true }],
    seriesOf: new Int32Array(n), start: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n),
    low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), from: 0, to: n,
  };
  let price = 0.8;
  for (let m = 0; m < n; m++) {
    const rally = m >= 300 && m < 360;
    const c = price * (rally ? 1.004 : m % 2 === 0 ? 1.001 : 0.9991);
    b.start[m] = W0 + m * MINUTE_MS;
    b.open[m] = price;
    b.close[m] = c;
    b.high[m] = Math.max(price, c) * 1.001;
    b.low[m] = Math.min(price, c) * 0.999;
    b.volume[m] = rally ? 5000 : 100 + (m % 7);
    price = c;
  }
  return b;
}

function replayed() {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const events: ScanEvent[] = [];
  const score = confidenceHook(cfg.confidence, null);
  // A probe marked pure: it counts its calls, which the warm-up cannot tell from a pure hook.
  let calls = 0;
  const hook = markPureConfidence((ctx: Parameters<typeof score>[0]) => (calls++, score(ctx)));
  const engine = new Engine(cfg, { emit: (e) => events.push(e), confidence: hook });
  engine.pushBlock(block());
  engine.finish();
  return { events, calls, tokens: [...engine.tokens.keys()], stats: engine.stats };
}

describe('column path warm-up with a pure confidence hook', () => {
  it('scores its made-up signals with it and leaves no trace: the engine that triggers it emits and holds what a later one does', () => {
    assert.ok(block().to >= WARM_UP_MIN_ROWS);
    const first = replayed();
    const second = replayed();
    assert.ok(first.events.some((e) => e.type === 'ignition'), 'the block raises signals');
    assert.ok(second.calls > 0);
    // The first engine's hook was also called by the warm-up's private engine.
    assert.ok(first.calls > second.calls, `warm-up calls: ${first.calls - second.calls}`);
    assert.deepEqual(first.events, second.events);
    assert.deepEqual(first.tokens, second.tokens);
    assert.deepEqual(first.stats, second.stats);
  });

  it('only confidenceHook() results count as pure, not a wrapper around one', () => {
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    const hook = confidenceHook(cfg.confidence, null);
    assert.ok(isPureConfidence(hook));
    assert.ok(!isPureConfidence((ctx) => hook(ctx)));
    assert.ok(!isPureConfidence(undefined));
  });
});
