import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { candleOfRow, usedRows, type BlockSeries, type CandleBlock } from '../../src/domain/candle-block.js';
import { FIVE_MIN_MS, MINUTE_MS } from '../../src/domain/time.js';

const W0 = 1_755_993_600_000;

function blockOf(series: BlockSeries[], seriesOf: number[], from: number, to: number): CandleBlock {
  const n = seriesOf.length;
  const f = () => Float64Array.from({ length: n }, (_, i) => 1 + i / 100);
  return {
    kind: 'candle_block', source: 'file', series, seriesOf: Int32Array.from(seriesOf),
    start: Float64Array.from({ length: n }, (_, i) => W0 + i * MINUTE_MS), open: f(), high: f(), low: f(), close: f(), volume: f(), from, to,
  };
}

/** The count the slow way: rows whose candle is replayed. */
const counted = (b: CandleBlock) => { let n = 0; for (let i = b.from; i < b.to; i++) if (candleOfRow(b, i) !== null) n++; return n; };

describe('usedRows', () => {
  it('counts the rows of replayed series in [from, to), whether every series of the table is replayed or not', () => {
    const all: BlockSeries[] = [{ pool: 'A', mint: null, intervalMs: MINUTE_MS, used: true }, { pool: 'B', mint: null, intervalMs: MINUTE_MS, used: true }];
    const some: BlockSeries[] = [{ pool: 'A', mint: null, intervalMs: MINUTE_MS, used: true }, { pool: 'A', mint: null, intervalMs: FIVE_MIN_MS, used: false }];
    const rows = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1];
    for (const series of [all, some]) {
      for (const [from, to] of [[0, 10], [2, 7], [4, 4], [9, 10]]) {
        const b = blockOf(series, rows, from, to);
        assert.equal(usedRows(b), counted(b), `${series === all ? 'all' : 'some'} used, rows ${from}-${to}`);
        // Asked again (the table's answer is remembered): the same count.
        assert.equal(usedRows(b), counted(b));
      }
    }
  });
});
