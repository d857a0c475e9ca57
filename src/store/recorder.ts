import type { Input } from '../domain/index.js';
import type { Store } from './types.js';

/**
 * Buffers a live session's inputs and writes them in batches: one transaction per batch is what makes
 * recording keep up with tens of thousands of inputs per second. It has no timer of its own: the live
 * runner calls flush() on its clock ticks and at shutdown, so at most one tick of inputs is lost on a kill.
 */
export class InputRecorder {
  private buffer: Input[] = [];
  private recorded = 0;

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

  /** Writes what is queued as one all-or-nothing batch; returns the number of inputs written. */
  flush(): number {
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
