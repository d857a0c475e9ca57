// The session recorder's writer thread: owns its own connection to the store and appends the batches the
// scanning thread posts, so SQLite never runs on the thread that reads the sockets.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from './open.js';

interface Init { path: string; sessionId: string; busyTimeoutMs: number }
const { path, sessionId, busyTimeoutMs } = workerData as Init;
const store = openStore({ path, busyTimeoutMs });

parentPort!.on('message', (m: { texts?: string[]; close?: true }) => {
  if (m.texts) {
    try {
      store.recordInputTexts(sessionId, m.texts);
      parentPort!.postMessage({ written: m.texts.length });
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error).message, lost: m.texts.length });
    }
  }
  if (m.close) {
    store.close();
    parentPort!.postMessage({ closed: true });
  }
});
