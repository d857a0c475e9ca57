import type { Database } from 'better-sqlite3';
import type { Candle } from '../domain/index.js';
import { StoreError } from './errors.js';
import type { CandleCoverage, Store, StoreConfig } from './types.js';

type Row = {
  start: number; interval_ms: number; open: number; high: number; low: number; close: number; volume_usd: number;
  mint: string | null; pool: string | null; source: string; known_at: number;
};

// Field order matches the Candle type so a loaded candle deep-equals the one stored.
const toCandle = (r: Row): Candle => ({
  kind: 'candle',
  knownAt: r.known_at,
  mint: r.mint,
  pool: r.pool,
  source: r.source,
  start: r.start,
  intervalMs: r.interval_ms,
  open: r.open,
  high: r.high,
  low: r.low,
  close: r.close,
  volumeUsd: r.volume_usd,
  final: true,
});

const FINITE_FIELDS = ['start', 'intervalMs', 'open', 'high', 'low', 'close', 'volumeUsd', 'knownAt'] as const;

type CandleRepo = Pick<Store, 'upsertCandles' | 'loadCandles' | 'coverage' | 'pruneCandles'>;

/** Closed candles per (key, interval, start) for warm start; a later upsert of the same start replaces it. */
export function candleRepo(db: Database, cfg: Pick<StoreConfig, 'candleRetentionBars' | 'candleRetentionMinMs'>): CandleRepo {
  const upsert = db.prepare(`
    INSERT OR REPLACE INTO candles (key, interval_ms, start, open, high, low, close, volume_usd, mint, pool, source, known_at)
    VALUES (@key, @intervalMs, @start, @open, @high, @low, @close, @volumeUsd, @mint, @pool, @source, @knownAt)`);
  const load = db.prepare<[string, number, number], Row>(
    'SELECT * FROM candles WHERE key = ? AND interval_ms = ? AND start >= ? ORDER BY start');
  const coverage = db.prepare<[string, number], { first: number | null; last: number | null; n: number }>(
    'SELECT min(start) AS first, max(start) AS last, count(*) AS n FROM candles WHERE key = ? AND interval_ms = ?');
  // Per row: keep the last `bars` intervals, and never less than `minMs` of history.
  const prune = db.prepare<[number, number, number]>('DELETE FROM candles WHERE start < ? - max(?, ? * interval_ms)');

  const upsertAll = db.transaction((key: string, candles: readonly Candle[]): number => {
    let written = 0;
    for (const c of candles) {
      if (!c.final) continue;
      for (const f of FINITE_FIELDS) {
        if (!Number.isFinite(c[f])) {
          throw new StoreError('STORE_BAD_RECORD', `candle of ${key} at ${c.start} has a non-finite ${f} (${c[f]})`);
        }
      }
      upsert.run({ ...c, key });
      written++;
    }
    return written;
  });

  return {
    upsertCandles(key, candles) {
      return upsertAll(key, candles);
    },
    loadCandles(key, intervalMs, sinceMs = Number.MIN_SAFE_INTEGER) {
      return load.all(key, intervalMs, sinceMs).map(toCandle);
    },
    coverage(key, intervalMs): CandleCoverage | null {
      const r = coverage.get(key, intervalMs)!;
      return r.n === 0 ? null : { firstStart: r.first!, lastStart: r.last!, count: r.n };
    },
    pruneCandles(now) {
      return prune.run(now, cfg.candleRetentionMinMs, cfg.candleRetentionBars).changes;
    },
  };
}
