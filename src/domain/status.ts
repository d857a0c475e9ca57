import type { EpochMs } from './time.js';
import type { SourceName } from './market.js';

/**
 * Health of one source (or one endpoint of it), as shown in the table header and logged.
 * `blocked`: a keyless endpoint refused us (Cloudflare challenge, access forbidden, needs a key); it is
 * retried after a backoff of minutes. `unreachable`: no connection at all (ECONNREFUSED, ENOTFOUND...).
 * `disabled`: one feature (an RPC method) is switched off for this URL; the rest goes on.
 */
export type SourceState =
  | 'connecting'
  | 'ok'
  | 'retrying'
  | 'rate_limited'
  | 'circuit_open'
  | 'stale'
  | 'blocked'
  | 'unreachable'
  | 'failed'
  | 'disabled';

/** How bad a state is, for "the worst endpoint of a source" (disabled features never hide a state). */
export const STATE_SEVERITY: Readonly<Record<SourceState, number>> = {
  disabled: -1, ok: 0, connecting: 1, retrying: 2, stale: 3, rate_limited: 4, circuit_open: 5, blocked: 6, unreachable: 7, failed: 8,
};

/** The worse of two states (the first on a tie). */
export function worseState(a: SourceState, b: SourceState): SourceState {
  return (STATE_SEVERITY[b] ?? 0) > (STATE_SEVERITY[a] ?? 0) ? b : a;
}

/** Use of one rate-limit class (DexScreener has `pairs` and `profiles`; an RPC URL has one). */
export interface RateUse {
  /** Rate class name (`pairs`), or the URL for the RPC. */
  name: string;
  /** Requests granted in the last minute (or scaled window). */
  ratePerMin: number;
  budgetPerMin: number;
}

/** Counters a source keeps from its start. */
export interface SourceCounters {
  requests: number;
  errors: number;
  retries: number;
  rateLimited: number;
  badPayloads: number;
  /** Records delivered downstream. */
  records: number;
}

export interface SourceStatus {
  source: SourceName;
  /** Endpoint or connection name, when the status is narrower than the whole source. */
  endpoint: string | null;
  state: SourceState;
  /** Clock time of the change, epoch ms. */
  at: EpochMs;
  /** Short human detail; never contains secrets. */
  detail: string | null;
  /** When rate-limited or circuit-open: clock time of the next allowed request. */
  nextAttemptAt: EpochMs | null;
  /** Requests per minute currently spent, and the configured budget. */
  ratePerMin: number | null;
  budgetPerMin: number | null;
  /** The same, per rate class: each budget is shown on its own, never summed. */
  rates?: RateUse[];
  counters: SourceCounters;
}

/** A payload that failed validation at the source edge; dropped and counted, never fatal. */
export interface BadData {
  source: SourceName;
  endpoint: string;
  /** Dotted path of the offending field (`pairs[3].priceUsd`), or `body` for unparsable JSON. */
  field: string;
  reason: string;
  at: EpochMs;
}

/**
 * What the pipeline did with one source's records since the start. Every record received is counted
 * exactly once in one of the other fields, so received = applied + secondary + late + duplicate + invalid.
 */
export interface InputCounts {
  /** Market records received (ticks and watermarks are not records). */
  received: number;
  /** Applied to a token's state. */
  applied: number;
  /** Records of a token's non-lead pools, used for cross-pool figures only. */
  secondary: number;
  /** Dropped: their bucket had already closed. */
  late: number;
  /** Dropped: seen before (trade id, final candle). */
  duplicate: number;
  /** Dropped: failed a sanity check. */
  invalid: number;
}

export function zeroInputCounts(): InputCounts {
  return { received: 0, applied: 0, secondary: 0, late: 0, duplicate: 0, invalid: 0 };
}
