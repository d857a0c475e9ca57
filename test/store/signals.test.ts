import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, StoreError, type SignalLine } from '../../src/store/index.js';
import type { ConfirmationLine, FadeLine, NearMissLine, RejectedLine, StatusLine } from '../../src/domain/index.js';
import { ignition, outcome, tempDir } from './helpers.js';

const T = Date.UTC(2025, 7, 28, 12, 0);

function lines(): SignalLine[] {
  const ig = ignition('ig-1', T);
  const conf: ConfirmationLine = {
    v: 1, type: 'confirmation', ts: T + 3_600_000, mint: ig.mint, pool: ig.pool, symbol: 'ABC', id: 'cf-1', window4hStart: ig.window4hStart,
    open: 0.001, high: 0.0019, low: 0.00095, close: 0.0016, volumeUsd: 151_234.5, changePct: 60, ladder: null,
    ladderUnavailable: 'insufficient_history', ignitionId: 'ig-1', gates: [], confidence: { score: null, p: null, calibrated: false, features: {} },
  };
  const fade: FadeLine = { v: 1, type: 'fade', ts: T + 1, mint: 'M2', pool: null, symbol: null, id: 'fd-1', window4hStart: 0, changePct: 3.2, ignitionId: 'ig-0' };
  const rejected: RejectedLine = {
    v: 1, type: 'rejected', ts: T + 2, mint: 'M3', pool: null, symbol: 'X', id: 'rj-1', signalType: 'ignition', window4hStart: 0, changePct: 11, price: 2,
    failed: [{ gate: 'mint_authority', status: 'fail', value: 'Auth', threshold: null, reason: 'mint_authority_present', source: 'rpc', ageMs: 0 }], gates: [],
  };
  const near: NearMissLine = { v: 1, type: 'near_miss', ts: T + 3, mint: 'M4', pool: null, symbol: null, id: 'nm-1', signalType: 'ignition', window4hStart: 0, changePct: 1.7, volumeRatio5m: null, missed: ['change_below_min'] };
  return [ig, conf, fade, rejected, near, outcome('oc-1', 'ig-1', T + 7_200_000)];
}

test('every signal line type round-trips exactly by id', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.db');
    const store = openStore({ path });
    for (const line of lines()) assert.equal(store.insertSignal(line), true);
    store.close();
    const again = openStore({ path });
    for (const line of lines()) {
      assert.equal(again.hasSignal(line.id), true);
      assert.deepEqual(again.getSignal(line.id), line);
    }
    assert.equal(again.hasSignal('nope'), false);
    assert.equal(again.getSignal('nope'), null);
    assert.deepEqual(again.recentSignals(2).map((l) => l.id), ['oc-1', 'cf-1']);
    assert.deepEqual(again.recentSignals(10, ['fade', 'near_miss']).map((l) => l.id), ['nm-1', 'fd-1']);
    again.close();
  } finally {
    cleanup();
  }
});

test('inserting the same id twice returns false and keeps one row, the first one', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.db');
    const store = openStore({ path });
    const first = ignition('ig-dup', T);
    assert.equal(store.insertSignal(first), true);
    assert.equal(store.insertSignal({ ...first, changePct: 99 }), false);
    assert.deepEqual(store.getSignal('ig-dup'), first);
    store.close();
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.prepare("SELECT count(*) FROM signals WHERE id = 'ig-dup'").pluck().get(), 1);
    raw.close();
  } finally {
    cleanup();
  }
});

test('open signals are the ignitions and confirmations without an outcome yet', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore({ path: join(dir, 's.db') });
    const [ig, conf] = lines();
    store.insertSignal(ig);
    assert.deepEqual(store.openSignals(), [ig]);
    store.insertSignal(conf);
    store.insertSignal(ignition('ig-old', T - 86_400_000));
    assert.deepEqual(store.openSignals().map((s) => s.id), ['ig-old', 'ig-1', 'cf-1']);
    assert.deepEqual(store.openSignals(T).map((s) => s.id), ['ig-1', 'cf-1'], 'only signals at or after sinceTs');
    store.insertSignal(outcome('oc-1', 'ig-1', T + 7_200_000));
    assert.deepEqual(store.openSignals().map((s) => s.id), ['ig-old', 'cf-1']);
    store.close();
  } finally {
    cleanup();
  }
});

test('non-signal log lines and lines without an id are refused', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore({ path: join(dir, 's.db') });
    const status: StatusLine = {
      v: 1, type: 'status', ts: T, mint: null, pool: null, symbol: null, id: 'st-1', source: 'dexscreener', endpoint: null, state: 'ok', detail: null,
      counters: { requests: 1, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 1 }, ratePerMin: null, budgetPerMin: null, nextAttemptAt: null,
    };
    const isBad = (e: unknown) => e instanceof StoreError && e.code === 'STORE_BAD_RECORD';
    assert.throws(() => store.insertSignal(status as unknown as SignalLine), isBad);
    assert.throws(() => store.insertSignal({ ...ignition('', T) }), isBad);
    assert.equal(store.recentSignals(10).length, 0);
    store.close();
  } finally {
    cleanup();
  }
});
