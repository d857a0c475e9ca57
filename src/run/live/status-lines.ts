import { LOG_SCHEMA_VERSION, type BadDataLine, type StatusLine } from '../../domain/signals.js';
import type { BadData, SourceStatus } from '../../domain/status.js';
import { eventId } from '../../signals/ids.js';

/** A source's status as a log line (clock time by nature: excepted from live/replay parity). */
export function statusLine(s: SourceStatus): StatusLine {
  return {
    v: LOG_SCHEMA_VERSION, type: 'status', ts: s.at, mint: null, pool: null, symbol: null,
    id: eventId('status', s.source, s.endpoint, s.at, s.state),
    source: s.source, endpoint: s.endpoint, state: s.state, detail: s.detail, counters: { ...s.counters },
    ratePerMin: s.ratePerMin, budgetPerMin: s.budgetPerMin, nextAttemptAt: s.nextAttemptAt,
  };
}

export function badDataLine(b: BadData, seq: number): BadDataLine {
  return {
    v: LOG_SCHEMA_VERSION, type: 'bad_data', ts: b.at, mint: null, pool: null, symbol: null,
    id: eventId('bad_data', b.source, b.endpoint, b.field, b.at, seq), source: b.source, endpoint: b.endpoint, field: b.field, reason: b.reason,
  };
}

/** Keeps only status changes (state or detail), so the log is not flooded with one line per request. */
export function statusChanges(): (s: SourceStatus) => boolean {
  const last = new Map<string, string>();
  return (s) => {
    const key = `${s.source}|${s.endpoint ?? ''}`;
    const sig = `${s.state}|${s.detail ?? ''}`;
    if (last.get(key) === sig) return false;
    last.set(key, sig);
    return true;
  };
}
