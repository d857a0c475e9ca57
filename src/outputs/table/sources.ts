import type { EpochMs, SourceState, StatusLine } from '../../domain/index.js';
import { STATE_SEVERITY, type RateUse } from '../../domain/status.js';
import type { SourceHealth } from './state.js';

/**
 * Fields the header uses when a status line carries them (they exist on `SourceStatus`; the log line
 * may add them). Without them the rate is measured from the request counter and no budget is shown.
 */
export interface StatusExtras {
  ratePerMin?: number | null;
  budgetPerMin?: number | null;
  rates?: RateUse[];
  nextAttemptAt?: EpochMs | null;
}

// A rate measured over less than this is noise.
const MIN_RATE_SPAN_MS = 5_000;

/** How bad a state is: the header shows a source's worst endpoint. */
export { STATE_SEVERITY };

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
    rates: Array.isArray(line.rates) ? line.rates.filter(isRateUse) : prev?.rates ?? null,
    nextAttemptAt: finiteOrNull(line.nextAttemptAt),
    sampleAt,
    sampleRequests,
  };
}

function isRateUse(r: unknown): r is RateUse {
  const x = r as RateUse;
  return typeof x?.name === 'string' && Number.isFinite(x.ratePerMin) && Number.isFinite(x.budgetPerMin);
}

/** One source as the header shows it: its worst endpoint's state and each rate budget. */
export interface SourceSummary {
  source: string;
  state: SourceState;
  /** The endpoint in that state (null for the source as a whole). */
  endpoint: string | null;
  detail: string | null;
  /** Clock time of the next allowed request when rate-limited, circuit-open or blocked. */
  nextAttemptAt: EpochMs | null;
  /** Summed over the rate classes (kept for lines that carry no classes). */
  ratePerMin: number | null;
  budgetPerMin: number | null;
  /** Each rate class on its own, from the source's latest line. */
  rates: RateUse[] | null;
  /** Features switched off (an RPC method a URL does not offer), with why. */
  off: Array<{ endpoint: string; detail: string | null }>;
  errors: number;
}

/**
 * Folds every endpoint's health into one summary per source. The state is the worst endpoint's; rates and
 * budgets come from the source's most recent line, never summed over endpoints (every line of a source
 * already carries the whole source's figures). A source that never answered stays `connecting`.
 */
export function summarizeSources(health: Readonly<Record<string, SourceHealth>>): SourceSummary[] {
  const bySource = new Map<string, SourceSummary & { at: number; seen: boolean }>();
  const all = Object.values(health);
  // A source's first "connecting" line has no endpoint; once an endpoint reports, that line is history.
  const reported = new Set(all.filter((h) => h.state !== 'connecting' && h.state !== 'disabled').map((h) => h.source));
  for (const h of all) {
    let s = bySource.get(h.source);
    if (!s) {
      s = { source: h.source, state: 'connecting', endpoint: null, detail: null, nextAttemptAt: null, ratePerMin: null, budgetPerMin: null, rates: null, off: [], errors: 0, at: -Infinity, seen: false };
      bySource.set(h.source, s);
    }
    if (h.at >= s.at) {
      s.at = h.at;
      s.ratePerMin = h.ratePerMin ?? s.ratePerMin;
      s.budgetPerMin = h.budgetPerMin ?? s.budgetPerMin;
      s.rates = h.rates ?? s.rates;
    }
    s.errors = Math.max(s.errors, h.counters.errors);
    if (h.state === 'disabled') {
      if (h.endpoint) s.off.push({ endpoint: h.endpoint, detail: h.detail });
      continue;
    }
    if (h.state === 'connecting' && reported.has(h.source)) continue;
    if (!s.seen || STATE_SEVERITY[h.state] > STATE_SEVERITY[s.state]) {
      s.seen = true;
      s.state = h.state;
      s.endpoint = h.endpoint;
      s.detail = h.detail;
      s.nextAttemptAt = h.nextAttemptAt;
    }
  }
  return [...bySource.values()].map(({ at: _at, seen: _seen, ...s }) => s).sort((a, b) => a.source.localeCompare(b.source));
}

/** True when every source has tried and none could connect: the header then says so in words. */
export function allUnreachable(sources: readonly SourceSummary[]): boolean {
  return sources.length > 0 && sources.every((s) => s.state === 'unreachable');
}
