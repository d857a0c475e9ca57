import type { BlockSeries, CandleBlock } from '../../domain/candle-block.js';
import { popHead, pushHead } from './head-heap.js';

/** Rows per merged block: the block's columns are refilled once the engine has taken them. */
const OUT_ROWS = 1 << 13;

/**
 * One file's column rows, in non-decreasing knownAt order; `order` breaks knownAt ties as a cursor's order does
 * in mergeByKnownAt, and row i's series is `base + seriesOf[i]` in the merge's series table. `next()` gives the
 * next block, null at the end; a block may be refilled by the source on the following call, so rows are copied
 * out before it is made. `close` ends the source early (its file is closed).
 */
export interface MergeSource {
  order: number;
  base: number;
  next(): Promise<CandleBlock | null>;
  close?: () => Promise<unknown>;
}

interface Head {
  src: MergeSource;
  b: CandleBlock | null;
  at: number;
  end: number;
  /** knownAt of the row at `at`. */
  k: number;
}

/**
 * K-way merge of files held or streamed as columns by (knownAt, source order), the order mergeByKnownAt gives,
 * into blocks of rows over one series table (the files' series side by side). Runs of one source are copied
 * until another's head comes first.
 *
 * Only for files that are all columns: files of records (and other inputs) keep the record merge, because
 * the engine's block path and push() are only shown equal for inputs that all come as blocks (interleaving
 * pushed inputs with block rows put two lines of one boundary in another order after the engine step).
 */
export async function* mergeBlocks(sources: MergeSource[], series: readonly BlockSeries[]): AsyncGenerator<CandleBlock> {
  const out: CandleBlock = {
    kind: 'candle_block', source: 'file', series, from: 0, to: 0,
    seriesOf: new Int32Array(OUT_ROWS), start: new Float64Array(OUT_ROWS), open: new Float64Array(OUT_ROWS), high: new Float64Array(OUT_ROWS),
    low: new Float64Array(OUT_ROWS), close: new Float64Array(OUT_ROWS), volume: new Float64Array(OUT_ROWS),
  };
  try {
    yield* merged(sources, series, out);
  } finally {
    for (const src of sources) await src.close?.();
  }
}

async function* merged(sources: MergeSource[], series: readonly BlockSeries[], out: CandleBlock): AsyncGenerator<CandleBlock> {
  let rows = 0;
  const heap: Head[] = [];
  for (const src of sources) {
    const h: Head = { src, b: null, at: 0, end: 0, k: 0 };
    if (await refill(h, series)) pushHead(heap, h, before);
  }
  while (heap.length > 0) {
    const h = popHead(heap, before);
    const rival = heap.length > 0 ? heap[0] : null;
    const limit = rival === null ? Infinity : rival.k;
    const order = rival === null ? -1 : rival.src.order;
    let alive = true;
    for (;;) {
      while (h.at < h.end && (h.k < limit || (h.k === limit && h.src.order < order))) {
        copyRow(out, rows, h.b!, h.at, h.src.base);
        if (++rows === OUT_ROWS) {
          out.to = rows;
          yield out;
          rows = 0;
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
    if (alive) pushHead(heap, h, before);
  }
  if (rows > 0) {
    out.to = rows;
    yield out;
  }
}

// Rows are copied array to array: a double passed to a call that is not inlined is boxed.
function copyRow(out: CandleBlock, at: number, b: CandleBlock, i: number, base: number): void {
  out.seriesOf[at] = base + b.seriesOf[i];
  out.start[at] = b.start[i];
  out.open[at] = b.open[i];
  out.high[at] = b.high[i];
  out.low[at] = b.low[i];
  out.close[at] = b.close[i];
  out.volume[at] = b.volume[i];
}

/** `h.k` = knownAt of the row at `h.at` (set in place: a double returned from a call may be boxed). */
function setKnownAt(h: Head, series: readonly BlockSeries[]): void {
  const b = h.b!;
  h.k = b.start[h.at] + series[h.src.base + b.seriesOf[h.at]].intervalMs;
}

/** Moves `h` to its source's next non-empty block; false at the end. */
async function refill(h: Head, series: readonly BlockSeries[]): Promise<boolean> {
  for (;;) {
    const b = await h.src.next();
    if (b === null) return false;
    [h.b, h.at, h.end] = [b, b.from, b.to];
    if (h.at < h.end) {
      setKnownAt(h, series);
      return true;
    }
  }
}

/** Head a goes first: smaller knownAt, then smaller source order. */
const before = (a: Head, b: Head): boolean => a.k < b.k || (a.k === b.k && a.src.order < b.src.order);
