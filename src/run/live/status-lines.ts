import { LOG_SCHEMA_VERSION, type BadDataLine, type StatusLine } from '../../domain/signals.js';
import { STATE_SEVERITY, zeroInputCounts, type BadData, type InputCounts, type SourceCounters, type SourceState, type SourceStatus } from '../../domain/status.js';
import { eventId } from '../../signals/ids.js';

/** A source's status as a log line (clock time by nature: excepted from live/replay parity). */
export function statusLine(s: SourceStatus): StatusLine {
  return {
    v: LOG_SCHEMA_VERSION, type: 'status', ts: s.at, mint: null, pool: null, symbol: null,
    id: eventId('status', s.source, s.endpoint, s.at, s.state),
    source: s.source, endpoint: s.endpoint, state: s.state, detail: s.detail, counters: { ...s.counters },
    ratePerMin: s.ratePerMin, budgetPerMin: s.budgetPerMin, ...(s.rates ? { rates: s.rates.map((r) => ({ ...r })) } : {}), nextAttemptAt: s.nextAttemptAt,
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

/** States a source works through by itself (retries, rate limits, breaker probes): no stderr line for them. */
const TRANSIENT = new Set<SourceState>(['connecting', 'retrying', 'rate_limited', 'circuit_open']);

/**
 * The one stderr line for a change of an endpoint's state, or null when there is nothing new to tell. A
 * source coming up is no news, nor are the states it works through by itself (retrying, rate-limited);
 * the rest is: blocked with its reason and next try, a switched-off feature, failed, stale, and ok again
 * after any of them. Unreachable is told once per source (one host, one cause), not per endpoint.
 */
export function stateChanges(): (s: SourceStatus) => string | null {
  const told = new Map<string, SourceState>();
  const unreachable = new Set<string>();
  return (s) => {
    if (TRANSIENT.has(s.state)) return null;
    const key = `${s.source}|${s.endpoint ?? ''}`;
    const prev = told.get(key);
    if (prev === s.state) return null;
    told.set(key, s.state);
    const where = s.endpoint ? `${s.source} ${s.endpoint}` : s.source;
    const why = s.detail ? ` (${s.detail})` : '';
    if (s.state === 'ok') {
      unreachable.delete(s.source);
      return prev === undefined ? null : `${where}: ok again`;
    }
    if (s.state === 'unreachable') {
      if (unreachable.has(s.source)) return null;
      unreachable.add(s.source);
      return `${s.source}: unreachable${why}`;
    }
    const wait = s.nextAttemptAt !== null && s.nextAttemptAt > s.at ? `, next try in ${Math.ceil((s.nextAttemptAt - s.at) / 1000)} s` : '';
    const state = s.state === 'disabled' ? 'switched off' : s.state;
    return `${where}: ${state}${why}${wait}`;
  };
}

/** Worst state over a source's endpoints (switched-off features aside); `connecting` when none reported. */
export function sourceState(statuses: Iterable<SourceStatus>): SourceStatus | null {
  let worst: SourceStatus | null = null;
  for (const s of statuses) {
    if (s.state === 'disabled') continue;
    if (s.state === 'connecting' && worst) continue;
    if (!worst || worst.state === 'connecting' || STATE_SEVERITY[s.state] > STATE_SEVERITY[worst.state]) worst = s;
  }
  return worst;
}

/**
 * One closing status line per source, written when a live scan stops: its worst endpoint's state (a source
 * that never answered stays `connecting`, never `ok`), its counters as of now and the accounting of the
 * records it delivered (received = applied + secondary + late + duplicate + invalid), so a consumer can
 * check that nothing went missing.
 */
export function finalStatusLines(last: ReadonlyMap<string, ReadonlyMap<string, SourceStatus>>, counters: ReadonlyMap<string, SourceCounters>, inputs: ReadonlyMap<string, InputCounts>, at: number): StatusLine[] {
  const names = [...new Set([...last.keys(), ...counters.keys(), ...inputs.keys()])].sort();
  return names.map((source) => {
    const s = sourceState(last.get(source)?.values() ?? []);
    const c = counters.get(source) ?? s?.counters ?? { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
    return {
      v: LOG_SCHEMA_VERSION, type: 'status', ts: at, mint: null, pool: null, symbol: null,
      id: eventId('status', source, 'final', at), source, endpoint: null, state: s?.state ?? 'connecting', detail: 'final',
      counters: { ...c }, ratePerMin: s?.ratePerMin ?? null, budgetPerMin: s?.budgetPerMin ?? null, nextAttemptAt: null,
      inputs: { ...(inputs.get(source) ?? zeroInputCounts()) },
    };
  });
}
