import type { Input } from '../domain/market.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Replays batches at `speed` times real time (speed 3600: an hour of market per second), for watching a
 * replay in the table. Inputs keep their knownAt; only the pace at which they are handed over changes.
 */
export async function* paced(batches: AsyncIterable<readonly Input[]>, speed: number, signal?: AbortSignal): AsyncGenerator<Input[]> {
  let first: number | null = null;
  const realStart = performance.now();
  for await (const batch of batches) {
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
        if (signal?.aborted) return;
      }
    }
    if (from < batch.length) yield batch.slice(from);
  }
}
