import type { BlockedBackoffSettings } from './blocked.js';

/** The `sources.http` config slice: behaviour shared by every HTTP source (and the RPC's blocked waits). */
export interface HttpSettings extends BlockedBackoffSettings {
  /** TCP/TLS connect timeout, ms (default 5000). */
  connectTimeoutMs: number;
  /** Whole-response (headers + body) timeout, ms (default 15000). */
  requestTimeoutMs: number;
  /** Retries of a retryable failure before giving up (default 4). */
  retries: number;
  /** First backoff cap, ms; doubles per retry, full jitter (default 500). */
  retryMinMs: number;
  /** Largest backoff and largest honoured Retry-After, ms (default 30000). */
  retryMaxMs: number;
  /** Consecutive failures that open an endpoint circuit (default 5). */
  breakerFailures: number;
  /** Open-circuit wait before one probe, ms (default 30000). */
  breakerCooldownMs: number;
  /** No success for this long reports the source stale, ms (default 300000). */
  staleAfterMs: number;
  /** Keep-alive connections per host (default 6). */
  maxConnections: number;
  /** Margin added to every rate window for network jitter, percent of the window (default 2). */
  ratePadPct: number;
  /** How long the batcher collects single-token calls before sending, ms (default 25). */
  batchWindowMs: number;
}
