import type { Input } from '../domain/market.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Holds a paced replay while paused (the table's `p`); the pace resumes where it stopped. */
export class PauseGate {
  private waiters: Array<() => void> = [];
  private paused = false;
  set(paused: boolean): void {
    this.paused = paused;
    if (!paused) for (const w of this.waiters.splice(0)) w();
  }
  isPaused(): boolean {
    return this.paused;
  }
  /** Resolves at once when not paused, else when resumed. */
  wait(): Promise<void> {
    return this.paused ? new Promise((r) => this.waiters.push(r)) : Promise.resolve();
  }
}

/**
 * Replays batches at `speed` times real time (speed 3600: an hour of market per second), for watching a
 * replay in the table. Inputs keep their knownAt; only the pace at which they are handed over changes.
 */
export async function* paced(batches: AsyncIterable<readonly Input[]>, speed: number, signal?: AbortSignal, gate?: PauseGate): AsyncGenerator<Input[]> {
  let first: number | null = null;
  let realStart = performance.now();
  // Time spent paused moves the schedule later, so the market does not rush to catch up on resume.
  const holdIfPaused = async () => {
    if (!gate?.isPaused()) return;
    const held = performance.now();
    await gate.wait();
    realStart += performance.now() - held;
  };
  for await (const batch of batches) {
    await holdIfPaused();
    if (signal?.aborted) return;
    let from = 0;
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i].knownAt;
      if (first === null) first = t;
      const dueReal = realStart + (t - first) / speed;
      const wait = dueReal - performance.now();
      if (wait > 15) {
        if (i > from) yield batch.slice(from, i);
        from = i;
        await sleep(wait);
        await holdIfPaused();
        if (signal?.aborted) return;
      }
    }
    if (from < batch.length) yield batch.slice(from);
  }
}
