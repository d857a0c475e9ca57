import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Input } from '../domain/index.js';
import type { Store } from './types.js';
import { ByteBatch } from './byte-batch.js';
import type { FileBatch } from './recorder-worker.js';

/**
 * Buffers a live session's inputs and writes them in batches: one transaction per batch is what makes
 * recording keep up with tens of thousands of inputs per second. It has no timer of its own: the live
 * runner calls flush() on its clock ticks and at shutdown, so at most one tick of inputs is lost on a kill.
 */
export class InputRecorder {
  private buffer: Input[] = [];
  private recorded = 0;
  private readonly files = new Map<string, ByteBatch>();

  constructor(
    private readonly store: Pick<Store, 'recordInputs'>,
    readonly sessionId: string,
    /** Inputs that trigger a write without waiting for flush() (default 5000). */
    private readonly maxBatch = 5000,
  ) {}

  /** Queues one input; writes the batch when it reaches maxBatch. */
  push(input: Input): void {
    this.buffer.push(input);
    if (this.buffer.length >= this.maxBatch) this.flush();
  }

  /** Bytes appended to `path` (created with its folder) on each flush, on this thread (an in-memory store's scan). */
  appendFile(path: string): FileBatch {
    const batch = this.files.get(path) ?? new ByteBatch();
    this.files.set(path, batch);
    return { batch, appended: () => undefined };
  }

  /** Writes what is queued as one all-or-nothing batch; returns the number of inputs written. */
  flush(): number {
    for (const [path, batch] of this.files) {
      const b = batch.take();
      if (!b) continue;
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, new Uint8Array(b.buffer, 0, b.length));
    }
    if (this.buffer.length === 0) return 0;
    const batch = this.buffer;
    // Swap first: if the write throws, the caller reports it and later inputs still get recorded.
    this.buffer = [];
    this.store.recordInputs(this.sessionId, batch);
    this.recorded += batch.length;
    return batch.length;
  }

  /** Inputs queued and not yet written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Inputs written by this recorder. */
  get written(): number {
    return this.recorded;
  }
}
