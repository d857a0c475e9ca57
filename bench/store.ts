// Store throughput: recordInputs (batched), readSessionInputs (paged stream), and, for contrast, one
// transaction per input. Run: npx tsc -p . && node --expose-gc dist/bench/store.js [inputs]
// (BATCHES=500,1000,5000 picks the batch sizes).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import type { Input } from '../src/domain/index.js';
import { everyKind, trade } from '../test/store/helpers.js';
import { printTable } from './md.js';

const TOTAL = Number(process.argv[2] ?? 200_000);
const T0 = Date.UTC(2025, 7, 20);

/** Mostly trades, as a live session is, with every other kind mixed in. */
function makeInputs(n: number): Input[] {
  const out: Input[] = [];
  for (let i = 0; out.length < n; i++) {
    if (i % 50 === 0) out.push(...everyKind(T0 + i));
    else out.push(trade(T0 + i, { id: `5h3Kx${i}LongSignatureLikeString${i * 7}:0`, priceUsd: 0.000123 + i * 1e-9 }));
  }
  return out.slice(0, n);
}

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} inputs/s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const rows: string[][] = [];
const row = (what: string, figure: string) => rows.push([what, figure]);
const dir = mkdtempSync(join(tmpdir(), 'pump-store-bench-'));
try {
  const path = join(dir, 'bench.db');
  const store = openStore({ path });
  const inputs = makeInputs(TOTAL);
  const jsonBytes = inputs.reduce((s, x) => s + JSON.stringify(x).length, 0);
  console.log(`\n## store: session recording and replay from SQLite\n${TOTAL.toLocaleString('en-US')} inputs (mostly trades, every other kind mixed in), ${Math.round(jsonBytes / TOTAL)} bytes of JSON each on average.`);

  const batches = (process.env.BATCHES ?? '500,5000').split(',').map(Number);
  for (const batch of batches) {
    const id = store.startSession({ startedAt: T0 + batch, configJson: '{}', version: 'bench' });
    const t = performance.now();
    for (let i = 0; i < inputs.length; i += batch) store.recordInputs(id, inputs.slice(i, i + batch));
    row(`recordInputs, batches of ${batch}`, rate(TOTAL, performance.now() - t));
  }

  const single = Math.min(5000, TOTAL);
  const sid = store.startSession({ startedAt: T0 - 1, configJson: '{}', version: 'bench' });
  let t = performance.now();
  for (let i = 0; i < single; i++) store.recordInputs(sid, [inputs[i]]);
  row(`recordInputs, one input per transaction (${single})`, rate(single, performance.now() - t));

  const id = store.listSessions().find((s) => s.inputCount === TOTAL)!.id;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  let n = 0;
  t = performance.now();
  for (const input of store.readSessionInputs(id)) {
    if (input.knownAt < 0) throw new Error('unexpected');
    if (++n % 50_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  const readMs = performance.now() - t;
  row('readSessionInputs (paged stream)', rate(n, readMs));
  row('live heap growth while streaming (sampled after gc)', `at most ${mb(peak - heapBefore)}`);
  store.close();
  row(`file size after ${(batches.length * TOTAL + single).toLocaleString('en-US')} inputs`, mb(statSync(path).size));
  printTable(['store (better-sqlite3, WAL)', 'figure'], rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
