/**
 * Collects single-key requests made within `windowMs` and sends them as as few calls as the API allows
 * (`maxBatch` keys per call). Each caller gets its own key's result; a key the batch did not return
 * resolves to undefined. A failed call rejects every caller of that chunk.
 */
export class Batcher<R> {
  private waiting = new Map<string, Array<{ resolve: (r: R | undefined) => void; reject: (e: unknown) => void }>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly maxBatch: number,
    private readonly windowMs: number,
    private readonly fetchBatch: (keys: string[]) => Promise<Map<string, R>>,
  ) {
    if (!(maxBatch >= 1)) throw new RangeError(`maxBatch must be >= 1, got ${maxBatch}`);
  }

  get(key: string): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  /** Sends everything collected so far now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = new Map();
    for (const chunk of chunks([...batch.keys()], this.maxBatch)) {
      this.fetchBatch(chunk).then(
        (results) => chunk.forEach((k) => batch.get(k)!.forEach((w) => w.resolve(results.get(k)))),
        (err) => chunk.forEach((k) => batch.get(k)!.forEach((w) => w.reject(err))),
      );
    }
  }
}

/** Splits `items` into arrays of at most `size`, keeping order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Unique values in first-seen order. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
