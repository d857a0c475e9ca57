import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore, StoreError } from '../../src/store/index.js';
import type { Candle } from '../../src/domain/index.js';
import { CBRL_POOL, cbrlCandles1m, tempDir, withStore } from './helpers.js';

const H4 = 4 * 3_600_000;

test('the CBRL 1m candles (GeckoTerminal) are stored and load back identical, with their coverage', () => {
  const candles = cbrlCandles1m();
  assert.ok(candles.length > 8000, `read ${candles.length} CBRL 1m candles`);
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.db');
    const store = openStore({ path });
    assert.equal(store.coverage(CBRL_POOL, 60_000), null, 'nothing stored yet');
    assert.equal(store.upsertCandles(CBRL_POOL, candles), candles.length);
    store.close();

    const again = openStore({ path });
    const first = candles[0].start;
    const last = candles[candles.length - 1].start;
    assert.deepEqual(again.coverage(CBRL_POOL, 60_000), { firstStart: first, lastStart: last, count: candles.length });
    assert.equal(again.coverage(CBRL_POOL, 300_000), null, 'other intervals are separate');
    assert.deepEqual(again.loadCandles(CBRL_POOL, 60_000), candles);
    const since = candles[Math.floor(candles.length / 2)].start;
    assert.deepEqual(again.loadCandles(CBRL_POOL, 60_000, since), candles.filter((c) => c.start >= since));
    again.close();
  } finally {
    cleanup();
  }
});

test('re-upserting a candle replaces it (a corrected close), and forming candles are skipped', () => {
  withStore((store) => {
    const [a, b] = cbrlCandles1m().slice(0, 2);
    store.upsertCandles('k', [a, b]);
    const corrected: Candle = { ...b, close: b.close * 1.01, knownAt: b.knownAt + 500 };
    const forming: Candle = { ...b, start: b.start + 60_000, final: false };
    assert.equal(store.upsertCandles('k', [corrected, forming]), 1);
    assert.deepEqual(store.loadCandles('k', 60_000), [a, corrected]);
  });
});

test('a batch with a non-finite price is refused whole', () => {
  withStore((store) => {
    const [a, b] = cbrlCandles1m().slice(0, 2);
    assert.throws(() => store.upsertCandles('k', [a, { ...b, high: Number.NaN }]), (e: unknown) => e instanceof StoreError && e.code === 'STORE_BAD_RECORD' && /high/.test(e.message));
    assert.equal(store.coverage('k', 60_000), null, 'the good candle before it was rolled back too');
  });
});

test('pruning keeps the configured bars per interval and never less than the minimum age', () => {
  withStore((store) => {
    const cbrl = cbrlCandles1m();
    store.upsertCandles(CBRL_POOL, cbrl);
    // 4h candles at the window starts of the same data, the last 60 windows.
    const starts4h = [...new Set(cbrl.map((c) => Math.floor(c.start / H4) * H4))].slice(-60);
    store.upsertCandles(CBRL_POOL, starts4h.map((start) => ({ ...cbrl[0], start, intervalMs: H4, knownAt: start + H4 })));
    const now = cbrl[cbrl.length - 1].start + 60_000;
    const deleted = store.pruneCandles(now);

    // 1m: 20 bars is 20 minutes, less than the 1h minimum, so the last hour stays.
    const kept1m = cbrl.filter((c) => c.start >= now - 3_600_000);
    assert.ok(kept1m.length > 0 && kept1m.length < cbrl.length);
    assert.deepEqual(store.loadCandles(CBRL_POOL, 60_000), kept1m);
    // 4h: the last 20 bars (80h) before now stay.
    const kept4h = starts4h.filter((s) => s >= now - 20 * H4);
    assert.ok(kept4h.length >= 14 && kept4h.length < starts4h.length);
    assert.deepEqual(store.loadCandles(CBRL_POOL, H4).map((c) => c.start), kept4h);
    assert.equal(deleted, cbrl.length - kept1m.length + starts4h.length - kept4h.length);
    assert.equal(store.pruneCandles(now), 0, 'pruning again deletes nothing');
  }, { candleRetentionBars: 20, candleRetentionMinMs: 3_600_000 });
});
