/** Fixed-capacity ring of numbers (most recent last), for rolling windows without allocation. */
export class NumberRing {
  private readonly buf: Float64Array;
  private head = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(capacity);
  }

  push(x: number): void {
    this.buf[this.head] = x;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size += 1;
  }

  /** Mean of the last `n` values, or null when fewer than `n` are held. */
  meanOfLast(n: number): number | null {
    if (n > this.size || n <= 0) return null;
    let sum = 0;
    for (let i = 1; i <= n; i++) sum += this.buf[(this.head - i + this.capacity * 2) % this.capacity];
    return sum / n;
  }

  /** The held values, oldest first. */
  toArray(): number[] {
    const out: number[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.buf[(this.head - this.size + i + this.capacity * 2) % this.capacity];
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
