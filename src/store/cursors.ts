import type { Database } from 'better-sqlite3';
import type { Store, StoredCursor } from './types.js';

type CursorRepo = Pick<Store, 'getCursor' | 'setCursor' | 'deleteCursor'>;

/**
 * Source cursors and backfill state: a key (`geckoterminal:ohlcv:<pool>:1m`) to an opaque value the
 * source understands (a timestamp, a page token, JSON), so a restart does not re-download what it has.
 */
export function cursorRepo(db: Database): CursorRepo {
  const get = db.prepare<[string], { value: string; updated_at: number }>('SELECT value, updated_at FROM cursors WHERE key = ?');
  const set = db.prepare(`
    INSERT INTO cursors (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const del = db.prepare('DELETE FROM cursors WHERE key = ?');
  return {
    getCursor(key): StoredCursor | null {
      const row = get.get(key);
      return row ? { value: row.value, updatedAt: row.updated_at } : null;
    },
    setCursor(key, value, at) {
      set.run(key, value, at);
    },
    deleteCursor(key) {
      del.run(key);
    },
  };
}
