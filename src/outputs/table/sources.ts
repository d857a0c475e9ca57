import type { EpochMs, SourceState, StatusLine } from '../../domain/index.js';
import type { SourceHealth } from './state.js';

/**
 * Fields the header uses when a status line carries them (they exist on `SourceStatus`; the log line
 * may add them). Without them the rate is measured from the request counter and no budget is shown.
 */
export interface StatusExtras {
  ratePerMin?: number | null;
  budgetPerMin?: number | null;
  nextAttemptAt?: EpochMs | null;
}

// A rate measured over less than this is noise.
const MIN_RATE_SPAN_MS = 5_000;

/** How bad a state is: the header shows a source's worst endpoint. */
export const STATE_SEVERITY: Record<SourceState, number> = {
  disabled: -1, ok: 0, connecting: 1, retrying: 2, stale: 3, rate_limited: 4, circuit_open: 5, failed: 6,
};

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Key of a status line's entry: one per source and endpoint. */
export function healthKey(line: StatusLine): string {
  return line.endpoint ? `${line.source} ${line.endpoint}` : line.source;
}

/** Folds one status line into the health of its source endpoint. */
export function reduceSourceHealth(prev: SourceHealth | undefined, line: StatusLine & StatusExtras): SourceHealth {
  const counters = line.counters;
  const reportedRate = finiteOrNull(line.ratePerMin);
  let ratePerMin = reportedRate ?? prev?.ratePerMin ?? null;
  let sampleAt = prev?.sampleAt ?? line.ts;
  let sampleRequests = prev?.sampleRequests ?? counters.requests;
  if (counters.requests < sampleRequests) {
    // Counters restarted with the source: start a new sample.
    sampleAt = line.ts;
    sampleRequests = counters.requests;
  } else if (line.ts - sampleAt >= MIN_RATE_SPAN_MS) {
    if (reportedRate === null) ratePerMin = ((counters.requests - sampleRequests) * 60_000) / (line.ts - sampleAt);
    sampleAt = line.ts;
    sampleRequests = counters.requests;
  }
  return {
    source: line.source,
    endpoint: line.endpoint,
    state: line.state,
    detail: line.detail,
    counters,
    at: line.ts,
    ratePerMin,
    budgetPerMin: finiteOrNull(line.budgetPerMin) ?? prev?.budgetPerMin ?? null,
    nextAttemptAt: finiteOrNull(line.nextAttemptAt),
    sampleAt,
    sampleRequests,
  };
}

/** One source as the header shows it: its worst endpoint's state, summed rates and budgets. */
export interface SourceSummary {
  source: string;
  state: SourceState;
  detail: string | null;
  /** Clock time of the next allowed request when rate-limited or circuit-open. */
  nextAttemptAt: EpochMs | null;
  ratePerMin: number | null;
  budgetPerMin: number | null;
  errors: number;
}

export function summarizeSources(health: Readonly<Record<string, SourceHealth>>): SourceSummary[] {
  const bySource = new Map<string, SourceSummary>();
  const all = Object.values(health);
  // A source's first "connecting" line has no endpoint; once an endpoint reports, that line is history.
  const reported = new Set(all.filter((h) => h.state !== 'connecting').map((h) => h.source));
  for (const h of all) {
    if (h.state === 'connecting' && reported.has(h.source)) continue;
    const s = bySource.get(h.source);
    if (!s) {
      bySource.set(h.source, {
        source: h.source, state: h.state, detail: h.detail, nextAttemptAt: h.nextAttemptAt,
        ratePerMin: h.ratePerMin, budgetPerMin: h.budgetPerMin, errors: h.counters.errors,
      });
      continue;
    }
    if (STATE_SEVERITY[h.state] > STATE_SEVERITY[s.state]) {
      s.state = h.state;
      s.detail = h.detail;
      s.nextAttemptAt = h.nextAttemptAt;
    }
    s.ratePerMin = sumOrNull(s.ratePerMin, h.ratePerMin);
    s.budgetPerMin = sumOrNull(s.budgetPerMin, h.budgetPerMin);
    s.errors += h.counters.errors;
  }
  return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}
