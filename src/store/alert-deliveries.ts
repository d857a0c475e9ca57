import type { Database } from 'better-sqlite3';
import type { EpochMs } from '../domain/time.js';

/** Where one alert stands with one sink. Only `pending` rows are (re)sent. */
export type AlertDeliveryState = 'pending' | 'sent' | 'failed' | 'dropped';

/** One (signal, sink) delivery as stored. `line` is the signal's JSONL line, rendered again on each attempt. */
export interface AlertDelivery {
  signalId: string;
  sink: string;
  /** The token: its mint, or its pool when only the pool is known. */
  mint: string | null;
  /** Event time of the signal, epoch ms (cooldowns are measured on it). */
  signalTs: EpochMs;
  state: AlertDeliveryState;
  line: string;
  attempts: number;
  /** Wall time of the enqueue and of the last change, epoch ms. */
  createdAt: EpochMs;
  updatedAt: EpochMs;
  /** Last failure (already redacted by the caller), or null. */
  lastError: string | null;
}

export interface NewAlertDelivery {
  signalId: string;
  sink: string;
  mint: string | null;
  signalTs: EpochMs;
  line: string;
  at: EpochMs;
}

/**
 * Delivery state of alerts, keyed by (signal id, sink): the ledger that makes alerts exactly once across
 * restarts and kill -9. A row is written `pending` before the first attempt and turned `sent` only after
 * the receiver's 2xx, each in its own (autocommit) transaction, so a killed process resends what it had
 * not confirmed and never what it had.
 */
export interface AlertDeliveryRepo {
  /** Inserts a pending delivery; false (and no change) when this (signal, sink) is already known. */
  enqueueAlert(d: NewAlertDelivery): boolean;
  /** True when any sink has (or had) a delivery of this signal. */
  alertKnown(signalId: string): boolean;
  /** Pending deliveries of `sink`, oldest first. */
  pendingAlerts(sink: string, limit: number): AlertDelivery[];
  getAlertDelivery(signalId: string, sink: string): AlertDelivery | null;
  /** After the receiver's 2xx; also a row the bound dropped while it was in flight (it did arrive). */
  markAlertSent(signalId: string, sink: string, at: EpochMs): void;
  /** Counts a failed attempt and keeps the row pending; returns the attempts so far. */
  noteAlertAttempt(signalId: string, sink: string, at: EpochMs, error: string): number;
  /** Gives up on a delivery (a permanent error, or out of attempts). */
  markAlertFailed(signalId: string, sink: string, at: EpochMs, error: string): void;
  /** Drops the oldest pending deliveries of `sink` beyond `keep`; returns how many. */
  dropOldestPendingAlerts(sink: string, keep: number, at: EpochMs): number;
  /** Event time of the newest entry alert (ignition, confirmation, rejected) of a token, not dropped: the cooldown. */
  lastAlertTs(mint: string): EpochMs | null;
  alertCounts(sink: string): Record<AlertDeliveryState, number>;
}

interface Row {
  signal_id: string;
  sink: string;
  mint: string | null;
  signal_ts: number;
  state: AlertDeliveryState;
  line: string;
  attempts: number;
  created_at: number;
  updated_at: number;
  last_error: string | null;
}

const fromRow = (r: Row): AlertDelivery => ({
  signalId: r.signal_id, sink: r.sink, mint: r.mint, signalTs: r.signal_ts, state: r.state, line: r.line,
  attempts: r.attempts, createdAt: r.created_at, updatedAt: r.updated_at, lastError: r.last_error,
});

export function alertDeliveryRepo(db: Database): AlertDeliveryRepo {
  const insert = db.prepare(`
    INSERT INTO alert_deliveries (signal_id, sink, mint, signal_ts, state, line, attempts, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'pending', ?, 0, ?, ?) ON CONFLICT DO NOTHING`);
  const known = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM alert_deliveries WHERE signal_id = ? LIMIT 1');
  // rowid breaks ties of one millisecond, so the order is the enqueue order.
  const pending = db.prepare<[string, number], Row>(`SELECT * FROM alert_deliveries WHERE sink = ? AND state = 'pending' ORDER BY created_at, rowid LIMIT ?`);
  const one = db.prepare<[string, string], Row>('SELECT * FROM alert_deliveries WHERE signal_id = ? AND sink = ?');
  const sent = db.prepare(`UPDATE alert_deliveries SET state = 'sent', attempts = attempts + 1, updated_at = ?, last_error = NULL WHERE signal_id = ? AND sink = ? AND state IN ('pending', 'dropped')`);
  const attempt = db.prepare<[number, string, string, string], { attempts: number }>(
    `UPDATE alert_deliveries SET attempts = attempts + 1, updated_at = ?, last_error = ? WHERE signal_id = ? AND sink = ? AND state = 'pending' RETURNING attempts`);
  const failed = db.prepare(`UPDATE alert_deliveries SET state = 'failed', attempts = attempts + 1, updated_at = ?, last_error = ? WHERE signal_id = ? AND sink = ? AND state = 'pending'`);
  const drop = db.prepare(`
    UPDATE alert_deliveries SET state = 'dropped', updated_at = ? WHERE rowid IN (
      SELECT rowid FROM alert_deliveries WHERE sink = ? AND state = 'pending' ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)`);
  const last = db.prepare<[string], { ts: number | null }>(`
    SELECT max(signal_ts) AS ts FROM alert_deliveries
    WHERE mint = ? AND state <> 'dropped' AND json_extract(line, '$.type') IN ('ignition', 'confirmation', 'rejected')`);
  const counts = db.prepare<[string], { state: AlertDeliveryState; n: number }>('SELECT state, count(*) AS n FROM alert_deliveries WHERE sink = ? GROUP BY state');
  return {
    enqueueAlert: (d) => insert.run(d.signalId, d.sink, d.mint, d.signalTs, d.line, d.at, d.at).changes === 1,
    alertKnown: (id) => known.get(id) !== undefined,
    pendingAlerts: (sink, limit) => pending.all(sink, limit).map(fromRow),
    getAlertDelivery(id, sink) {
      const r = one.get(id, sink);
      return r ? fromRow(r) : null;
    },
    markAlertSent(id, sink, at) {
      sent.run(at, id, sink);
    },
    noteAlertAttempt: (id, sink, at, error) => attempt.get(at, error, id, sink)?.attempts ?? 0,
    markAlertFailed(id, sink, at, error) {
      failed.run(at, error, id, sink);
    },
    dropOldestPendingAlerts: (sink, keep, at) => drop.run(at, sink, keep).changes,
    lastAlertTs: (mint) => last.get(mint)?.ts ?? null,
    alertCounts(sink) {
      const out: Record<AlertDeliveryState, number> = { pending: 0, sent: 0, failed: 0, dropped: 0 };
      for (const r of counts.all(sink)) out[r.state] = r.n;
      return out;
    },
  };
}
