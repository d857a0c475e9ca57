import { LOG_SCHEMA_VERSION, type BadDataLine, type StatusLine } from '../../domain/signals.js';
import { zeroInputCounts, type BadData, type InputCounts, type SourceCounters, type SourceStatus } from '../../domain/status.js';
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

/**
 * One closing status line per source, written when a live scan stops: its last state, its counters as of
 * now and the accounting of the records it delivered (received = applied + secondary + late + duplicate
 * + invalid), so a consumer can check that nothing went missing.
 */
export function finalStatusLines(last: ReadonlyMap<string, SourceStatus>, counters: ReadonlyMap<string, SourceCounters>, inputs: ReadonlyMap<string, InputCounts>, at: number): StatusLine[] {
  const names = [...new Set([...last.keys(), ...counters.keys(), ...inputs.keys()])].sort();
  return names.map((source) => {
    const s = last.get(source);
    const c = counters.get(source) ?? s?.counters ?? { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
    return {
      v: LOG_SCHEMA_VERSION, type: 'status', ts: at, mint: null, pool: null, symbol: null,
      id: eventId('status', source, 'final', at), source, endpoint: null, state: s?.state ?? 'ok', detail: 'final',
      counters: { ...c }, ratePerMin: s?.ratePerMin ?? null, budgetPerMin: s?.budgetPerMin ?? null, nextAttemptAt: null,
      inputs: { ...(inputs.get(source) ?? zeroInputCounts()) },
    };
  });
}
