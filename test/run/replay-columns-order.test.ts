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

// The column path leaves a final 1m candle's own 1m end out of the clock's queue (the token waits at its 5m
// end instead), where the object path queues every boundary. Both must close windows in the same order:
// many tokens share each boundary here, each with its own gaps (single minutes, long silences, series that
// stop early), so the 5m and 4h closes of several tokens fall on one boundary in an order the queue decides.

const W0 = 1_755_993_600_000; // a 4h boundary
const TOKENS = 40;
const MINUTES = 30 * 60;

type Row = BlockRow;

function seriesOf(): BlockSeries[] {
  return Array.from({ length: TOKENS }, (_, i) => ({
    pool: `Pool${String(i).padStart(3, '0')}1111111111111111111111111111111111111`.slice(0, 43),
    mint: i % 3 === 0 ? `Mint${String(i).padStart(3, '0')}11111111111111111111111111111111111111`.slice(0, 43) : null,
    intervalMs: i % 13 === 5 ? FIVE_MIN_MS : MINUTE_MS,
    used: true,
  }));
}

/** Rows in knownAt order, tokens interleaved within each minute in a shuffled order, with gaps and faults. */
function generate(seed: number, series: BlockSeries[]): { rows: Row[]; stops: number[] } {
  const rnd = seeded(seed);
  const gap = series.map(() => 0.02 + 0.5 * rnd() * rnd());
  const stops = series.map(() => (rnd() < 0.2 ? Math.floor(MINUTES * (0.3 + 0.6 * rnd())) : MINUTES));
  const price = series.map(() => 0.5 + rnd());
  const silentUntil = series.map(() => 0);
  const rows: Row[] = [];
  const delayed: { at: number; row: Row }[] = [];
  for (let m = 0; m < MINUTES; m++) {
    const order = series.map((_, i) => i).sort(() => rnd() - 0.5);
    for (const s of order) {
      const iv = series[s].intervalMs;
      const start = W0 + m * MINUTE_MS - iv + MINUTE_MS;
      if (start % iv !== 0 || start < W0 || m >= stops[s] || m < silentUntil[s] || rnd() < gap[s]) continue;
      if (rnd() < 0.004) silentUntil[s] = m + 5 + Math.floor(rnd() * 40); // a long silence after this row
      // Rallies start at the same minutes for most tokens, so their signals and closes share boundaries.
      const rally = (m % 240) >= 30 && (m % 240) < 90 && s % 4 !== 1;
      const step = rally ? 0.003 + 0.005 * rnd() : (rnd() - 0.5) * 0.01;
      const o = price[s];
      const c = Math.max(1e-6, o * (1 + step));
      price[s] = c;
      const v = (rally ? 25 : 1) * 1000 * rnd();
      const row: Row = { s, start, o, h: Math.max(o, c) * (1 + 0.003 * rnd()), l: Math.min(o, c) * (1 - 0.003 * rnd()), c, v };
      rows.push(row);
      const f = rnd();
      if (f < 0.01) rows.push({ ...row }); // a duplicate at the same knownAt
      else if (f < 0.02) delayed.push({ at: m + 1 + Math.floor(rnd() * 3), row: { ...row } }); // the same row again, later
    }
    for (let i = delayed.length - 1; i >= 0; i--) {
      if (delayed[i].at !== m) continue;
      rows.push(delayed[i].row);
      delayed.splice(i, 1);
    }
  }
  return { rows, stops };
}

function blocksOf(rows: Row[], series: BlockSeries[], rnd: () => number): CandleBlock[] {
  return blocksOfRows(rows, series, () => 1 + Math.floor(rnd() * 2000));
}

function run(cfg: Config, blocks: CandleBlock[], ends: Map<string, number> | null, asBlocks: boolean) {
  const events: ScanEvent[] = [];
  const e = new Engine(cfg, { emit: (x) => events.push(x), confidence: confidenceHook(cfg.confidence, null), seriesEnd: ends ? (k) => ends.get(k) : undefined });
  for (const b of blocks) {
    if (asBlocks) e.pushBlock(b);
    else for (let i = b.from; i < b.to; i++) e.push(candleOfRow(b, i)!);
  }
  e.finish();
  return { events, stats: e.stats };
}

