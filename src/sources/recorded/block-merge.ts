import type { Candle, Input } from '../../domain/market.js';
import type { BlockSeries, CandleBlock } from '../../domain/candle-block.js';

/** Rows per merged block: the block's columns are refilled once the engine has taken them. */
const OUT_ROWS = 1 << 13;

/**
 * One source of the merge, in non-decreasing knownAt order; `order` breaks knownAt ties as a cursor's order
 * does in mergeByKnownAt. `next()` gives its next piece, null at the end; a piece of rows may be refilled by
 * the source on the following call, so rows are copied out before it is made.
 * - `rows`: column rows, their series `base + seriesOf[i]` in the merge's series table (a file's columns);
 * - `records`: inputs; candles of `series` (the merge's index of the one series they belong to, or -1 for
 *   none) that are plain final file candles become rows, anything else passes through as an object.
 */
export type MergeSource = (
  | { kind: 'rows'; order: number; base: number; next(): Promise<CandleBlock | null> }
  | { kind: 'records'; order: number; series: number; next(): Promise<Input[] | null> }
) & {
  /** Ends the source early (its file is closed); called for every source when the merge ends. */
  close?: () => Promise<unknown>;
};

interface Head {
  src: MergeSource;
  rows: CandleBlock | null;
  recs: Input[] | null;
  at: number;
  end: number;
  /** knownAt of the row or record at `at`. */
  k: number;
}

/**
 * K-way merge of file sources by (knownAt, source order), the order mergeByKnownAt gives, into blocks of
 * candle rows over one series table (the files' series side by side), with the inputs that are not plain
 * file candles between them as arrays. Runs of one source are copied until another's head comes first.
 */
export async function* mergeBlocks(sources: MergeSource[], series: readonly BlockSeries[], batchSize: number): AsyncGenerator<Input[] | CandleBlock> {
  const out: CandleBlock = {
    kind: 'candle_block', source: 'file', series, from: 0, to: 0,
    seriesOf: new Int32Array(OUT_ROWS), start: new Float64Array(OUT_ROWS), open: new Float64Array(OUT_ROWS), high: new Float64Array(OUT_ROWS),
    low: new Float64Array(OUT_ROWS), close: new Float64Array(OUT_ROWS), volume: new Float64Array(OUT_ROWS),
  };
  try {
    yield* merged(sources, series, batchSize, out);
  } finally {
    for (const src of sources) await src.close?.();
  }
}

async function* merged(sources: MergeSource[], series: readonly BlockSeries[], batchSize: number, out: CandleBlock): AsyncGenerator<Input[] | CandleBlock> {
  let rows = 0;
  let objects: Input[] = [];
  const heap: Head[] = [];
  for (const src of sources) {
    const h: Head = { src, rows: null, recs: null, at: 0, end: 0, k: 0 };
    if (await refill(h, series)) push(heap, h);
  }
  while (heap.length > 0) {
    const h = pop(heap);
    const rival = heap.length > 0 ? heap[0] : null;
    const limit = rival === null ? Infinity : rival.k;
    const order = rival === null ? -1 : rival.src.order;
    let alive = true;
    for (;;) {
      while (h.at < h.end && (h.k < limit || (h.k === limit && h.src.order < order))) {
        const b = h.rows;
        const c = b === null ? plainCandle(h.recs![h.at], h.src, series) : null;
        if (b !== null || c !== null) {
          if (objects.length > 0) {
            yield objects;
            objects = [];
          }
          if (b !== null) copyRow(out, rows, b, h.at, (h.src as { base: number }).base);
          else putCandle(out, rows, (h.src as { series: number }).series, c!);
          if (++rows === OUT_ROWS) {
            out.to = rows;
            yield out;
            rows = 0;
          }
        } else {
          if (rows > 0) {
            out.to = rows;
            yield out;
            rows = 0;
          }
          objects.push(h.recs![h.at]);
          if (objects.length >= batchSize) {
            yield objects;
            objects = [];
          }
        }
        h.at++;
        if (h.at < h.end) setKnownAt(h, series);
      }
      if (h.at < h.end) break;
      if (!(await refill(h, series))) {
        alive = false;
        break;
      }
    }
    if (alive) push(heap, h);
  }
  if (rows > 0) {
    out.to = rows;
    yield out;
  }
  if (objects.length > 0) yield objects;
}

// Rows are copied array to array, or from the candle: a double passed to a call that is not inlined is boxed.
function copyRow(out: CandleBlock, at: number, b: CandleBlock, i: number, base: number): void {
  out.seriesOf[at] = base + b.seriesOf[i];
  out.start[at] = b.start[i];
  out.open[at] = b.open[i];
  out.high[at] = b.high[i];
  out.low[at] = b.low[i];
  out.close[at] = b.close[i];
  out.volume[at] = b.volume[i];
}

function putCandle(out: CandleBlock, at: number, s: number, c: Candle): void {
  out.seriesOf[at] = s;
  out.start[at] = c.start;
  out.open[at] = c.open;
  out.high[at] = c.high;
  out.low[at] = c.low;
  out.close[at] = c.close;
  out.volume[at] = c.volumeUsd;
}

/** The candle `r` as a row of series `src.series`, when it is exactly what a block row stands for; else null. */
function plainCandle(r: Input, src: MergeSource, series: readonly BlockSeries[]): Candle | null {
  if (src.kind !== 'records' || src.series < 0 || r.kind !== 'candle') return null;
  const s = series[src.series];
  const plain = r.source === 'file' && r.final && r.warmup !== true && r.pool === s.pool && r.mint === s.mint && r.intervalMs === s.intervalMs && r.knownAt === r.start + s.intervalMs;
  return plain ? r : null;
}

/** `h.k` = knownAt of the row or record at `h.at` (set in place: a double returned from a call may be boxed). */
function setKnownAt(h: Head, series: readonly BlockSeries[]): void {
  const b = h.rows;
  if (b === null) h.k = h.recs![h.at].knownAt;
  else h.k = b.start[h.at] + series[(h.src as { base: number }).base + b.seriesOf[h.at]].intervalMs;
}

/** Moves `h` to its source's next non-empty piece; false at the end. */
async function refill(h: Head, series: readonly BlockSeries[]): Promise<boolean> {
  for (;;) {
    const src = h.src;
    if (src.kind === 'rows') {
      const b = await src.next();
      if (b === null) return false;
      [h.rows, h.at, h.end] = [b, b.from, b.to];
    } else {
      const r = await src.next();
      if (r === null) return false;
      [h.recs, h.at, h.end] = [r, 0, r.length];
    }
    if (h.at < h.end) {
      setKnownAt(h, series);
      return true;
    }
  }
}

/** Head a goes first: smaller knownAt, then smaller source order. */
const before = (a: Head, b: Head): boolean => a.k < b.k || (a.k === b.k && a.src.order < b.src.order);

function push(heap: Head[], h: Head): void {
  heap.push(h);
  for (let i = heap.length - 1; i > 0; ) {
    const p = (i - 1) >> 1;
    if (!before(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}

function pop(heap: Head[]): Head {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  heap[0] = last;
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    let m = i;
    if (l < heap.length && before(heap[l], heap[m])) m = l;
    if (l + 1 < heap.length && before(heap[l + 1], heap[m])) m = l + 1;
    if (m === i) break;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
  return top;
}
