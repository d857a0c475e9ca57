// The session recorder's writer thread: owns its own connection to the store and the open frame files, and
// applies the batches the scanning thread posts, in order, so SQLite and the disk never run on the thread
// that reads the sockets.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from './open.js';
import { linesOf, type TakenBytes } from './byte-batch.js';
import type { StoreWrite, WriterBatch } from './recorder-worker.js';

interface Init { path: string; sessionId: string; busyTimeoutMs: number }
const { path, sessionId, busyTimeoutMs } = workerData as Init;
const store = openStore({ path, busyTimeoutMs });
const fds = new Map<string, number>();

function append(file: string, b: TakenBytes): void {
  let fd = fds.get(file);
  if (fd === undefined) {
    mkdirSync(dirname(file), { recursive: true });
    fds.set(file, (fd = openSync(file, 'a')));
  }
  const bytes = new Uint8Array(b.buffer, 0, b.length);
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
}

function apply(w: StoreWrite): void {
  if (w.op === 'setLeadPool') store.setLeadPool(w.mint, w.pool);
  else if (w.op === 'putChainPools') store.putChainPools(w.pools);
  else if (w.op === 'touchChainPools') store.touchChainPools(w.seen);
  else if (w.op === 'markTokenSeen') store.markTokenSeen(w.mint, w.source, w.at);
  else store.setTokenEvicted(w.mint, w.evicted);
}

/** Runs one part of a batch; a failure is reported and the rest of the batch still goes. */
function attempt(what: string, work: () => void, lost = 0): void {
  try {
    work();
  } catch (e) {
    parentPort!.postMessage({ error: `${what}: ${(e as Error).message}`, lost });
  }
}

parentPort!.on('message', (m: WriterBatch) => {
  if (m.inputs) {
    const inputs = m.inputs;
    attempt('inputs', () => {
      store.recordInputTexts(sessionId, linesOf(inputs));
      parentPort!.postMessage({ written: inputs.lines });
    }, inputs.lines);
  }
  for (const f of m.files ?? []) attempt(f.path, () => append(f.path, f.bytes));
  if (m.writes?.length) attempt('store writes', () => store.inTransaction(() => m.writes!.forEach(apply)));
  if (m.close) {
    for (const fd of fds.values()) closeSync(fd);
    store.close();
    parentPort!.postMessage({ closed: true });
  }
});
