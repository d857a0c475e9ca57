/**
 * Fixed-capacity ring of numbers (most recent last), for rolling windows without allocation. The buffer is
 * made on the first push: every token has such rings, most new tokens push nothing for minutes, and a
 * live scan can meet thousands of new tokens within seconds (each empty buffer would be one more off-heap
 * ArrayBuffer for the young-generation GC to carry).
 */
export class NumberRing {
  private buf: Float64Array | null = null;
  private head = 0;
  size = 0;

  constructor(readonly capacity: number) {}

  /** The `n` of the last meanOfLast() answer (-1: none since the last push); the answer is `lastMean`. */
  private memoN = -1;

  /**
   * meanOfLast() with no number crossing the call (a double returned from a call that is not inlined is
   * boxed, and the engine asks per input): true when `n` values are held, the mean then in `lastMean`.
   */
  holdsMeanOfLast(n: number): boolean {
    if (n > this.size || n <= 0) return false;
    if (n !== this.memoN) this.meanOfLast(n);
    return true;
  }

  /**
   * The last mean worked out (read it right after holdsMeanOfLast() says true; never write it). A field, not
   * a getter: a double returned from a call that is not inlined is boxed.
   */
  lastMean = 0;

  push(x: number): void {
    if (this.buf === null) this.buf = new Float64Array(this.capacity);
    this.buf[this.head] = x;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.size < this.capacity) this.size += 1;
    this.memoN = -1;
  }

  /**
   * Mean of the last `n` values, or null when fewer than `n` are held. The engine asks on every input
   * but pushes once per 5m bar, so the answer is kept until the next push. Summed newest first, always
   * in the same order, so the result does not depend on the memo.
   */
  meanOfLast(n: number): number | null {
    if (n > this.size || n <= 0) return null;
    if (n === this.memoN) return this.lastMean;
    const buf = this.buf!;
    let sum = 0;
    let j = this.head;
    for (let i = 0; i < n; i++) {
      j = j === 0 ? this.capacity - 1 : j - 1;
      sum += buf[j];
    }
    this.memoN = n;
    this.lastMean = sum / n;
    return this.lastMean;
  }

  /** The held values, oldest first. */
  toArray(): number[] {
    const out: number[] = new Array(this.size);
    const buf = this.buf;
    if (buf === null) return out;
    for (let i = 0; i < this.size; i++) out[i] = buf[(this.head - this.size + i + this.capacity * 2) % this.capacity];
    return out;
  }
}

/** Fixed-capacity ring of objects (most recent last). */
export class Ring<T> {
  private readonly buf: T[] = [];
  private head = 0;

  constructor(readonly capacity: number) {}

  push(x: T): void {
    if (this.buf.length < this.capacity) this.buf.push(x);
    else {
      this.buf[this.head] = x;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  get size(): number {
    return this.buf.length;
  }

  toArray(): T[] {
    return this.buf.length < this.capacity ? this.buf.slice() : [...this.buf.slice(this.head), ...this.buf.slice(0, this.head)];
  }
}
