import type { Input } from '../../domain/market.js';
import { intervalOfRecord, mintOfRecord, poolOfRecord, SeriesIndex, type SeriesState } from './series-stats.js';
import { shiftRecord, type ScannedFile } from './scan.js';

/** A source of records in non-decreasing knownAt order; `order` breaks knownAt ties in the merge. */
export interface Cursor {
  order: number;
  next(): Promise<Input[] | null>;
}

/** Records held in memory (already sorted), handed out in slices. */
export function arrayCursor(order: number, records: Input[], batchSize: number): Cursor {
  let at = 0;
  return {
    order,
    async next() {
      if (at >= records.length) return null;
      const batch = at === 0 && records.length <= batchSize ? records.slice() : records.slice(at, at + batchSize);
      at += batch.length;
      return batch;
    },
  };
}

/**
 * A time-sorted file read again from disk: drops rows of skipped series and applies what the
 * first pass learned (inferred intervals, time corrections), so memory stays flat in the file's length.
 */
export function streamCursor(order: number, scanned: ScannedFile): Cursor {
  const bySeries = new SeriesIndex();
  for (const s of scanned.series) bySeries.add(s, s.inferred ? 0 : s.intervalMs);
  const shiftMs = scanned.shiftMs;
  const it = scanned.reader.batches()[Symbol.asyncIterator]();
  // The previous record's raw series fields: consecutive rows usually share a series, so the map is rarely hit.
  let lastKind = '';
  let lastPool: string | null = null;
  let lastMint: string | null = null;
  let lastInterval = -1;
  let lastSeries: SeriesState | null = null;
  return {
    order,
    async next() {
      for (;;) {
        const step = await it.next();
        if (step.done) return null;
        const out: Input[] = [];
        for (const r of step.value) {
          const pool = poolOfRecord(r);
          const mint = mintOfRecord(r);
          const interval = intervalOfRecord(r);
          if (r.kind !== lastKind || pool !== lastPool || mint !== lastMint || interval !== lastInterval) {
            lastSeries = bySeries.find(r);
            lastKind = r.kind;
            lastPool = pool;
            lastMint = mint;
            lastInterval = interval;
          }
          const s = lastSeries;
          if (s === null || !s.used) continue;
          if (s.inferred && r.kind === 'candle') {
            r.intervalMs = s.intervalMs;
            r.knownAt = r.start + s.intervalMs;
          }
          if (shiftMs !== 0) shiftRecord(r, shiftMs);
          out.push(r);
        }
        if (out.length > 0) return out;
      }
    },
  };
}
