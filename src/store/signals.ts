import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';
import type { SignalLine, SignalLineType, Store, TrackedSignal } from './types.js';

const SIGNAL_TYPES: ReadonlySet<string> = new Set<SignalLineType>(['ignition', 'confirmation', 'fade', 'rejected', 'near_miss', 'outcome']);

/** The id of the signal a line refers to: an outcome's signal, a fade's or confirmation's ignition. */
function refIdOf(line: SignalLine): string | null {
  switch (line.type) {
    case 'outcome': return line.signalId;
    case 'fade': return line.ignitionId;
    case 'confirmation': return line.ignitionId;
    default: return null;
  }
}

type SignalRepo = Pick<Store, 'insertSignal' | 'hasSignal' | 'getSignal' | 'openSignals' | 'recentSignals'>;

/**
 * Signal log lines keyed by their deterministic id. Inserts are idempotent (INSERT OR IGNORE), so a
 * restart that re-derives a signal, or a retried write, never stores it twice.
 */
export function signalRepo(db: Database): SignalRepo {
  const insert = db.prepare('INSERT OR IGNORE INTO signals (id, type, mint, ts, ref_id, line) VALUES (?, ?, ?, ?, ?, ?)');
  const has = db.prepare<[string], number>('SELECT 1 FROM signals WHERE id = ?').pluck();
  const get = db.prepare<[string], string>('SELECT line FROM signals WHERE id = ?').pluck();
  const open = db.prepare<[number], string>(`
    SELECT s.line FROM signals s
    WHERE s.type IN ('ignition', 'confirmation') AND s.ts >= ?
      AND NOT EXISTS (SELECT 1 FROM signals o WHERE o.ref_id = s.id AND o.type = 'outcome')
    ORDER BY s.ts, s.id`).pluck();
  const recent = db.prepare<[number], string>('SELECT line FROM signals ORDER BY ts DESC, id DESC LIMIT ?').pluck();
  const recentOfTypes = db.prepare<[string, number], string>(
    'SELECT line FROM signals WHERE type IN (SELECT value FROM json_each(?)) ORDER BY ts DESC, id DESC LIMIT ?').pluck();

  return {
    insertSignal(line) {
      if (!SIGNAL_TYPES.has(line.type)) {
        throw new StoreError('STORE_BAD_RECORD', `log line type ${String(line.type)} is not a signal line; the store keeps ${[...SIGNAL_TYPES].join(', ')}`);
      }
      if (typeof line.id !== 'string' || line.id === '') throw new StoreError('STORE_BAD_RECORD', `${line.type} line has no id`);
      if (!Number.isFinite(line.ts)) throw new StoreError('STORE_BAD_RECORD', `${line.type} line ${line.id} has no finite ts`);
      return insert.run(line.id, line.type, line.mint, line.ts, refIdOf(line), JSON.stringify(line)).changes === 1;
    },
    hasSignal(id) {
      return has.get(id) !== undefined;
    },
    getSignal(id) {
      const text = get.get(id);
      return text === undefined ? null : (JSON.parse(text) as SignalLine);
    },
    openSignals(sinceTs = Number.MIN_SAFE_INTEGER) {
      return open.all(sinceTs).map((t) => JSON.parse(t) as TrackedSignal);
    },
    recentSignals(limit, types) {
      const rows = types ? recentOfTypes.all(JSON.stringify(types), limit) : recent.all(limit);
      return rows.map((t) => JSON.parse(t) as SignalLine);
    },
  };
}
