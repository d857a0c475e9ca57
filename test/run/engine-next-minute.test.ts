import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import type { RowColumns } from '../../src/candles/row-bars.js';
import type { TokenRec } from '../../src/run/token.js';
import { loadConfig, type Config } from '../../src/config/load.js';
import { confidenceHook } from '../../src/confidence/index.js';
import type { BlockSeries, CandleBlock } from '../../src/domain/candle-block.js';
import type { Candle } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import type { InputCounts } from '../../src/domain/status.js';
import { MINUTE_MS } from '../../src/domain/time.js';
import { seeded } from '../fakes/http-base.js';
import { blocksOfRows, type BlockRow } from '../support/candle-blocks.js';

// The column path applies the usual 1m row in place (EngineRows.applyNextMinute) and every other row through
// applyMinuteRow(). The in-place path must leave exactly what the general one leaves: the same events in the
// same order, the same counters and the same state of every token (bars, tiers, volumes, queue places). The
// rows hold what makes it step aside or take its less usual branches: gaps inside a 5m bucket, across 5m
// buckets and across 4h windows, a 4h window the clock closed, outcomes being tracked, a second pool, a
// provisional candle, duplicates, rows out of order and invalid prices.

const W0 = 1_755_993_600_000; // a 4h boundary (2025-08-24 00:00 UTC)
const M1 = 'Mint1111111111111111111111111111111111pump';
const M2 = 'Mint2222222222222222222222222222222222pump';
const SERIES: BlockSeries[] = [
  { pool: 'PoolA1111111111111111111111111111111111111', mint: M1, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolB1111111111111111111111111111111111111', mint: M1, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolC1111111111111111111111111111111111111', mint: null, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolD1111111111111111111111111111111111111', mint: M2, intervalMs: MINUTE_MS, used: true },
];
const HOURS = 72;
/** Minutes each series skips, [from, to): across 5m buckets (C) and across 4h windows (A, D). */
const SKIP: [number, number][][] = [[[1000, 1300]], [], [[600, 617]], [[2000, 2500]]];

function generate(seed: number): BlockRow[] {
  const rnd = seeded(seed);
  const price = SERIES.map(() => 0.5 + rnd());
  const rows: BlockRow[] = [];
  for (let m = 0; m < HOURS * 60; m++) {
    for (let s = 0; s < SERIES.length; s++) {
      if (rnd() < 0.1 || SKIP[s].some(([a, b]) => m >= a && m < b)) continue;
      // A rally of about an hour every five hours: ignitions, confirmations and (with enough 4h history) ladders.
      const rally = m % 300 < 60 && s !== 1;
      const o = price[s];
      const c = o * (1 + (rally ? 0.004 + 0.004 * rnd() : (rnd() - 0.5) * 0.01));
      price[s] = c;
      const row: BlockRow = { s, start: W0 + m * MINUTE_MS, o, h: Math.max(o, c) * (1 + 0.002 * rnd()), l: Math.min(o, c) * (1 - 0.002 * rnd()), c, v: (rally ? 20 : 1) * 1000 * rnd() };
      rows.push(row);
      const f = rnd();
      if (f < 0.01) rows.push({ ...row }); // duplicate
      else if (f < 0.015) rows.push({ ...row, o: 0 }); // price out of range
      else if (f < 0.02 && rows.length > 8) rows.push({ ...rows[rows.length - 8], s, v: 1 }); // an earlier start
    }
  }
  return rows;
}

/** Counts the rows applied in place. */
class CountingEngine extends Engine {
  inPlace = 0;
  protected override applyNextMinute(rec: TokenRec, pool: string | null, cols: RowColumns, i: number, counts: InputCounts): boolean {
    const done = super.applyNextMinute(rec, pool, cols, i, counts);
    if (done) this.inPlace += 1;
    return done;
  }
}

/** Takes every row through applyMinuteRow(). */
class GeneralEngine extends Engine {
  protected override applyNextMinute(): boolean {
    return false;
  }
}

/** A provisional candle of series A's pool, for the minute of its last row in the blocks before block `at`. */
function provisionalBefore(blocks: CandleBlock[], at: number): Candle {
  const b = blocks[at - 1];
  let start = -1;
  for (let i = b.to - 1; i >= 0 && start < 0; i--) if (b.seriesOf[i] === 0) start = b.start[i];
  return { kind: 'candle', knownAt: start + MINUTE_MS, mint: M1, pool: SERIES[0].pool, source: 'file', start, intervalMs: MINUTE_MS, open: 1.01, high: 1.02, low: 1.005, close: 1.015, volumeUsd: 7.5, final: false };
}

function run(engine: Engine, blocks: CandleBlock[]): void {
  blocks.forEach((b, n) => {
    if (n === 5) engine.push(provisionalBefore(blocks, n));
    engine.pushBlock(b);
  });
  engine.finish();
}

function engines(cfg: Config, seed: number) {
  const rows = generate(seed);
  const rnd = seeded(seed + 50);
  const blocks = blocksOfRows(rows, SERIES, () => 1 + Math.floor(rnd() * 2000));
  const hooks = (events: ScanEvent[]) => ({ emit: (e: ScanEvent) => events.push(e), confidence: confidenceHook(cfg.confidence, null), seriesEnd: undefined });
  const inPlaceEvents: ScanEvent[] = [];
  const generalEvents: ScanEvent[] = [];
  const inPlace = new CountingEngine(cfg, hooks(inPlaceEvents));
  const general = new GeneralEngine(cfg, hooks(generalEvents));
  run(inPlace, blocks);
  run(general, blocks);
  return { rows, inPlace, general, inPlaceEvents, generalEvents };
}

describe('engine: the usual 1m row applied in place', () => {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  for (const seed of [11, 12]) {
    it(`seed ${seed}: same events, counters and token state as through applyMinuteRow()`, () => {
      const { rows, inPlace, general, inPlaceEvents, generalEvents } = engines(cfg, seed);
      assert.deepStrictEqual(inPlaceEvents, generalEvents);
      assert.deepStrictEqual(inPlace.stats, general.stats);
      assert.deepStrictEqual([...inPlace.tokens.keys()], [...general.tokens.keys()]);
      for (const [key, rec] of inPlace.tokens) assert.deepStrictEqual(rec, general.tokens.get(key), key);
      // Most rows went in place, and what makes it step aside came up.
      assert.ok(inPlace.inPlace > rows.length / 2, `${inPlace.inPlace} of ${rows.length} rows in place`);
      const count = (type: string) => generalEvents.filter((e) => e.type === type).length;
      for (const type of ['window', 'ignition', 'confirmation', 'outcome', 'dropped']) assert.ok(count(type) > 0, `${type} events`);
      assert.ok(general.stats.secondary > 0, 'rows of a second pool');
    });
  }

  it('takes no row whose limits leave room for lateness (the clock closes those buckets later)', () => {
    const late = loadConfig({ presets: ['replay'], env: {}, sets: [['input.lateToleranceMs', '30000', 'test']] });
    const { inPlace, inPlaceEvents, generalEvents } = engines(late, 13);
    assert.equal(inPlace.inPlace, 0);
    assert.deepStrictEqual(inPlaceEvents, generalEvents);
  });
});
