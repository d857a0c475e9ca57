import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, openFailure } from './errors.js';
import { lockStore } from './lock.js';
import { migrate } from './migrations.js';
import { tokenRepo } from './tokens.js';
import { securityRepo } from './security.js';
import { candleRepo } from './candles.js';
import { signalRepo } from './signals.js';
import { sessionRepo } from './sessions.js';
import { cursorRepo } from './cursors.js';
import { chainPoolRepo } from './chain-pools.js';
import { alertDeliveryRepo } from './alert-deliveries.js';
import type { Store, StoreConfig } from './types.js';

/** Defaults of the store slice, for callers (tests, tools) that only have a path. */
export const STORE_DEFAULTS: Omit<StoreConfig, 'path'> = {
  busyTimeoutMs: 5000,
  candleRetentionBars: 240,
  candleRetentionMinMs: 86_400_000,
  keepSessions: 30,
  sessionRetentionDays: 7,
  chainPoolRetentionDays: 30,
  recordInputs: true,
};

/** How a command opens the store. */
export interface OpenOptions {
  /** Hold `<path>.lock` while open (scan): a second holder is refused with STORE_LOCKED naming the pid. */
  exclusive?: boolean;
  /** Refuse (STORE_MISSING) instead of creating a store that does not exist (sessions, replay --session). */
  mustExist?: boolean;
}

/**
 * Opens (creating when missing, unless `mustExist`) the store at `cfg.path` and brings its schema up to date.
 * WAL with synchronous=NORMAL: a killed process loses nothing it committed and never corrupts the file;
 * only a power loss or OS crash may drop the last transactions. Throws StoreError naming the path.
 */
export function openStore(cfg: Pick<StoreConfig, 'path'> & Partial<StoreConfig>, opts: OpenOptions = {}): Store {
  const full: StoreConfig = { ...STORE_DEFAULTS, ...cfg };
  const path = full.path === ':memory:' ? full.path : resolve(full.path);
  if (opts.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new StoreError('STORE_MISSING', `no store at ${full.path} (a scan creates it; check --db)`);
  }
  let db: Database.Database | undefined;
  let unlock: (() => void) | null = null;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    if (opts.exclusive && path !== ':memory:') unlock = lockStore(path);
    db = new Database(path, { timeout: full.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
  } catch (e) {
    db?.close();
    unlock?.();
    throw openFailure(path, e);
  }
  return assemble(db, path, full, unlock);
}

function assemble(db: Database.Database, path: string, cfg: StoreConfig, unlock: (() => void) | null): Store {
  return {
    path,
    ...tokenRepo(db),
    ...securityRepo(db),
    ...candleRepo(db, cfg),
    ...signalRepo(db),
    ...sessionRepo(db, cfg.keepSessions),
    ...cursorRepo(db),
    ...chainPoolRepo(db),
    ...alertDeliveryRepo(db),
    inTransaction: (work) => db.transaction(work).immediate(),
    integrityCheck(opts) {
      try {
        const rows = db.pragma(opts?.full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
        const messages = rows.map((r) => Object.values(r)[0]);
        return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
      } catch (e) {
        // A badly damaged file makes the check itself fail; that is a finding, not a crash.
        return [`${(e as { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`];
      }
    },
    close() {
      if (db.open) db.close();
      unlock?.();
    },
  };
}
