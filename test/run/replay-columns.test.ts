import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import { loadConfig, type Config } from '../../src/config/load.js';
import { confidenceHook } from '../../src/confidence/index.js';
import { candleOfRow, type BlockSeries, type CandleBlock } from '../../src/domain/candle-block.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { FIVE_MIN_MS, MINUTE_MS } from '../../src/domain/time.js';
import { seeded } from '../fakes/http-base.js';
import { blocksOfRows, type BlockRow } from '../support/candle-blocks.js';

// The column path (Engine.pushBlock) must decide exactly what the object path (Engine.push of each row's
// Candle) decides: every event, in the same order, with the same counters. The rows are generated from a
// seed with what real files hold and what the engine must reject: gaps, zero volumes, several pools per
// mint, a 5m series, a skipped series, duplicates, rows out of order, invalid values, series ending inside
// a window. Each seed is cut into blocks at random places.

const W0 = 1_755_993_600_000; // a 4h boundary (2025-08-24 00:00 UTC)
const M1 = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
const M2 = 'So11111111111111111111111111111111111111112';

const SERIES: BlockSeries[] = [
  { pool: 'PoolA1111111111111111111111111111111111111', mint: M1, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolB1111111111111111111111111111111111111', mint: M1, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolC1111111111111111111111111111111111111', mint: null, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolD1111111111111111111111111111111111111', mint: null, intervalMs: FIVE_MIN_MS, used: true },
  { pool: 'PoolE1111111111111111111111111111111111111', mint: M2, intervalMs: MINUTE_MS, used: true },
  { pool: 'PoolC1111111111111111111111111111111111111', mint: null, intervalMs: FIVE_MIN_MS, used: false },
];
/** Where each series' data stops (series E ends inside a 4h window), in minutes from W0. */
const HOURS = 72;
const STOP_MIN = [HOURS * 60, HOURS * 60, HOURS * 60, HOURS * 60, 50 * 60 + 97, HOURS * 60];

type Row = BlockRow;

/** Rows in knownAt order, with rallies (so signals fire) and the faults listed above mixed in. */
function generate(seed: number): Row[] {
  const rnd = seeded(seed);
  const price = SERIES.map(() => 0.5 + rnd());
  const rows: Row[] = [];
  const last: (Row | null)[] = SERIES.map(() => null);
  for (let m = 0; m < HOURS * 60; m++) {
    for (let s = 0; s < SERIES.length; s++) {
      const iv = SERIES[s].intervalMs;
      const start = W0 + m * MINUTE_MS - iv + MINUTE_MS; // known at the end of minute m
      if (start % iv !== 0 || start < W0 || m >= STOP_MIN[s] || rnd() < 0.08) continue;
      // A rally of about an hour every few hours, with volume to match: ignitions, confirmations, outcomes.
      const rally = (m % 300) < 60 && s !== 1;
      const step = rally ? 0.004 + 0.004 * rnd() : (rnd() - 0.5) * 0.01;
      const o = price[s];
      const c = Math.max(1e-6, o * (1 + step));
      price[s] = c;
      const v = rnd() < 0.05 ? 0 : (rally ? 20 : 1) * 1000 * rnd();
      const row: Row = { s, start, o, h: Math.max(o, c) * (1 + 0.003 * rnd()), l: Math.min(o, c) * (1 - 0.003 * rnd()), c, v };
      rows.push(row);
      const f = rnd();
      if (f < 0.01 && last[s]) rows.push({ ...last[s]!, v: last[s]!.v + 1 }); // out of order (an earlier start)
      else if (f < 0.02) rows.push({ ...row }); // duplicate
      else if (f < 0.025) rows.push({ ...row, h: row.l / 2 }); // high below low
      else if (f < 0.03) rows.push({ ...row, o: 0 }); // price out of range
      else if (f < 0.032) rows.push({ ...row, v: Number.NaN }); // volume not a number
      else if (f < 0.034) rows.push({ ...row, start: row.start + 1 }); // start not on the grid
      last[s] = row;
    }
  }
  return rows;
}

/** The rows as blocks of typed columns, cut at random places (blocks of 1 row included). */
function blocksOf(rows: Row[], seed: number): CandleBlock[] {
  const rnd = seeded(seed);
  return blocksOfRows(rows, SERIES, () => (rnd() < 0.1 ? 1 : 1 + Math.floor(rnd() * 3000)));
}

function engineOf(cfg: Config, events: ScanEvent[], withEnds: boolean): Engine {
  const ends = new Map<string, number>();
  SERIES.forEach((s, i) => {
    const key = s.mint ?? `pool:${s.pool}`;
    ends.set(key, Math.max(ends.get(key) ?? -Infinity, W0 + STOP_MIN[i] * MINUTE_MS));
  });
  return new Engine(cfg, { emit: (e) => events.push(e), confidence: confidenceHook(cfg.confidence, null), seriesEnd: withEnds ? (k) => ends.get(k) : undefined });
}

function bothWays(cfg: Config, blocks: CandleBlock[], withEnds: boolean) {
  const viaObjects: ScanEvent[] = [];
  const objects = engineOf(cfg, viaObjects, withEnds);
  for (const b of blocks) {
    for (let i = b.from; i < b.to; i++) {
      const c = candleOfRow(b, i);
      if (c !== null) objects.push(c);
    }
  }
  objects.finish();
  const viaBlocks: ScanEvent[] = [];
  const columns = engineOf(cfg, viaBlocks, withEnds);
  const seen: number[] = [];
  for (const b of blocks) columns.pushBlock(b, (row) => seen.push(row.knownAt));
  columns.finish();
  return { viaObjects, viaBlocks, objects, columns, seen };
}

const count = (events: ScanEvent[], pred: (e: ScanEvent) => boolean) => events.filter(pred).length;
/** The values with each run of equal ones kept once. */
const runsOf = (xs: number[]) => xs.filter((x, i) => i === 0 || x !== xs[i - 1]);

describe('replay columns: the column path decides exactly what the object path decides', () => {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  for (const seed of [1, 2, 3]) {
    for (const withEnds of [true, false]) {
      it(`seed ${seed}, ${withEnds ? 'windows end with each series' : 'the clock closes every window'}: same events in the same order, same counters`, () => {
        const rows = generate(seed);
        const blocks = blocksOf(rows, seed + 100);
        const { viaObjects, viaBlocks, objects, columns, seen } = bothWays(cfg, blocks, withEnds);
        assert.deepStrictEqual(viaBlocks, viaObjects);
        assert.deepStrictEqual(columns.stats, objects.stats);
        // The clock saw every replayed row's knownAt, in row order (once per run of rows of one time at least).
        const used = rows.filter((r) => SERIES[r.s].used);
        assert.deepStrictEqual(runsOf(seen), runsOf(used.map((r) => r.start + SERIES[r.s].intervalMs)));
        assert.ok(seen.length < used.length, 'rows of a time already seen do not move the clock again');
        // The data reached what it is meant to exercise (else equality would prove little).
        const dropped = (reason: string) => count(viaBlocks, (e) => e.type === 'dropped' && e.reason === reason);
        assert.ok(dropped('late') > 0 && dropped('duplicate') > 0 && dropped('invalid') > 0, 'late, duplicate and invalid rows dropped');
        for (const type of ['window', 'ignition', 'confirmation', 'outcome']) assert.ok(count(viaBlocks, (e) => e.type === type) > 0, `${type} events`);
        assert.ok(objects.stats.secondary > 0, 'rows of a second pool of a mint');
        assert.equal(objects.stats.inputs, used.length);
      });
    }
  }

  it('a series that is not replayed costs nothing and changes nothing', () => {
    const rows = generate(7);
    const blocks = blocksOf(rows, 8);
    const without = blocksOf(rows.filter((r) => SERIES[r.s].used), 8);
    const a: ScanEvent[] = [];
    const b: ScanEvent[] = [];
    const ea = engineOf(cfg, a, true);
    const eb = engineOf(cfg, b, true);
    for (const x of blocks) ea.pushBlock(x);
    for (const x of without) eb.pushBlock(x);
    ea.finish();
    eb.finish();
    assert.ok(rows.some((r) => !SERIES[r.s].used));
    assert.deepStrictEqual(a, b);
  });
});
