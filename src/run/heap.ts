/**
 * Values waiting for a time, taken out in (time, insertion) order so runs are deterministic.
 *
 * Many values share a time (every token's 1m bucket ends on the same minute), so there is one FIFO
 * queue per distinct time and a small binary heap of the distinct times: adding to a known time and
 * taking the next value cost O(1); only a new time pays for the heap (log of the number of times).
 */
export class TimeQueue<T> {
  private readonly queues = new Map<number, T[]>();
  /** Distinct times with a queue, as a binary min-heap. */
  private readonly times: number[] = [];
  /** The queue of the earliest time and how far it has been taken. */
  private head: T[] | null = null;
  private headTime = 0;
  private headAt = 0;
  private count = 0;

  /**
   * The earliest time, or Infinity when empty; read it, never write it. A field, not a method: a double
   * returned from a call that is not inlined is boxed, and the engine reads this twice per boundary.
   */
  nextAt = Infinity;

  get size(): number {
    return this.count;
  }

  peekTime(): number | null {
    return this.times.length ? this.times[0] : null;
  }

  /** The earliest time, or Infinity when empty. */
  nextTime(): number {
    return this.nextAt;
  }

  /**
   * The queues of the last two times pushed to: pushes alternate between few times (a token registers at
   * its next 1m end, then at its 5m end), so most skip the map. A queue is dropped from here when taken.
   */
  private recentTime = [NaN, NaN];
  private recentQueue: (T[] | null)[] = [null, null];

  push(time: number, value: T): void {
    this.count++;
    const slot = time === this.recentTime[0] ? 0 : time === this.recentTime[1] ? 1 : -1;
    if (slot !== -1) {
      this.recentQueue[slot]!.push(value);
      return;
    }
    let q = this.queues.get(time);
    if (q !== undefined) q.push(value);
    else {
      q = [value];
      this.queues.set(time, q);
      this.up(time);
    }
    // The older of the two is replaced.
    this.recentTime[1] = this.recentTime[0];
    this.recentQueue[1] = this.recentQueue[0];
    this.recentTime[0] = time;
    this.recentQueue[0] = q;
  }

  pop(): T | undefined {
    if (this.times.length === 0) return undefined;
    if (this.head === null) {
      this.headTime = this.times[0];
      this.head = this.queues.get(this.headTime)!;
      this.headAt = 0;
    }
    const value = this.head[this.headAt++];
    this.count--;
    if (this.headAt === this.head.length) {
      this.queues.delete(this.headTime);
      this.forget(this.headTime);
      this.head = null;
      this.down();
    }
    return value;
  }

  private forget(time: number): void {
    for (let i = 0; i < 2; i++) {
      if (this.recentTime[i] === time) {
        this.recentTime[i] = NaN;
        this.recentQueue[i] = null;
      }
    }
  }

  private up(time: number): void {
    const a = this.times;
    let i = a.length;
    a.push(time);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= time) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = time;
    if (i === 0) this.nextAt = time;
    // A time before the queue being taken (pushed into the past) comes first: drop the taken part of
    // that queue, so it resumes where it stopped once it is the earliest again.
    if (i === 0 && this.head !== null) {
      this.head.splice(0, this.headAt);
      this.head = null;
    }
  }

  /** Removes the earliest time. */
  private down(): void {
    const a = this.times;
    const last = a.pop()!;
    const n = a.length;
    if (n === 0) {
      this.nextAt = Infinity;
      return;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && a[r] < a[l] ? r : l;
      if (a[m] >= last) break;
      a[i] = a[m];
      i = m;
    }
    a[i] = last;
    this.nextAt = a[0];
  }
}

/**
 * Items with a `deadline`, taken in the order they were pushed (outcome trackers: a fixed horizon after
 * their signal); the taken part is dropped now and then, not per item.
 */
export class DeadlineList<T extends { deadline: number }> {
  private items: T[] = [];
  private head = 0;
  /** The next deadline, or Infinity when empty; read it, never write it (a field: see TimeQueue.nextAt). */
  nextAt = Infinity;

  push(item: T): void {
    this.items.push(item);
    if (this.items.length === this.head + 1) this.nextAt = item.deadline;
  }

  peekTime(): number | null {
    return this.head < this.items.length ? this.items[this.head].deadline : null;
  }

  /** The next deadline, or Infinity when empty. */
  nextTime(): number {
    return this.nextAt;
  }

  pop(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 4096) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.nextAt = this.head < this.items.length ? this.items[this.head].deadline : Infinity;
    return item;
  }
}
