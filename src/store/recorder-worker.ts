import { Worker } from 'node:worker_threads';
import type { Input } from '../domain/index.js';
import { ByteBatch, type TakenBytes } from './byte-batch.js';
import type { ChainPool, ChainPoolSeen } from './chain-pools.js';
import type { Store } from './types.js';

/** Store writes the scanning thread hands to the writer thread (applied in the order they were made). */
export type StoreWrite =
  | { op: 'setLeadPool'; mint: string; pool: string }
  | { op: 'putChainPools'; pools: ChainPool[] }
  | { op: 'touchChainPools'; seen: ChainPoolSeen[] }
  | { op: 'markTokenSeen'; mint: string; source: string; at: number }
  | { op: 'setTokenEvicted'; mint: string; evicted: boolean };

/** The store writes that may wait for the writer thread (nothing on the scanning thread reads them back). */
export type DeferredWrites = Pick<Store, 'setLeadPool' | 'putChainPools' | 'touchChainPools' | 'markTokenSeen' | 'setTokenEvicted'>;

/** One posted batch: inputs, file appends and store writes, applied by the writer thread in this order. */
export interface WriterBatch {
  inputs?: TakenBytes;
  files?: Array<{ path: string; bytes: TakenBytes }>;
  writes?: StoreWrite[];
  close?: true;
}

/** Bytes appended to a file by the writer thread; `appended()` after each record lets a full batch go early. */
export interface FileBatch {
  readonly batch: ByteBatch;
  appended(): void;
}

/**
 * The live session recorder with every write on a worker thread: the session's inputs (SQLite), the raw
 * frames file, and the store writes of the tap's hot path. Inputs are serialised as they are pushed into
 * one byte buffer (the text dies young); a flush transfers the buffers to the thread (no copy, no
 * structured clone per input). The thread that reads the sockets never waits for SQLite or the disk.
 * Same contract as InputRecorder: flush() on ticks and at shutdown, then close() before the session ends.
 */
export class ThreadInputRecorder {
  private readonly inputs = new ByteBatch(1 << 18);
  private readonly files = new Map<string, ByteBatch>();
  private writes: StoreWrite[] = [];
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
    /** Inputs per posted batch (default 5000); a batch also goes at `maxBatchBytes`. */
    private readonly maxBatch = 5000,
    private readonly maxBatchBytes = 1 << 20,
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
    this.inputs.appendLine(JSON.stringify(input));
    if (this.inputs.lines >= this.maxBatch || this.inputs.byteLength >= this.maxBatchBytes) this.flush();
  }

  /** Bytes to append to `path` (created with its folder), written with the recorder's batches, in order. */
  appendFile(path: string): FileBatch {
    const batch = this.files.get(path) ?? new ByteBatch(1 << 20);
    this.files.set(path, batch);
    return { batch, appended: () => void (batch.byteLength >= this.maxBatchBytes && this.flush()) };
  }

  /** Store writes queued for the writer thread (sent with the next flush). */
  deferredWrites(): DeferredWrites {
    return {
      setLeadPool: (mint, pool) => void this.writes.push({ op: 'setLeadPool', mint, pool }),
      putChainPools: (pools) => void (pools.length && this.writes.push({ op: 'putChainPools', pools: [...pools] })),
      touchChainPools: (seen) => void (seen.length && this.writes.push({ op: 'touchChainPools', seen: [...seen] })),
      markTokenSeen: (mint, source, at) => void this.writes.push({ op: 'markTokenSeen', mint, source, at }),
      setTokenEvicted: (mint, evicted) => void this.writes.push({ op: 'setTokenEvicted', mint, evicted }),
    };
  }

  /** Posts everything queued to the writer thread; returns the number of inputs posted. */
  flush(): number {
    if (this.closed) return 0;
    const msg: WriterBatch = {};
    const transfer: ArrayBuffer[] = [];
    const inputs = this.inputs.take();
    if (inputs) (msg.inputs = inputs), transfer.push(inputs.buffer);
    for (const [path, batch] of this.files) {
      const bytes = batch.take();
      if (bytes) (msg.files ??= []).push({ path, bytes }), transfer.push(bytes.buffer);
    }
    if (this.writes.length) (msg.writes = this.writes), (this.writes = []);
    if (!msg.inputs && !msg.files && !msg.writes) return 0;
    this.worker.postMessage(msg, transfer);
    this.posted += inputs?.lines ?? 0;
    return inputs?.lines ?? 0;
  }

  /** Inputs pushed and not yet committed by the writer thread. */
  get pending(): number {
    return this.inputs.lines + this.posted - this.recorded;
  }

  /** Inputs the writer thread has committed. */
  get written(): number {
    return this.recorded;
  }

  /** Flushes, waits for every posted batch to be written (inputs, files, store writes), and ends the thread. */
  close(): Promise<void> {
    this.flush();
    // Held open until the last batch is written (unref'd before: an idle recorder keeps no process alive).
    this.worker.ref();
    this.closed ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.on('message', (m: { closed?: boolean }) => m.closed && void this.worker.terminate().then(done, done));
      this.worker.on('exit', done);
      this.worker.postMessage({ close: true } satisfies WriterBatch);
    });
    return this.closed;
  }
}
