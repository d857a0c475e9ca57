import { Worker } from 'node:worker_threads';
import type { Input } from '../domain/index.js';

/**
 * The live session recorder with its SQLite writes on a worker thread. Inputs are serialised as they are
 * pushed (a few microseconds each, spread evenly) and posted in batches; the writer thread appends them in
 * one transaction per batch. The thread that reads the sockets never waits for SQLite, so a 5,000-input
 * write no longer stalls the next frame. Same contract as InputRecorder: flush() on ticks and at shutdown,
 * then close() before the session is ended.
 */
export class ThreadInputRecorder {
  private buffer: string[] = [];
  private recorded = 0;
  private posted = 0;
  private readonly worker: Worker;
  private closed: Promise<void> | null = null;

  constructor(
    path: string,
    readonly sessionId: string,
    busyTimeoutMs: number,
    /** A failed batch: the inputs are lost, the scan goes on (the caller reports it). */
    private readonly onError: (message: string) => void,
    /** Inputs per posted batch (default 500: a 500-string clone costs the event loop well under a millisecond). */
    private readonly maxBatch = 500,
  ) {
    // No inherited node flags: the writer needs none, and some (--input-type of an -e script) break a file-based worker.
    this.worker = new Worker(new URL('./recorder-thread.js', import.meta.url), { workerData: { path, sessionId, busyTimeoutMs }, execArgv: [] });
    this.worker.on('message', (m: { written?: number; error?: string }) => {
      if (m.written) this.recorded += m.written;
      if (m.error) this.onError(`session recording: ${m.error}`);
    });
    this.worker.on('error', (e) => this.onError(`session recording thread: ${e.message}`));
    this.worker.unref();
  }

  push(input: Input): void {
    this.buffer.push(JSON.stringify(input));
    if (this.buffer.length >= this.maxBatch) this.flush();
  }

  /** Posts what is queued to the writer thread; returns the number of inputs posted. */
  flush(): number {
    if (this.buffer.length === 0 || this.closed) return 0;
    const texts = this.buffer;
    this.buffer = [];
    this.worker.postMessage({ texts });
    this.posted += texts.length;
    return texts.length;
  }

  get pending(): number {
    return this.buffer.length + this.posted - this.recorded;
  }

  /** Inputs the writer thread has committed. */
  get written(): number {
    return this.recorded;
  }

  /** Flushes, waits for every posted batch to be written, and ends the thread. */
  close(): Promise<void> {
    this.flush();
    // Held open until the last batch is written (unref'd before: an idle recorder keeps no process alive).
    this.worker.ref();
    this.closed ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.on('message', (m: { closed?: boolean }) => m.closed && void this.worker.terminate().then(done, done));
      this.worker.on('exit', done);
      this.worker.postMessage({ close: true });
    });
    return this.closed;
  }
}
