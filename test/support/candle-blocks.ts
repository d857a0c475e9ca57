import type { BlockSeries, CandleBlock } from '../../src/domain/candle-block.js';

/** One candle row of a test block: series index, start and OHLCV. */
export interface BlockRow { s: number; start: number; o: number; h: number; l: number; c: number; v: number }

/**
 * The rows as typed columns cut into blocks that share them, each block `nextLength()` rows long (at least 1):
 * the shape the reader hands the engine, with the cut points left to the test.
 */
export function blocksOfRows(rows: readonly BlockRow[], series: readonly BlockSeries[], nextLength: () => number): CandleBlock[] {
  const n = rows.length;
  const col = () => new Float64Array(n);
  const b = { kind: 'candle_block' as const, source: 'file', series, seriesOf: new Int32Array(n), start: col(), open: col(), high: col(), low: col(), close: col(), volume: col() };
  rows.forEach((r, i) => {
    b.seriesOf[i] = r.s;
    b.start[i] = r.start;
    b.open[i] = r.o;
    b.high[i] = r.h;
    b.low[i] = r.l;
    b.close[i] = r.c;
    b.volume[i] = r.v;
  });
  const blocks: CandleBlock[] = [];
  for (let from = 0; from < n;) {
    const to = Math.min(n, from + Math.max(1, nextLength()));
    blocks.push({ ...b, from, to });
    from = to;
  }
  return blocks;
}
