import { MINUTE_MS, bucketStart } from '../domain/time.js';
import type { MutableBar } from './bar.js';
import type { Tier } from './tier.js';

// A tier's bar started straight from a row of candle columns (the engine's in-place 1m row): startBar() of the
// row's numbers, read where they are held.

/** The columns of the block being applied, refilled per block (one object, so one layout whatever the block's). */
export interface RowColumns {
  starts: Float64Array;
  opens: Float64Array;
  highs: Float64Array;
  lows: Float64Array;
  closes: Float64Array;
  volumes: Float64Array;
}

/** startBar() of row i: the tier's spare bar (set) becomes its forming bar, in the bucket holding the row. */
export function startRow(t: Tier, cols: RowColumns, i: number): MutableBar {
  const bar = t.spare!;
  const start = cols.starts[i];
  t.spare = null;
  t.acc = bar;
  // A 1m row is its own 1m bucket (on the grid).
  t.start = t.intervalMs === MINUTE_MS ? start : bucketStart(start, t.intervalMs);
  bar.start = t.start;
  bar.open = cols.opens[i];
  bar.high = cols.highs[i];
  bar.low = cols.lows[i];
  bar.close = cols.closes[i];
  bar.volumeUsd = cols.volumes[i];
  return bar;
}
