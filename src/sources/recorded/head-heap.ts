/**
 * A binary min-heap of merge heads, one per file being merged (a handful), ordered by `before`: the
 * record merge (merge.ts) and the block merge (block-merge.ts) take their next head from it.
 */
export function pushHead<H>(heap: H[], h: H, before: (a: H, b: H) => boolean): void {
  heap.push(h);
  for (let i = heap.length - 1; i > 0;) {
    const p = (i - 1) >> 1;
    if (!before(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}

/** Takes the first head out (the heap must not be empty). */
export function popHead<H>(heap: H[], before: (a: H, b: H) => boolean): H {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  heap[0] = last;
  for (let i = 0; ;) {
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
