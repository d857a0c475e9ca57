import type { Input } from '../../domain/market.js';
import { intervalLabel } from '../../domain/time.js';
import { ReplayInputError } from './errors.js';
import type { FormatReader } from './formats.js';
import { inferIntervalMs } from './intervals.js';
import { CandleColumns, COLUMN_ROW_BYTES } from './columns.js';
import { eventTimeOf, gcd, isSameSeries, newSeries, observe, observeAt, SeriesIndex, type SeriesState } from './series-stats.js';
import type { CandleRowSink } from './csv-fast-candles.js';

/** A file after its first pass: its series, and whether its records are held or streamed again. */
export interface ScannedFile {
  reader: FormatReader;
  series: SeriesState[];
  /** Rows of used series (what the merge will emit for this file). */
  usedRows: number;
  /** True when records are held per series; false when the file is streamed again in order. */
  inMemory: boolean;
  /** A time-sorted candle file held as columns in file order (replayed without a second read), or null. */
  columns: CandleColumns | null;
  /** Correction added to event times and knownAt (see FileVerdict). */
  shiftMs: number;
  notes: string[];
}

/** Whether a file's second read can go straight into columns: a streamed (time-sorted) candle file. */
export const streamsAsColumns = (f: ScannedFile): boolean => !f.inMemory && f.columns === null && f.reader.columnar !== undefined;

/** File bytes all files may hold in memory together (as records); larger time-sorted files are streamed. */
export interface KeepBudget {
  bytes: number;
}

/**
 * First pass over one file: series, counts, times, sortedness and interval evidence.
 * Small files stay in memory (no second read); time-sorted large files are streamed again later;
 * large unsorted files are read once more into memory, because they must be sorted.
 */
export async function scanFile(reader: FormatReader, budget: KeepBudget): Promise<ScannedFile> {
  const keep = reader.bytes <= budget.bytes;
  // A candle file whose columns should fit the budget is parsed in full on the first pass and held as columns
  // (dropped if they outgrow it after all); otherwise a large file's first pass reads keys only. A small one
  // is held as columns only when its rows come in the order its held records would replay in (time, then
  // series: ties in series order), so its replay is unchanged; else it is read again into records.
  const fits = reader.columnar !== undefined && reader.columnar.estimatedRows * COLUMN_ROW_BYTES <= budget.bytes;
  let pass = await scanPass(reader, keep && !fits, fits ? budget.bytes : -1, keep && fits);
  const streamable = pass.globallySorted && sameInferredIntervals(pass.series, reader.inferInterval);
  if (!pass.kept && (!streamable || (keep && (pass.columns === null || !pass.tiesInSeriesOrder)))) pass = await scanPass(reader, true, -1, false);
  const columns = streamable ? pass.columns : null;
  // A small file held as columns is charged as if held as records, so the files after it are held or streamed
  // as they were (a streamed file keeps its own order of ties between series).
  if (pass.kept || (keep && columns !== null)) budget.bytes = Math.max(0, budget.bytes - reader.bytes);
  else if (columns !== null) budget.bytes = Math.max(0, budget.bytes - columns.bytes);
  const verdict = reader.finish();
  const series = pass.series;
  if (pass.rows === 0) throw new ReplayInputError(reader.file, null, 'no data rows');
  for (const s of series) settleInterval(s, reader);
  if (reader.finestOnly) keepFinestPerPool(series);
  if (verdict.shiftMs !== 0) for (const s of series) shiftSeries(s, verdict.shiftMs);
  if (pass.kept) for (const s of series) s.records?.sort((a, b) => a.knownAt - b.knownAt);
  const usedRows = series.reduce((n, s) => n + (s.used ? s.rows : 0), 0);
  return { reader, series, usedRows, inMemory: pass.kept, columns, shiftMs: verdict.shiftMs, notes: [...reader.notes, ...verdict.notes] };
}

interface PassResult {
  series: SeriesState[];
  rows: number;
  kept: boolean;
  globallySorted: boolean;
  /** Rows of equal knownAt come in series order (file order is the replay order of held records). */
  tiesInSeriesOrder: boolean;
  columns: CandleColumns | null;
}

/**
 * `columnBytes` >= 0: parse in full and hold the candles as columns up to that many bytes (else drop them).
 * `stopOffOrder`: stop at the first row out of knownAt order or of series order within a knownAt (the
 * pass is then to be made again into records, so reading on is wasted).
 */
