import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CandleColumns, columnCursor } from '../../../src/sources/recorded/columns.js';
import { newSeries, type SeriesState } from '../../../src/sources/recorded/series-stats.js';
import { candleOfRow, type CandleBlock } from '../../../src/domain/candle-block.js';
import type { Candle, Input } from '../../../src/domain/market.js';

// A file held as columns fills chunks in turn. Its blocks and its cursor must give back every row pushed, in
// order, across chunk ends.

const MINUTE = 60_000;

function candleOf(s: SeriesState, i: number): Candle {
  const start = 1_700_000_000_000 + Math.floor(i / 3) * MINUTE;
  const open = 1 + (i % 97) / 8;
  return {
    kind: 'candle', knownAt: start + s.intervalMs, mint: s.mint, pool: s.pool, source: 'file', start, intervalMs: s.intervalMs,
    open, high: open + 0.5, low: open / 2, close: open + 0.25, volumeUsd: i, final: true,
  };
}

/** Three series; rows go round them, pushed as values and (every seventh) as records. */
function filled(rows: number): { cols: CandleColumns; series: SeriesState[]; pushed: Candle[] } {
  const series = ['PoolA', 'PoolB', 'PoolC'].map((pool, order) =>
    newSeries(order, { kind: 'candle', knownAt: 0, mint: `Mint${order}`, pool, source: 'file', start: 0, intervalMs: MINUTE, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true }, false));
  for (const s of series) s.intervalMs = MINUTE;
  const cols = new CandleColumns();
  const pushed: Candle[] = [];
  const v = new Float64Array(6);
  for (let i = 0; i < rows; i++) {
    const s = series[i % 3];
    const c = candleOf(s, i);
    pushed.push(c);
    if (i % 7 === 0) cols.push(s.order, c);
    else {
      v.set([c.start, c.open, c.high, c.low, c.close, c.volumeUsd]);
      cols.pushValues(s.order, v);
    }
  }
  return { cols, series, pushed };
}

describe('candles held as columns', () => {
  // Two full chunks of 65,536 rows and part of a third.
  const ROWS = 2 * 65_536 + 10;

  it('gives every row back as blocks, in order, across chunks of different sizes', () => {
    const { cols, series, pushed } = filled(ROWS);
    assert.equal(cols.rows, ROWS);
    const back: Input[] = [];
    let blocks = 0;
    for (const b of cols.blocks(series) as Generator<CandleBlock>) {
      blocks++;
      for (let i = b.from; i < b.to; i++) back.push(candleOfRow(b, i)!);
    }
    assert.ok(blocks >= 3, `${blocks} blocks`);
    assert.deepEqual(back, pushed);
  });

  it('its cursor gives the same rows in batches that cross chunk ends, leaving out unused series', async () => {
    const { cols, series, pushed } = filled(ROWS);
    series[1].used = false;
    const cursor = columnCursor(0, cols, series, 1_000);
    const back: Input[] = [];
    for (let batch = await cursor.next(); batch !== null; batch = await cursor.next()) {
      assert.ok(batch.length <= 1_000);
      back.push(...batch);
    }
    assert.deepEqual(back, pushed.filter((c) => c.pool !== 'PoolB'));
  });

  it('an empty store gives no block and no batch', async () => {
    const { cols, series } = filled(0);
    assert.equal([...cols.blocks(series)].length, 0);
    assert.equal(await columnCursor(0, cols, series, 10).next(), null);
  });
});
