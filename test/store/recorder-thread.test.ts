import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ByteBatch, linesOf, openStore, ThreadInputRecorder } from '../../src/store/index.js';
import type { Input } from '../../src/domain/market.js';
import { frameLog } from '../../src/run/live/frame-log.js';
import type { ReceivedLogs } from '../../src/sources/chain/subscription.js';

const tick = (i: number): Input => ({ kind: 'tick', knownAt: i });

test('a byte batch keeps records of text and raw bytes, multi-byte UTF-8 included, across growth; take() starts over', () => {
  const b = new ByteBatch(8);
  const records = ['{"a":1}', 'ünïcødé ✓ 𝄞', 'x'.repeat(5000), ''];
  b.appendLine(records[0]);
  b.appendLine(records[1]);
  const raw = Buffer.from(`--${records[2]}--`);
  b.appendBytes(raw, 2, raw.length - 2);
  b.endLine();
  b.appendLine(records[3]);
  assert.equal(b.lines, 4);
  const taken = b.take()!;
  assert.equal(taken.lines, 4);
  assert.deepEqual(linesOf(taken), records);
  assert.equal(b.byteLength, 0);
  assert.equal(b.take(), null, 'an empty batch hands nothing over');
  b.appendLine('after');
  assert.deepEqual(linesOf(b.take()!), ['after']);
});

test('close() returns after every input, file record and store write is on disk, each once and in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-thread-'));
  const path = join(dir, 's.db');
  const store = openStore({ path });
  const id = store.startSession({ startedAt: 1, configJson: '{}', version: 't' });
  store.upsertPool({ kind: 'pool', knownAt: 1, ts: 1, mint: 'M', pool: 'P1', source: 'chain', dex: 'pumpfun', priceUsd: 1, liquidityUsd: 1, volume24hUsd: null, priceChange24hPct: null, buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null, marketCapUsd: null, baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: null });
  const errors: string[] = [];
  // Small batches: many posts, so the order across batches is tested too.
  const rec = new ThreadInputRecorder(path, id, 5000, (m) => errors.push(m), 13, 4096);
  const file = join(dir, 'frames', 'x.ndjson');
  const log = frameLog(rec.appendFile(file), () => 42);
  const writes = rec.deferredWrites();
  const inputs = Array.from({ length: 500 }, (_, i) => tick(i));
  const expected: string[] = [];
  for (const [i, input] of inputs.entries()) {
    rec.push(input);
    const frame = `{"jsonrpc":"2.0","method":"logsNotification","params":{"n":${i},"s":"ü"}}`;
    // Live frames carry their bytes (copied verbatim, trailing whitespace dropped); replayed ones only text.
    log.frame({ frame, bytes: i % 2 ? Buffer.from(`${frame} \n`) : undefined, receivedAt: 1000 + i } as ReceivedLogs);
    expected.push(`${frame.slice(0, -1)},"receivedAt":${1000 + i}}`);
    if (i === 250) {
      log.context({ solUsd: 150 });
      expected.push('{"jsonrpc":"2.0","method":"tapContext","params":{"solUsd":150},"receivedAt":42}');
    }
  }
  writes.putChainPools([{ pool: 'P1', program: 'pump_amm', baseMint: 'M', quoteMint: 'Q', learnedFrom: 'event', updatedAt: 3 }]);
  writes.setLeadPool('M', 'P1');
  // Applied after the pool's insert, in the order made.
  writes.touchChainPools([{ pool: 'P1', seenAt: 9 }]);
  await rec.close();
  assert.deepEqual(errors, []);
  assert.equal(rec.written, inputs.length);
  assert.deepEqual([...store.readSessionInputs(id)], inputs);
  assert.deepEqual(readFileSync(file, 'utf8').split('\n'), [...expected, '']);
  assert.equal(store.getPool('P1')?.lead, true);
  assert.deepEqual(store.loadChainPools().map((p) => [p.pool, p.seenAt]), [['P1', 9]]);
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a writer thread held up by another writer loses and repeats nothing: the batches wait, then all land in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-thread-'));
  const path = join(dir, 's.db');
  const store = openStore({ path });
  const id = store.startSession({ startedAt: 1, configJson: '{}', version: 't' });
  const rec = new ThreadInputRecorder(path, id, 60_000, (m) => assert.fail(m), 50);
  const file = join(dir, 'frames', 'slow.ndjson');
  const log = frameLog(rec.appendFile(file), () => 0);
  // Another connection takes the write lock: the writer thread blocks on its first batch.
  const other = new Database(path);
  other.prepare('BEGIN IMMEDIATE').run();
  const inputs = Array.from({ length: 2000 }, (_, i) => tick(i));
  for (const [i, input] of inputs.entries()) {
    rec.push(input);
    log.frame({ frame: `{"n":${i}}`, receivedAt: i } as ReceivedLogs);
    if (i % 100 === 99) rec.flush();
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(rec.written, 0, 'nothing committed while the lock is held');
  assert.ok(rec.pending >= inputs.length - 100);
  other.prepare('COMMIT').run();
  other.close();
  await rec.close();
  assert.equal(rec.written, inputs.length);
  assert.equal(rec.pending, 0);
  assert.deepEqual([...store.readSessionInputs(id)], inputs);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);
  assert.deepEqual(lines, inputs.map((_, i) => i));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
