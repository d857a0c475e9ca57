import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openFailure } from './errors.js';
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
  recordInputs: true,
};

/**
 * Opens (creating when missing) the store at `cfg.path` and brings its schema up to date.
 * WAL with synchronous=NORMAL: a killed process loses nothing it committed and never corrupts the file;
 * only a power loss or OS crash may drop the last transactions. Throws StoreError naming the path.
 */
export function openStore(cfg: Pick<StoreConfig, 'path'> & Partial<StoreConfig>): Store {
  const full: StoreConfig = { ...STORE_DEFAULTS, ...cfg };
  const path = full.path === ':memory:' ? full.path : resolve(full.path);
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: full.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
  } catch (e) {
    db?.close();
    throw openFailure(path, e);
  }
  return assemble(db, path, full);
}

function assemble(db: Database.Database, path: string, cfg: StoreConfig): Store {
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
    },
  };
}
