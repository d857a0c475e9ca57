import type { Candle, SourceName } from './market.js';

/** The series a row of a candle block belongs to (what a file candle takes from its series, not its row). */
export interface BlockSeries {
  pool: string | null;
  mint: string | null;
  intervalMs: number;
  /** False for a series the replay skips (a coarser interval of a pool that has a finer one). */
  used: boolean;
}

/**
 * Final candles of one source held as typed columns, rows `[from, to)` in knownAt order: what a file
 * replay hands the engine instead of one Candle object per row. Row i is the candle of
 * `series[seriesOf[i]]` starting at `start[i]` (knownAt = start + intervalMs) with the OHLCV of row i.
 * The arrays belong to the producer and may be refilled once the engine has taken the block.
 */
export interface CandleBlock {
  kind: 'candle_block';
  source: SourceName;
  series: readonly BlockSeries[];
  seriesOf: Int32Array;
  start: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  from: number;
  to: number;
}

export const isCandleBlock = (x: unknown): x is CandleBlock => (x as CandleBlock | null)?.kind === 'candle_block';

/** Series tables with every series replayed (the usual case), found once per table. */
const allUsed = new WeakMap<readonly BlockSeries[], boolean>();

/** Rows of a block whose series is replayed; no pass over the rows when every series of its table is. */
export function usedRows(b: CandleBlock): number {
  let every = allUsed.get(b.series);
  if (every === undefined) {
    every = b.series.every((s) => s.used);
    allUsed.set(b.series, every);
  }
  if (every) return b.to - b.from;
  let n = 0;
  for (let i = b.from; i < b.to; i++) if (b.series[b.seriesOf[i]].used) n++;
  return n;
}

/** Row i of a block as the Candle it stands for, or null when its series is not replayed. */
export function candleOfRow(b: CandleBlock, i: number): Candle | null {
  const s = b.series[b.seriesOf[i]];
  if (!s.used) return null;
  const start = b.start[i];
  return {
    kind: 'candle', knownAt: start + s.intervalMs, mint: s.mint, pool: s.pool, source: b.source,
    start, intervalMs: s.intervalMs, open: b.open[i], high: b.high[i], low: b.low[i], close: b.close[i], volumeUsd: b.volume[i], final: true,
  };
}