/** Boundaries at which lines of two or more tokens were emitted: where the queue's order shows. */
function sharedBoundaries(events: ScanEvent[]): number {
  const byTs = new Map<number, Set<string>>();
  for (const e of events) {
    if (e.type !== 'window' && e.type !== 'ignition' && e.type !== 'near_miss' && e.type !== 'confirmation' && e.type !== 'fade') continue;
    const key = e.mint ?? e.pool ?? '';
    byTs.set(e.ts, (byTs.get(e.ts) ?? new Set()).add(key));
  }
  return [...byTs.values()].filter((s) => s.size > 1).length;
}

describe('replay columns: windows of tokens sharing a boundary close in the same order both ways', () => {
  for (const seed of [11, 12, 13]) {
    for (const withEnds of [true, false]) {
      for (const lateMs of [0, 2 * MINUTE_MS]) {
        it(`seed ${seed}, ${withEnds ? 'series ends' : 'clock only'}, lateness ${lateMs / MINUTE_MS} min: same events, same order, same counters`, () => {
          const cfg = loadConfig({ presets: ['replay'], env: {}, sets: [['input.lateToleranceMs', String(lateMs), 'test']] });
          const rnd = seeded(seed + 500);
          const series = seriesOf();
          const { rows, stops } = generate(seed, series);
          const ends = new Map<string, number>();
          series.forEach((s, i) => ends.set(s.mint ?? `pool:${s.pool}`, W0 + stops[i] * MINUTE_MS));
          const blocks = blocksOf(rows, series, rnd);
          const viaObjects = run(cfg, blocks, withEnds ? ends : null, false);
          const viaBlocks = run(cfg, blocks, withEnds ? ends : null, true);
          assert.deepStrictEqual(viaBlocks.events, viaObjects.events);
          assert.deepStrictEqual(viaBlocks.stats, viaObjects.stats);
          // What the comparison is meant to exercise is there (else equality would prove little).
          assert.ok(sharedBoundaries(viaBlocks.events) > 20, 'several tokens decide on one boundary');
          const count = (type: string) => viaBlocks.events.filter((e) => e.type === type).length;
          for (const type of ['window', 'ignition', 'near_miss', 'confirmation']) assert.ok(count(type) > 0, `${type} events`);
          const dropped = (detail: string) => viaBlocks.events.filter((e) => e.type === 'dropped' && e.detail === detail).length;
          assert.ok(dropped('candle_seen') > 0 && dropped('bucket_already_closed') > 0, 'duplicates both before and after the clock closed their minute');
        });
      }
    }
  }
});

describe('column rows: a 1m bucket left out of the queue closes when the clock would close it', () => {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const series: BlockSeries[] = [
    { pool: 'PoolY1111111111111111111111111111111111111', mint: null, intervalMs: MINUTE_MS, used: true },
    { pool: 'PoolZ1111111111111111111111111111111111111', mint: null, intervalMs: MINUTE_MS, used: true },
  ];
  const row = (s: number, m: number): Row => ({ s, start: W0 + m * MINUTE_MS, o: 1, h: 1.01, l: 0.99, c: 1, v: 100 });
  const dropped = (rows: Row[], asBlocks: boolean) =>
    run(cfg, blocksOf(rows, series, () => 0.999), null, asBlocks).events.flatMap((e) => (e.type === 'dropped' ? [`${e.pool?.slice(0, 5)} ${(e.inputTs - W0) / MINUTE_MS}: ${e.detail}`] : []));

  for (const asBlocks of [true, false]) {
    it(`${asBlocks ? 'blocks' : 'objects'}: a repeat known at the same time is a duplicate; after another token moved the clock past its minute, late`, () => {
      // Token Y's minutes 0-2, minute 2 again at once (its minute is still open: a duplicate), token Z's minute 3
      // (the clock passes the end of Y's minute 2, which no later row of Y has closed), then Y's minute 2 again
      // (closed by the clock: late) and Y's minute 1 again (closed when minute 2 arrived: late).
      const got = dropped([row(0, 0), row(0, 1), row(0, 2), row(0, 2), row(1, 3), row(0, 2), row(0, 1)], asBlocks);
      assert.deepStrictEqual(got, ['PoolY 2: candle_seen', 'PoolY 2: bucket_already_closed', 'PoolY 1: bucket_already_closed']);
    });
  }
});
