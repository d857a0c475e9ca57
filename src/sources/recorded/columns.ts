import type { Candle, Input } from '../../domain/market.js';
import type { BlockSeries, CandleBlock } from '../../domain/candle-block.js';
import type { SeriesState } from './series-stats.js';
import type { Cursor } from './cursors.js';

/** Rows per chunk of columns: chunks are filled in turn, so the store never copies to grow. */
const CHUNK_ROWS = 1 << 16;
/** Bytes one row takes in the columns (series, start and OHLCV). */
export const COLUMN_ROW_BYTES = 4 + 6 * 8;

/** One chunk of rows: the columns of a CandleBlock (the series of each row, start and OHLCV). */
type Chunk = Pick<CandleBlock, 'seriesOf' | 'start' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

const newChunk = (): Chunk => ({
  seriesOf: new Int32Array(CHUNK_ROWS), start: new Float64Array(CHUNK_ROWS), open: new Float64Array(CHUNK_ROWS),
  high: new Float64Array(CHUNK_ROWS), low: new Float64Array(CHUNK_ROWS), close: new Float64Array(CHUNK_ROWS), volume: new Float64Array(CHUNK_ROWS),
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

  /** Index in the current chunk of the row being added. */
  private at = CHUNK_ROWS - 1;
  private current: Chunk | null = null;

  private nextRow(): Chunk {
    this.rows++;
    if (++this.at === CHUNK_ROWS || this.current === null) {
      this.current = newChunk();
      this.chunks.push(this.current);
      this.at = 0;
    }
    return this.current;
  }

  /** The held rows as blocks of one chunk each, for the engine to take without a Candle per row. */
  *blocks(series: readonly BlockSeries[]): Generator<CandleBlock> {
    for (let i = 0; i < this.chunks.length; i++) {
      const k = this.chunks[i];
      const to = Math.min(CHUNK_ROWS, this.rows - i * CHUNK_ROWS);
      yield { kind: 'candle_block', source: 'file', series, ...k, from: 0, to };
    }
  }
}

/**
 * Replays held columns in file order (time-sorted files only), as the streamed cursor replays the
 * file: rows of skipped series dropped, inferred intervals applied.
 */
export function columnCursor(order: number, cols: CandleColumns, series: SeriesState[], batchSize: number): Cursor {
  let row = 0;
  return {
    order,
    async next() {
      if (row >= cols.rows) return null;
      const out: Input[] = [];
      while (row < cols.rows && out.length < batchSize) {
        const k = cols.chunks[Math.floor(row / CHUNK_ROWS)];
        const stop = Math.min(cols.rows, (Math.floor(row / CHUNK_ROWS) + 1) * CHUNK_ROWS);
        for (let at = row % CHUNK_ROWS; row < stop && out.length < batchSize; row++, at++) {
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
      }
      return out;
    },
  };
}
