import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION, StoreError } from '../../src/store/index.js';
import { loadConfig } from '../../src/config/load.js';
import { cbrlCandles1m, tempDir, token } from './helpers.js';

test('a fresh file is created under missing parent directories, migrated to the current schema, in WAL mode', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'a', 'b', 'scanner.db');
    const store = openStore({ path });
    store.upsertToken(token(1000));
    assert.ok(existsSync(`${path}-wal`), 'WAL file exists while open');
    assert.ok(existsSync(`${path}-shm`), 'shared-memory index exists while open');
    assert.deepEqual(store.integrityCheck(), []);
    assert.deepEqual(store.integrityCheck({ full: true }), []);
    store.close();

    const raw = new Database(path, { readonly: true });
    assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['alert_deliveries', 'candles', 'chain_pools', 'cursors', 'mint_security', 'pools', 'session_inputs', 'sessions', 'signals', 'tokens']);
    raw.close();
  } finally {
    cleanup();
  }
});

test('re-opening an existing store keeps its data and runs no migration twice', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'scanner.db');
    const first = openStore({ path });
    first.upsertToken(token(1000));
    first.close();
    const second = openStore({ path });
    assert.equal(second.getToken(token(0).mint!)?.symbol, 'ABC');
    second.close();
    const third = openStore({ path });
    assert.equal(third.listTokens().length, 1);
    third.close();
  } finally {
    cleanup();
  }
});

test('a store of the schema before chain pools had a seen time keeps its pools, each seen when it was learned', async () => {
  const { MIGRATIONS } = await import('../../src/store/migrations.js');
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'scanner.db');
    // The file as the previous build left it: every migration but the last, with a pool row.
    const raw = new Database(path);
    for (const m of MIGRATIONS.slice(0, -1)) raw.exec(m);
    raw.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    raw.prepare("INSERT INTO chain_pools (pool, program, base_mint, quote_mint, learned_from, updated_at) VALUES ('P', 'pump', 'B', 'Q', 'event', 1234)").run();
    raw.close();
    const store = openStore({ path });
    assert.deepEqual(store.loadChainPools(), [{ pool: 'P', program: 'pump', baseMint: 'B', quoteMint: 'Q', learnedFrom: 'event', updatedAt: 1234, seenAt: 1234 }]);
    store.close();
  } finally {
    cleanup();
  }
});

test('a store written by a newer schema is refused with STORE_SCHEMA_TOO_NEW', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'scanner.db');
    openStore({ path }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => openStore({ path }), (e: unknown) => e instanceof StoreError && e.code === 'STORE_SCHEMA_TOO_NEW' && e.message.includes(path));
  } finally {
    cleanup();
  }
});

test('a file that is not a database is refused with a clear error naming it', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'scanner.db');
    writeFileSync(path, 'this is not sqlite, just a text file that happens to be long enough to look like a header....\n'.repeat(50));
    assert.throws(() => openStore({ path }), (e: unknown) => e instanceof StoreError && e.code === 'STORE_NOT_A_DATABASE' && e.message.includes(path));
  } finally {
    cleanup();
  }
});

test('the store slice loads from config/default.json with its documented defaults', () => {
  const cfg = loadConfig({ env: {} });
  assert.equal(cfg.store.path, 'cache/scanner.db');
  assert.equal(cfg.store.recordInputs, true);
  assert.ok(cfg.store.candleRetentionBars >= 20, 'keeps 14+ closed 4h and 20+ closed 5m candles with a margin');
  const overridden = loadConfig({ env: {}, sets: [['store.candleRetentionBars', '500', '--set']] });
  assert.equal(overridden.store.candleRetentionBars, 500);
  assert.throws(() => loadConfig({ env: {}, sets: [['store.keepSessions', '0', '--set']] }), /store\.keepSessions/);
});

test('cursors store, replace and delete backfill state', () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore({ path: join(dir, 's.db') });
    assert.equal(store.getCursor('geckoterminal:ohlcv:P:1m'), null);
    store.setCursor('geckoterminal:ohlcv:P:1m', '1756414680000', 10);
    store.setCursor('geckoterminal:ohlcv:P:1m', '1756414800000', 20);
    assert.deepEqual(store.getCursor('geckoterminal:ohlcv:P:1m'), { value: '1756414800000', updatedAt: 20 });
    store.close();
    const again = openStore({ path: join(dir, 's.db') });
    assert.deepEqual(again.getCursor('geckoterminal:ohlcv:P:1m'), { value: '1756414800000', updatedAt: 20 });
    again.deleteCursor('geckoterminal:ohlcv:P:1m');
    assert.equal(again.getCursor('geckoterminal:ohlcv:P:1m'), null);
    again.close();
  } finally {
    cleanup();
  }
});

test('the integrity check reports a damaged page', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 's.db');
    const store = openStore({ path });
    const candles = cbrlCandles1m();
    store.upsertCandles('k', candles);
    assert.deepEqual(store.integrityCheck({ full: true }), []);
    store.close();
    // Overwrite the middle of a page deep in the file: the header stays valid, a b-tree page does not.
    const fd = openSync(path, 'r+');
    const page = 4096;
    const target = Math.floor(statSync(path).size / page / 2) * page;
    writeSync(fd, Buffer.alloc(page / 2, 0xa5), 0, page / 2, target + 100);
    closeSync(fd);
    const damaged = openStore({ path });
    try {
      assert.notDeepEqual(damaged.integrityCheck({ full: true }), []);
    } finally {
      damaged.close();
    }
  } finally {
    cleanup();
  }
});
