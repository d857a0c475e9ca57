/** Min-heap of (time, seq, value): ties broken by insertion order so runs are deterministic. */
export class TimeHeap<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly vals: T[] = [];
  private seq = 0;

  get size(): number {
    return this.times.length;
  }

  peekTime(): number | null {
    return this.times.length ? this.times[0] : null;
  }

  push(time: number, value: T): void {
    this.times.push(time);
    this.seqs.push(this.seq++);
    this.vals.push(value);
    this.up(this.times.length - 1);
  }

  pop(): T | undefined {
    const n = this.times.length;
    if (n === 0) return undefined;
    const top = this.vals[0];
    const lastT = this.times.pop()!;
    const lastS = this.seqs.pop()!;
    const lastV = this.vals.pop()!;
    if (n > 1) {
      this.times[0] = lastT;
      this.seqs[0] = lastS;
      this.vals[0] = lastV;
      this.down(0);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.seqs[a] < this.seqs[b]);
  }

  private swap(a: number, b: number): void {
    const t = this.times[a];
    this.times[a] = this.times[b];
    this.times[b] = t;
    const s = this.seqs[a];
    this.seqs[a] = this.seqs[b];
    this.seqs[b] = s;
    const v = this.vals[a];
    this.vals[a] = this.vals[b];
    this.vals[b] = v;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.times.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
