import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFinalPiece, closeTier, newTier, type Tier } from '../../src/candles/tier.js';
import { startRow, type RowColumns } from '../../src/candles/row-bars.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';

// startRow() starts a tier's next bucket from a row of candle columns, as applyFinalPiece() does from the
// candle record after a close: the same bar object (the tier's spare), the bucket holding the row, its numbers.

const T0 = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS);

/** Two rows: one in the first minute of a 4h window, one 7 minutes and 3 5m buckets later. */
function columns(): RowColumns {
  return {
    starts: Float64Array.of(T0, T0 + 17 * MINUTE_MS), opens: Float64Array.of(1.5, 2.25), highs: Float64Array.of(1.75, 2.5),
    lows: Float64Array.of(1.25, 2.125), closes: Float64Array.of(1.625, 2.375), volumes: Float64Array.of(10.5, 20.25),
  };
}

/** A tier whose first bucket (row 0) has closed, leaving its bar as the spare. */
function closedAfterRow0(intervalMs: number, cols: RowColumns): Tier {
  const t = newTier(intervalMs);
  applyFinalPiece(t, { start: cols.starts[0], open: cols.opens[0], high: cols.highs[0], low: cols.lows[0], close: cols.closes[0], volumeUsd: cols.volumes[0] });
  closeTier(t);
  return t;
}

describe('row bars: startRow()', () => {
  for (const intervalMs of [MINUTE_MS, FIVE_MIN_MS, FOUR_HOUR_MS]) {
    it(`${intervalMs / MINUTE_MS}m tier: leaves what applyFinalPiece() of the same row leaves, in the spare bar`, () => {
      const cols = columns();
      const viaRow = closedAfterRow0(intervalMs, cols);
      const viaRecord = closedAfterRow0(intervalMs, cols);
      const spare = viaRow.spare;
      const bar = startRow(viaRow, cols, 1);
      applyFinalPiece(viaRecord, { start: cols.starts[1], open: cols.opens[1], high: cols.highs[1], low: cols.lows[1], close: cols.closes[1], volumeUsd: cols.volumes[1] });
      assert.equal(bar, spare, 'the spare bar is reused');
      assert.equal(viaRow.acc, bar);
      assert.equal(viaRow.spare, null);
      assert.deepStrictEqual(viaRow, viaRecord);
      assert.equal(bar.start, Math.floor((T0 + 17 * MINUTE_MS) / intervalMs) * intervalMs);
    });
  }
});
