import type { Candle, Input } from '../../domain/market.js';
import type { CandleBlock } from '../../domain/candle-block.js';
import type { CandleRowSink } from './csv-fast-candles.js';
import type { SeriesKey } from './series-keys.js';
import { SeriesIndex, type SeriesState } from './series-stats.js';
import type { ScannedFile } from './scan.js';

/** Rows per streamed block: the block's columns (about 0.85 MB) are refilled once the engine has taken them. */
const BLOCK_ROWS = 1 << 14;
/** `SeriesKey.slot` of a key no series of the first pass has (the file changed between passes): rows dropped. */
const NO_SERIES = -2;


/**
 * The second read of a streamed candle file, from its bytes straight into one set of typed columns that is
 * refilled block after block: no Candle object per row and memory flat in the file's length. Rows keep file
 * order and the series of the first pass (inferred intervals apply through the block's series, skipped
 * series are marked unused there), with its time correction added, as streamCursor() replays them. Errors
 * of rows the first pass did not check (prices) are thrown here, naming file and line.
 */
export async function* streamedBlocks(f: ScannedFile): AsyncGenerator<CandleBlock> {
  const series: readonly SeriesState[] = f.series;
  const index = new SeriesIndex();
  for (const s of series) index.add(s, s.inferred ? 0 : s.intervalMs);
  const shiftMs = f.shiftMs;
  const block: CandleBlock = {
    kind: 'candle_block', source: 'file', series,
    seriesOf: new Int32Array(BLOCK_ROWS), start: new Float64Array(BLOCK_ROWS), open: new Float64Array(BLOCK_ROWS), high: new Float64Array(BLOCK_ROWS),
    low: new Float64Array(BLOCK_ROWS), close: new Float64Array(BLOCK_ROWS), volume: new Float64Array(BLOCK_ROWS), from: 0, to: 0,
  };
  let rows = 0;
  // Values are copied array to array (or from the record): a double passed to a call that is not inlined is boxed.
  const put = (order: number, v: Float64Array): void => {
    block.seriesOf[rows] = order;
    block.start[rows] = v[0] + shiftMs;
    block.open[rows] = v[1];
    block.high[rows] = v[2];
    block.low[rows] = v[3];
    block.close[rows] = v[4];
    block.volume[rows] = v[5];
    rows++;
  };
  const putCandle = (order: number, c: Candle): void => {
    block.seriesOf[rows] = order;
    block.start[rows] = c.start + shiftMs;
    block.open[rows] = c.open;
    block.high[rows] = c.high;
    block.low[rows] = c.low;
    block.close[rows] = c.close;
    block.volume[rows] = c.volumeUsd;
    rows++;
  };
  // The first pass's series of a raw key, found once per key (a record made only for the lookup).
  const orderOf = (key: SeriesKey): number => {
    const s = index.find({ kind: 'candle', knownAt: 0, mint: key.mint, pool: key.pool, source: 'file', start: 0, intervalMs: key.intervalMs, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true });
    return (key.slot = s === null ? NO_SERIES : s.order);
  };
  let lastRecord: Input | null = null;
  let lastOrder = NO_SERIES;
  const sink: CandleRowSink = {
    yieldEvery: BLOCK_ROWS,
    row(key, v) {
      let order = key.slot ?? -1;
      if (order === -1) order = orderOf(key);
      if (order !== NO_SERIES) put(order, v);
    },
    // Rows the string parser read (quoted fields, numbers off the fast grammar): candles of this file's layout.
    record(rec) {
      if (rec.kind !== 'candle') return;
      if (lastRecord === null || lastRecord.kind !== 'candle' || rec.pool !== lastRecord.pool || rec.mint !== lastRecord.mint || rec.intervalMs !== lastRecord.intervalMs) {
        lastOrder = index.find(rec)?.order ?? NO_SERIES;
      }
      lastRecord = rec;
      if (lastOrder !== NO_SERIES) putCandle(lastOrder, rec);
    },
  };
  // The byte reader hands every row to the sink; a layout it does not read yields records (the string reader).
  for await (const batch of f.reader.batches(false, sink)) {
    for (const rec of batch) {
      if (rows === BLOCK_ROWS) {
        block.to = rows;
        yield block;
        rows = 0;
      }
      sink.record(rec);
    }
    if (rows === 0) continue;
    block.to = rows;
    yield block;
    rows = 0;
  }
}
