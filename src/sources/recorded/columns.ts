import type { Candle, Input } from '../../domain/market.js';
import type { BlockSeries, CandleBlock } from '../../domain/candle-block.js';
import type { SeriesState } from './series-stats.js';
import type { Cursor } from './cursors.js';

/** Rows per chunk of columns: chunks are filled in turn, so the store never copies to grow. */
const CHUNK_ROWS = 1 << 16;
/**
 * Rows of the first chunk: a pass into columns starts its second chunk before V8 optimises the row path, which
 * then has the types of that step. Otherwise the first chunk change, 65,536 rows in, throws the optimised row
 * path away (and its compile, 10-20 ms, is done again).
 */
const FIRST_CHUNK_ROWS = 1 << 10;
/** Bytes one row takes in the columns (series, start and OHLCV). */
export const COLUMN_ROW_BYTES = 4 + 6 * 8;

/** One chunk of rows: the columns of a CandleBlock (the series of each row, start and OHLCV). */
type Chunk = Pick<CandleBlock, 'seriesOf' | 'start' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

const newChunk = (rows: number): Chunk => ({
  seriesOf: new Int32Array(rows), start: new Float64Array(rows), open: new Float64Array(rows),
  high: new Float64Array(rows), low: new Float64Array(rows), close: new Float64Array(rows), volume: new Float64Array(rows),
});

/**
 * The candles of a file held as typed columns in file order: about a third of the memory of the
 * records and nothing for the garbage collector to trace, so a file read once can be replayed without
 * a second read. Only for files whose candles are plain file candles (rebuilt from series and OHLCV).
 */
export class CandleColumns {
  readonly chunks: Chunk[] = [];
  rows = 0;

  get bytes(): number {
    return this.rows * COLUMN_ROW_BYTES;
  }

  push(seriesOrder: number, c: Candle): void {
    const k = this.nextRow();
    const at = this.at;
    k.seriesOf[at] = seriesOrder;
    k.start[at] = c.start;
    k.open[at] = c.open;
    k.high[at] = c.high;
    k.low[at] = c.low;
    k.close[at] = c.close;
    k.volume[at] = c.volumeUsd;
  }

  /** A row from `v` = start, open, high, low, close, volumeUsd. */
  pushValues(seriesOrder: number, v: Float64Array): void {
    const k = this.nextRow();
    const at = this.at;
    k.seriesOf[at] = seriesOrder;
    k.start[at] = v[0];
    k.open[at] = v[1];
    k.high[at] = v[2];
    k.low[at] = v[3];
    k.close[at] = v[4];
    k.volume[at] = v[5];
  }

  /** Index in the current chunk of the row being added, and the rows that chunk holds (none before the first). */
  private at = -1;
  private capacity = 0;
  private current: Chunk | null = null;

  private nextRow(): Chunk {
    this.rows++;
    if (++this.at === this.capacity) {
      this.current = newChunk(this.chunks.length === 0 ? FIRST_CHUNK_ROWS : CHUNK_ROWS);
      this.chunks.push(this.current);
      this.capacity = this.current.start.length;
      this.at = 0;
    }
    return this.current!;
  }

  /** The held rows as blocks of one chunk each, for the engine to take without a Candle per row. */
  *blocks(series: readonly BlockSeries[]): Generator<CandleBlock> {
    let before = 0;
    for (const k of this.chunks) {
      const to = Math.min(k.start.length, this.rows - before);
      before += to;
      yield { kind: 'candle_block', source: 'file', series, ...k, from: 0, to };
    }
  }
}

/**
 * Replays held columns in file order (time-sorted files only), as the streamed cursor replays the
 * file: rows of skipped series dropped, inferred intervals applied.
 */
export function columnCursor(order: number, cols: CandleColumns, series: SeriesState[], batchSize: number): Cursor {
  // The next row: its index in the file, and its chunk and index there.
  let row = 0;
  let chunk = 0;
  let at = 0;
  return {
    order,
    async next() {
      if (row >= cols.rows) return null;
      const out: Input[] = [];
      while (row < cols.rows && out.length < batchSize) {
        const k = cols.chunks[chunk];
        const stop = Math.min(k.start.length, at + cols.rows - row);
        for (; at < stop && out.length < batchSize; row++, at++) {
          const s = series[k.seriesOf[at]];
          if (!s.used) continue;
          const start = k.start[at];
          const intervalMs = s.intervalMs;
          const candle: Candle = {
            kind: 'candle', knownAt: start + intervalMs, mint: s.mint, pool: s.pool, source: 'file',
            start, intervalMs, open: k.open[at], high: k.high[at], low: k.low[at], close: k.close[at], volumeUsd: k.volume[at], final: true,
          };
          out.push(candle);
        }
        if (at === k.start.length) {
          chunk++;
          at = 0;
        }
      }
      return out;
    },
  };
}
