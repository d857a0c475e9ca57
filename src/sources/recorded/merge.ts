import type { Input } from '../../domain/market.js';
import type { Cursor } from './cursors.js';
import { popHead, pushHead } from './head-heap.js';

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
    if (buf !== null) pushHead(heap, { cursor, buf, at: 0 }, before);
  }
  let out: Input[] = [];
  while (heap.length > 1) {
    const h = popHead(heap, before);
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
    if (alive) pushHead(heap, h, before);
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
