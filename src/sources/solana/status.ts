import type { SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import { redact } from '../../config/secrets.js';

export function zeroCounters(): SourceCounters {
  return { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
}

export interface StatusFields {
  endpoint: string | null;
  state: SourceState;
  at: number;
  detail?: string | null;
  nextAttemptAt?: number | null;
  ratePerMin?: number | null;
  budgetPerMin?: number | null;
  counters: SourceCounters;
}

/** A Solana SourceStatus; the detail is redacted and shortened because it may quote an RPC error body. */
export function solanaStatus(f: StatusFields): SourceStatus {
  return {
    source: 'solana',
    endpoint: f.endpoint,
    state: f.state,
    at: f.at,
    detail: f.detail == null ? null : redact(f.detail).slice(0, 240),
    nextAttemptAt: f.nextAttemptAt ?? null,
    ratePerMin: f.ratePerMin ?? null,
    budgetPerMin: f.budgetPerMin ?? null,
    counters: { ...f.counters },
  };
}
