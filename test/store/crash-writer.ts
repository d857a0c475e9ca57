// Child process for crash.test.ts: writes input batches, signals and candles to a store in a tight loop
// until it is killed. Every input carries its batch number and index so the parent can check that each
// batch landed whole. Usage: node crash-writer.js <db path> <session id> <batch size>
import { openStore } from '../../src/store/index.js';
import type { Candle, Input } from '../../src/domain/index.js';
import { ignition, outcome, trade } from './helpers.js';

const [path, sessionId, batchArg] = process.argv.slice(2);
const batchSize = Number(batchArg);
const store = openStore({ path });
let batch = store.getSession(sessionId)!.inputCount / batchSize;
process.stdout.write('ready\n');

const T0 = Date.UTC(2025, 7, 20);
for (;;) {
  const inputs: Input[] = [];
  for (let i = 0; i < batchSize; i++) inputs.push(trade(T0 + batch * 1000 + i, { id: `b${batch}:${i}` }));
  store.recordInputs(sessionId, inputs);
  // Signal ids repeat, as a restarted scanner re-derives the signals it already wrote.
  const id = `ig-${batch % 37}`;
  store.insertSignal(ignition(id, T0 + (batch % 37) * 60_000));
  if (batch % 5 === 0) store.insertSignal(outcome(`oc-${id}`, id, T0 + batch));
  const candle: Candle = {
    kind: 'candle', knownAt: T0 + (batch + 1) * 60_000, mint: 'M', pool: 'P', source: 'test',
    start: T0 + batch * 60_000, intervalMs: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volumeUsd: batch, final: true,
  };
  store.upsertCandles('M', [candle]);
  batch++;
}
