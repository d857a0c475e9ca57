import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, ThreadInputRecorder } from '../../src/store/index.js';
import type { Input } from '../../src/domain/market.js';

test('chain pools survive a reopen; a pool written twice keeps one row', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chain-store-'));
  const path = join(dir, 's.db');
  const s1 = openStore({ path });
  s1.putChainPools([{ pool: 'P1', program: 'pump_amm', baseMint: 'B', quoteMint: 'Q', learnedFrom: 'account', updatedAt: 5 }]);
  s1.putChainPools([{ pool: 'P1', program: 'pump_amm', baseMint: 'B', quoteMint: 'Q', learnedFrom: 'account', updatedAt: 6 }, { pool: 'P2', program: 'raydium_clmm', baseMint: 'C', quoteMint: 'D', learnedFrom: 'event', updatedAt: 7 }]);
  s1.close();
  const s2 = openStore({ path });
  assert.deepEqual(s2.loadChainPools().sort((a, b) => a.pool.localeCompare(b.pool)), [
    { pool: 'P1', program: 'pump_amm', baseMint: 'B', quoteMint: 'Q', learnedFrom: 'account', updatedAt: 6, seenAt: 6 },
    { pool: 'P2', program: 'raydium_clmm', baseMint: 'C', quoteMint: 'D', learnedFrom: 'event', updatedAt: 7, seenAt: 7 },
  ]);
  s2.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a chain pool\'s seen time only moves forward; pruning deletes the pools not seen since the cut-off', () => {
  const store = openStore({ path: ':memory:' });
  const pool = (p: string, at: number) => ({ pool: p, program: 'pump_amm', baseMint: `B${p}`, quoteMint: 'Q', learnedFrom: 'event' as const, updatedAt: at });
  store.putChainPools([pool('P1', 100), pool('P2', 200), pool('P3', 300)]);
  store.touchChainPools([{ pool: 'P1', seenAt: 1000 }, { pool: 'P2', seenAt: 150 }, { pool: 'unknown', seenAt: 5000 }]);
  const seen = () => Object.fromEntries(store.loadChainPools().map((p) => [p.pool, p.seenAt]));
  // P2's older report does not move it back; an unknown pool is not created by a touch.
  assert.deepEqual(seen(), { P1: 1000, P2: 200, P3: 300 });
  assert.equal(store.pruneChainPools(300), 1);
  assert.deepEqual(seen(), { P1: 1000, P3: 300 });
  assert.equal(store.pruneChainPools(300), 0);
  store.close();
});

test('the thread recorder writes every input, in order, from its worker thread, while the main connection keeps writing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chain-store-'));
  const path = join(dir, 's.db');
  const store = openStore({ path });
  const id = store.startSession({ startedAt: 1, configJson: '{}', version: 't' });
  const errors: string[] = [];
  const rec = new ThreadInputRecorder(path, id, 5000, (m) => errors.push(m), 7);
  const inputs: Input[] = Array.from({ length: 100 }, (_, i) => ({ kind: 'tick', knownAt: i }));
  for (const i of inputs) {
    rec.push(i);
    if (i.knownAt % 10 === 0) store.setCursor(`k${i.knownAt}`, 'v', i.knownAt);
  }
  await rec.close();
  assert.deepEqual(errors, []);
  assert.equal(rec.written, 100);
  assert.deepEqual([...store.readSessionInputs(id)], inputs);
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
