import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';

/**
 * Forward-only schema migrations. Migration i (0-based) moves `PRAGMA user_version` from i to i + 1.
 * Never edit a shipped entry: append a new one. Each runs in its own transaction, so a kill mid-migration
 * leaves the previous version intact and the next open simply runs it again.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tokens (
    mint TEXT PRIMARY KEY,
    symbol TEXT,
    name TEXT,
    decimals INTEGER,
    token_program TEXT,
    first_seen_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    discovered_by TEXT NOT NULL DEFAULT '[]',
    evicted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE pools (
    pool TEXT PRIMARY KEY,
    mint TEXT,
    dex TEXT,
    ts INTEGER NOT NULL,
    price_usd REAL,
    liquidity_usd REAL,
    volume_24h_usd REAL,
    lead INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    snapshot TEXT NOT NULL
  ) STRICT;
  CREATE INDEX pools_by_mint ON pools (mint);

  CREATE TABLE mint_security (
    mint TEXT PRIMARY KEY,
    provenance TEXT NOT NULL,
    read_at INTEGER NOT NULL,
    renounced INTEGER NOT NULL,
    record TEXT NOT NULL
  ) STRICT;
  CREATE INDEX mint_security_by_read_at ON mint_security (read_at);

  CREATE TABLE candles (
    key TEXT NOT NULL,
    interval_ms INTEGER NOT NULL,
    start INTEGER NOT NULL,
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume_usd REAL NOT NULL,
    mint TEXT,
    pool TEXT,
    source TEXT NOT NULL,
    known_at INTEGER NOT NULL,
    PRIMARY KEY (key, interval_ms, start)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE signals (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mint TEXT,
    ts INTEGER NOT NULL,
    ref_id TEXT,
    line TEXT NOT NULL
  ) STRICT;
  CREATE INDEX signals_by_ts ON signals (ts);
  CREATE INDEX signals_by_type_ts ON signals (type, ts);
  CREATE INDEX signals_by_mint_ts ON signals (mint, ts);
  CREATE INDEX signals_by_ref ON signals (ref_id) WHERE ref_id IS NOT NULL;

  CREATE TABLE sessions (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    version TEXT NOT NULL,
    config_json TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE session_inputs (
    session_num INTEGER NOT NULL REFERENCES sessions (num) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    input TEXT NOT NULL,
    PRIMARY KEY (session_num, seq)
  ) STRICT;

  CREATE TABLE cursors (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  // The chain tap's pool cache: which mints a pool trades, read once from events or the pool account.
  `
  CREATE TABLE chain_pools (
    pool TEXT PRIMARY KEY,
    program TEXT NOT NULL,
    base_mint TEXT NOT NULL,
    quote_mint TEXT NOT NULL,
    learned_from TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  // Alert delivery ledger (src/store/alert-deliveries.ts): one row per (signal, sink).
  `
  CREATE TABLE alert_deliveries (
    signal_id TEXT NOT NULL,
    sink TEXT NOT NULL,
    mint TEXT,
    signal_ts INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'dropped')),
    line TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_error TEXT,
    PRIMARY KEY (signal_id, sink)
  ) STRICT;
  CREATE INDEX alert_deliveries_pending ON alert_deliveries (sink, created_at) WHERE state = 'pending';
  CREATE INDEX alert_deliveries_by_mint ON alert_deliveries (mint, signal_ts);
  `,
  // When the chain tap last saw a pool trade (store/chain-pools.ts): pools gone quiet are pruned at scan start.
  `
  ALTER TABLE chain_pools ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;
  UPDATE chain_pools SET seen_at = updated_at;
  `,
];

/** Schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION; returns the version it found. Refuses a newer schema. */
export function migrate(db: Database, path: string): number {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const found = version();
  // Each step re-reads the version inside an IMMEDIATE transaction, so two processes opening a fresh
  // file at once do not both run the same step.
  const step = db.transaction((): boolean => {
    const v = version();
    if (v > SCHEMA_VERSION) {
      throw new StoreError(
        'STORE_SCHEMA_TOO_NEW',
        `store ${path} has schema version ${v}, newer than this build understands (${SCHEMA_VERSION}); upgrade pump-scanner or point store.path elsewhere`,
      );
    }
    if (v === SCHEMA_VERSION) return false;
    db.exec(MIGRATIONS[v]);
    // PRAGMA takes no bound parameters; the version is an integer we control.
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    // One migration per transaction until the schema is current.
  }
  return found;
}
