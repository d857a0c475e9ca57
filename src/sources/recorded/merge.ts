import type { Input } from '../../domain/market.js';
import type { Cursor } from './cursors.js';

interface Head {
  cursor: Cursor;
  buf: Input[];
  at: number;
}

/** Head a goes first: smaller knownAt, then smaller cursor order (files as given, then series). */
function before(a: Head, b: Head): boolean {
  const ka = a.buf[a.at].knownAt;
  const kb = b.buf[b.at].knownAt;
  return ka < kb || (ka === kb && a.cursor.order < b.cursor.order);
}

/**
 * K-way merge of cursors by (knownAt, cursor order) with a binary heap. Runs from one cursor are
 * copied until another cursor's head comes first, so sorted inputs cost about one comparison per record.
 */
export async function* mergeByKnownAt(cursors: Cursor[], batchSize: number): AsyncGenerator<Input[]> {
  const heap: Head[] = [];
  for (const cursor of cursors) {
    const buf = await nextNonEmpty(cursor);
    if (buf !== null) push(heap, { cursor, buf, at: 0 });
  }
  let out: Input[] = [];
  while (heap.length > 1) {
    const h = pop(heap);
    const rival = heap[0];
    const limit = rival.buf[rival.at].knownAt;
    const order = rival.cursor.order;
    let alive = true;
    for (;;) {
      const buf = h.buf;
      let at = h.at;
      while (at < buf.length) {
        const k = buf[at].knownAt;
        if (k > limit || (k === limit && h.cursor.order > order)) break;
        out.push(buf[at++]);
        if (out.length >= batchSize) {
          yield out;
          out = [];
        }
      }
      h.at = at;
      if (at < buf.length) break;
      const next = await nextNonEmpty(h.cursor);
      if (next === null) { alive = false; break; }
      h.buf = next;
      h.at = 0;
    }
    if (alive) push(heap, h);
  }
  if (heap.length === 1) {
    // One cursor left: its batches pass through without per-record work.
    const h = heap[0];
    out = out.concat(h.buf.slice(h.at));
    if (out.length > 0) yield out;
    for (let b = await nextNonEmpty(h.cursor); b !== null; b = await nextNonEmpty(h.cursor)) yield b;
  } else if (out.length > 0) yield out;
}

async function nextNonEmpty(c: Cursor): Promise<Input[] | null> {
  for (;;) {
    const b = await c.next();
    if (b === null || b.length > 0) return b;
  }
}

function push(heap: Head[], h: Head): void {
  heap.push(h);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}

function pop(heap: Head[]): Head {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}
