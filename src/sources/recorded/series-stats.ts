import type { Input } from '../../domain/market.js';

/** What the scan knows about one series (kind, pool, mint, interval) of one file. */
export interface SeriesState {
  /** Position of the series in its file (first appearance); the merge's tie-break after the file. */
  order: number;
  kind: Input['kind'];
  pool: string | null;
  mint: string | null;
  /** Candle interval in ms; 0 while it still has to be inferred; 0 for non-candles. */
  intervalMs: number;
  /** The interval was inferred, so the file's raw records carry intervalMs 0. */
  inferred: boolean;
  rows: number;
  /** Smallest and largest event time (candle start, trade ts), epoch ms. */
  firstTs: number;
  lastTs: number;
  /** knownAt non-decreasing in file order. */
  sorted: boolean;
  lastKnownAt: number;
  /** For interval inference: smallest positive gap between consecutive starts and the gcd of all offsets. */
  minGapMs: number;
  firstStart: number;
  gcdMs: number;
  lastStart: number;
  /** The series' records when the file is held in memory; null when it is streamed. */
  records: Input[] | null;
  used: boolean;
  skippedIntervalsMs: number[];
  notes: string[];
}

export function newSeries(order: number, rec: Input, keep: boolean): SeriesState {
  return {
    order, kind: rec.kind, pool: poolOfRecord(rec), mint: mintOfRecord(rec), intervalMs: intervalOfRecord(rec), inferred: false,
    rows: 0, firstTs: Infinity, lastTs: -Infinity, sorted: true, lastKnownAt: -Infinity,
    minGapMs: Infinity, firstStart: NaN, gcdMs: 0, lastStart: NaN,
    records: keep ? [] : null, used: true, skippedIntervalsMs: [], notes: [],
  };
}

export const poolOfRecord = (r: Input): string | null => (r.kind === 'tick' ? null : r.pool);
export const mintOfRecord = (r: Input): string | null => (r.kind === 'tick' ? null : r.mint);
export const intervalOfRecord = (r: Input): number => (r.kind === 'candle' ? r.intervalMs : 0);
export const eventTimeOf = (r: Input): number => (r.kind === 'candle' ? r.start : r.kind === 'tick' ? r.knownAt : r.kind === 'watermark' ? r.through : r.ts);

export function isSameSeries(s: SeriesState, r: Input): boolean {
  return s.kind === r.kind && s.pool === poolOfRecord(r) && s.mint === mintOfRecord(r) && s.intervalMs === intervalOfRecord(r);
}

/** Folds one record into its series' statistics. */
export function observe(s: SeriesState, r: Input, trackGaps: boolean): void {
  observeAt(s, eventTimeOf(r), r.knownAt, trackGaps && r.kind === 'candle');
}

/** Folds one row, by its event time `t` and `knownAt`, into its series' statistics (no record needed). */
export function observeAt(s: SeriesState, t: number, knownAt: number, candleGaps: boolean): void {
  s.rows++;
  if (t < s.firstTs) s.firstTs = t;
  if (t > s.lastTs) s.lastTs = t;
  if (knownAt < s.lastKnownAt) s.sorted = false;
  s.lastKnownAt = knownAt;
  if (candleGaps) {
    if (s.rows === 1) s.firstStart = t;
    else {
      const gap = Math.abs(t - s.lastStart);
      if (gap > 0 && gap < s.minGapMs) s.minGapMs = gap;
      s.gcdMs = gcd(s.gcdMs, Math.abs(t - s.firstStart));
    }
    s.lastStart = t;
  }
}

export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

interface IndexEntry {
  kind: Input['kind'];
  mint: string | null;
  intervalMs: number;
  series: SeriesState;
}

/**
 * A file's series found by a record's fields without building a key string per record: by pool first
 * (readers hand out shared pool strings, whose hash is cached), then through the pool's few series.
 */
export class SeriesIndex {
  private readonly byPool = new Map<string | null, IndexEntry[]>();

  /** The series of record `r`; `intervalMs` as the record carries it (0 where it is still inferred). */
  find(r: Input): SeriesState | null {
    const list = this.byPool.get(poolOfRecord(r));
    if (list === undefined) return null;
    const mint = mintOfRecord(r);
    const interval = intervalOfRecord(r);
    for (const e of list) if (e.kind === r.kind && e.mint === mint && e.intervalMs === interval) return e.series;
    return null;
  }

  add(s: SeriesState, intervalMs: number): void {
    const entry = { kind: s.kind, mint: s.mint, intervalMs, series: s };
    const list = this.byPool.get(s.pool);
    if (list === undefined) this.byPool.set(s.pool, [entry]);
    else list.push(entry);
  }
}