async function scanPass(reader: FormatReader, keep: boolean, columnBytes: number, stopOffOrder: boolean): Promise<PassResult> {
  const series: SeriesState[] = [];
  const index = new SeriesIndex();
  const trackGaps = reader.inferInterval;
  let current: SeriesState | null = null;
  let rows = 0;
  let globallySorted = true;
  let tiesInSeriesOrder = true;
  let lastOrder = -1;
  // In a typed cell, not a closure variable: a double written to one is boxed on every row.
  const lastKnownAt = new Float64Array([-Infinity]);
  // Rows in file order: (knownAt, series) must not decrease for held columns to replay as records do.
  const inOrder = (knownAt: number, order: number): void => {
    if (knownAt < lastKnownAt[0]) globallySorted = false;
    else if (knownAt === lastKnownAt[0] && order < lastOrder) tiesInSeriesOrder = false;
    lastKnownAt[0] = knownAt;
    lastOrder = order;
  };
  let columns = columnBytes >= 0 ? new CandleColumns() : null;
  const seriesOf = (rec: Input): SeriesState => {
    let s = index.find(rec);
    if (s === null) {
      s = newSeries(series.length, rec, keep);
      index.add(s, s.intervalMs);
      series.push(s);
    }
    return s;
  };
  const take = (rec: Input): void => {
    if (current === null || !isSameSeries(current, rec)) current = seriesOf(rec);
    observe(current, rec, trackGaps);
    inOrder(rec.knownAt, current.order);
    rows++;
    if (keep) current.records!.push(rec);
    if (columns !== null && rec.kind === 'candle') {
      if (columns.bytes + COLUMN_ROW_BYTES <= columnBytes) columns.push(current.order, rec);
      else columns = null;
    }
  };
  // Rows the byte reader accepted go straight into the columns: no Candle object, the series found by the
  // key the reader already resolved (a candle record is made once per key, to find or create its series).
  const sink: CandleRowSink = {
    row(key, v) {
      let order = key.slot ?? -1;
      if (order < 0) {
        const start = v[0];
        const s = seriesOf({ kind: 'candle', knownAt: start + key.intervalMs, mint: key.mint, pool: key.pool, source: 'file', start, intervalMs: key.intervalMs, open: v[1], high: v[2], low: v[3], close: v[4], volumeUsd: v[5], final: true });
        order = key.slot = s.order;
      }
      const s = series[order];
      const knownAt = v[0] + key.intervalMs;
      observeAt(s, v[0], knownAt, trackGaps);
      inOrder(knownAt, order);
      rows++;
      if (columns !== null) {
        if (columns.bytes + COLUMN_ROW_BYTES <= columnBytes) columns.pushValues(order, v);
        else columns = null;
      }
    },
    record: take,
  };
  // Only a pass that keeps no records (columns, or keys only) can take rows without them.
  const direct = !keep ? sink : undefined;
  for await (const batch of reader.batches(!keep && columns === null, direct)) {
    for (const rec of batch) take(rec);
    if (stopOffOrder && (!globallySorted || !tiesInSeriesOrder)) break;
  }
  return { series, rows, kept: keep, globallySorted, tiesInSeriesOrder, columns };
}

/** Streaming keeps file order, which is knownAt order only if inferred intervals are all equal. */
function sameInferredIntervals(series: SeriesState[], inferred: boolean): boolean {
  if (!inferred) return true;
  const gaps = new Set(series.filter((s) => s.kind === 'candle').map((s) => s.minGapMs));
  return gaps.size <= 1;
}

/** Infers a candle series' interval (checked) and fixes intervalMs/knownAt of held records. */
function settleInterval(s: SeriesState, reader: FormatReader): void {
  if (s.kind !== 'candle' || s.intervalMs !== 0) return;
  if (s.records !== null && !s.sorted) {
    // File order is not time order, so consecutive gaps say nothing: measure on sorted starts.
    const starts = s.records.map(eventTimeOf).sort((a, b) => a - b);
    s.minGapMs = Infinity;
    s.gcdMs = 0;
    for (let i = 1; i < starts.length; i++) {
      const gap = starts[i] - starts[i - 1];
      if (gap > 0 && gap < s.minGapMs) s.minGapMs = gap;
      s.gcdMs = gcd(s.gcdMs, starts[i] - starts[0]);
    }
  }
  const offGrid = Number.isFinite(s.minGapMs) && s.gcdMs % s.minGapMs !== 0;
  const inferred = inferIntervalMs(s.minGapMs, offGrid);
  if (!inferred.ok) throw new ReplayInputError(reader.file, null, `series ${s.pool ?? s.mint ?? '(unnamed)'}: ${inferred.why}`);
  s.intervalMs = inferred.ms;
  s.inferred = true;
  s.notes.push(`interval ${intervalLabel(inferred.ms)} inferred from the spacing of candle times`);
  if (s.records !== null) {
    for (const r of s.records) {
      if (r.kind !== 'candle') continue;
      r.intervalMs = inferred.ms;
      r.knownAt = r.start + inferred.ms;
    }
  }
}

/** Of each pool's candle series, only the finest interval is replayed; the rest are named as skipped. */
function keepFinestPerPool(series: SeriesState[]): void {
  const finest = new Map<string, SeriesState>();
  for (const s of series) {
    if (s.kind !== 'candle') continue;
    const key = `${s.pool}\u0000${s.mint}`;
    const best = finest.get(key);
    if (best === undefined || s.intervalMs < best.intervalMs) finest.set(key, s);
  }
  for (const s of series) {
    if (s.kind !== 'candle') continue;
    const best = finest.get(`${s.pool}\u0000${s.mint}`)!;
    if (best === s) continue;
    s.used = false;
    s.records = null;
    best.skippedIntervalsMs.push(s.intervalMs);
  }
  for (const s of finest.values()) s.skippedIntervalsMs.sort((a, b) => a - b);
}

function shiftSeries(s: SeriesState, shiftMs: number): void {
  s.firstTs += shiftMs;
  s.lastTs += shiftMs;
  if (s.records === null) return;
  for (const r of s.records) shiftRecord(r, shiftMs);
}

export function shiftRecord(r: Input, shiftMs: number): void {
  r.knownAt += shiftMs;
  if (r.kind === 'candle') r.start += shiftMs;
  else if (r.kind === 'watermark') r.through += shiftMs;
  else if (r.kind !== 'tick') r.ts += shiftMs;
}
