import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import { replayBatches } from '../../src/run/replay.js';
import { collectSamples } from '../../src/confidence/samples.js';
import type { Candle, Input } from '../../src/domain/market.js';
import type { ConfirmationLine, OutcomeLine, ScanEvent } from '../../src/domain/signals.js';

// An outcome whose 24h horizon runs past its own series' last input: in a file replay it is open at end of
// data (no outcome line, left out of calibration labels), not a TIMEOUT at the last price; live keeps the clock.
const cfg = loadConfig({ presets: ['replay'], env: {} });
const HOUR = 3_600_000;
const W = 1_756_000_800_000 - (1_756_000_800_000 % (4 * HOUR));
const A = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
const B = '4Ds7cxJ82gm34gV22zo2LjPdX3nFbQk9PXK7mjX4pump';

function h1(mint: string, hour: number, o: number, h: number, l: number, c: number): Candle {
  const start = W + hour * HOUR;
  return { kind: 'candle', knownAt: start + HOUR, mint, pool: `${mint}-pool`, source: 'file', start, intervalMs: HOUR, open: o, high: h, low: l, close: c, volumeUsd: 1000, final: true };
}

/**
 * Token A: 17 flat 4h windows (ATR history for a ladder), a +20% window 17 (confirmed at hour 72),
 * then `after` flat hours inside the ladder (no target, no stop). Token B: flat, far past A's horizon.
 */
function inputs(after: number): { ins: Input[]; signalTs: number; end: Map<string, number> } {
  const a: Candle[] = [];
  for (let i = 0; i < 68; i++) a.push(h1(A, i, 1, 1.05, 0.95, 1));
  a.push(h1(A, 68, 1, 1.05, 0.98, 1.05), h1(A, 69, 1.05, 1.1, 1.04, 1.1), h1(A, 70, 1.1, 1.15, 1.09, 1.15), h1(A, 71, 1.15, 1.2, 1.14, 1.2));
  for (let i = 0; i < after; i++) a.push(h1(A, 72 + i, 1.2, 1.21, 1.19, 1.2));
  const b = Array.from({ length: 72 + 24 + 12 }, (_, i) => h1(B, i, 2, 2.01, 1.99, 2));
  const ins = [...a, ...b].sort((x, y) => x.knownAt - y.knownAt || (x.mint === A ? -1 : 1));
  const endOf = (cs: Candle[]) => cs[cs.length - 1].start + HOUR;
  return { ins, signalTs: W + 72 * HOUR, end: new Map([[A, endOf(a)], [B, endOf(b)]]) };
}

async function replay(ins: Input[], ends: Map<string, number> | null) {
  const events: ScanEvent[] = [];
  const { summary } = await replayBatches([ins], { cfg, logPath: null, seriesEnds: ends, onEvent: (e) => events.push(e) });
  const conf = events.filter((e): e is ConfirmationLine => e.type === 'confirmation' && e.mint === A);
  const outcomes = events.filter((e): e is OutcomeLine => e.type === 'outcome' && e.mint === A);
  return { events, summary, conf, outcomes };
}

describe('outcomes past the series\' end in file replays', () => {
  it('the signal is tracked: one confirmation of A with a ladder the flat hours after it stay inside', async () => {
    const { ins, signalTs, end } = inputs(24);
    const r = await replay(ins, end);
    assert.equal(r.conf.length, 1);
    assert.equal(r.conf[0].ts, signalTs);
    const l = r.conf[0].ladder!;
    assert.ok(l, 'the confirmation has a ladder');
    assert.ok(l.sl < 1.19 && l.tp[0] > 1.21, `ladder ${l.sl}..${l.tp[0]} must contain the flat hours`);
  });

  it('data reaching exactly the horizon end gives TIMEOUT at the last price', async () => {
    const { ins, signalTs, end } = inputs(24);
    assert.equal(end.get(A), signalTs + cfg.risk.horizonMs, 'the last hour ends on the horizon');
    const r = await replay(ins, end);
    assert.equal(r.outcomes.length, 1);
    assert.equal(r.outcomes[0].result, 'TIMEOUT');
    assert.equal(r.outcomes[0].ts, signalTs + cfg.risk.horizonMs);
    assert.equal(r.outcomes[0].exitPrice, 1.2);
    assert.equal(r.summary.openOutcomes, 0);
  });

  it('data one bar short of the horizon leaves the signal open at end of data: no outcome line, counted open', async () => {
    const { ins, signalTs, end } = inputs(23);
    assert.equal(end.get(A), signalTs + cfg.risk.horizonMs - HOUR);
    const r = await replay(ins, end);
    assert.deepEqual(r.outcomes, []);
    assert.equal(r.summary.outcomes.TIMEOUT, 0);
    assert.equal(r.summary.openOutcomes, 1);
    // B's clock ran past A's horizon: only the series-end rule keeps it open.
    assert.ok(ins[ins.length - 1].knownAt > signalTs + cfg.risk.horizonMs);
    const samples = await collectSamples(r.events);
    assert.equal(samples.open, 1, 'calibration leaves it out of labels, as open');
    assert.equal(samples.samples.length, 0);
  });

  it('without series ends (the live rule, replay.windowEnd=clock) the same data reads TIMEOUT at the last price', async () => {
    const { ins, signalTs } = inputs(23);
    const r = await replay(ins, null);
    assert.equal(r.outcomes.length, 1);
    assert.equal(r.outcomes[0].result, 'TIMEOUT');
    assert.equal(r.outcomes[0].ts, signalTs + cfg.risk.horizonMs);
    assert.equal(r.summary.openOutcomes, 0);
  });

  it('a target hit before the series ends is still decided', async () => {
    const { ins, end } = inputs(23);
    const i = ins.findIndex((x) => x.kind === 'candle' && x.mint === A && x.start === W + 80 * HOUR);
    const c = ins[i] as Candle;
    ins[i] = { ...c, high: 9, close: 1.2 };
    const r = await replay(ins, end);
    assert.equal(r.outcomes.length, 1);
    assert.equal(r.outcomes[0].result, 'TP3');
  });
});
