import { redact } from '../../config/secrets.js';

/** How the HTTP layer treats a failure: retried inside the source, fatal for the run, or local to one call. */
export type FailureKind = 'retryable' | 'fatal' | 'local';

/**
 * Base of every error an HTTP source raises. `code` is stable (tests and logs branch on it, never on the
 * message); messages pass through redact() so a key never leaks.
 */
export class SourceHttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: FailureKind,
    readonly source: string,
    readonly endpoint: string,
    /** HTTP status, when there was a response. */
    readonly status: number | null = null,
    /** Server-requested wait (Retry-After), ms, when given. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(redact(message));
    this.name = 'SourceHttpError';
  }

  /** For network errors: the transport's code (`ECONNREFUSED`, `ENOTFOUND`), shown with the host. */
  override cause?: string;

  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

const upper = (source: string): string => source.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** No complete response within `sources.http.requestTimeoutMs` (or connect timeout). Retried. */
export function timeoutError(source: string, endpoint: string, ms: number): SourceHttpError {
  return new SourceHttpError('HTTP_TIMEOUT', `${source} ${endpoint}: no response within ${ms} ms`, 'retryable', source, endpoint);
}

/** Connection refused/reset and similar transport failures. Retried. */
export function networkError(source: string, endpoint: string, cause: string): SourceHttpError {
  const e = new SourceHttpError('HTTP_NETWORK', `${source} ${endpoint}: network error (${cause})`, 'retryable', source, endpoint);
  e.cause = redact(cause).slice(0, 80);
  return e;
}

/** HTTP 429. Retried after Retry-After or backoff. */
export function rateLimitedError(source: string, endpoint: string, retryAfterMs: number | null): SourceHttpError {
  const wait = retryAfterMs === null ? '' : `, retry after ${retryAfterMs} ms`;
  return new SourceHttpError(`${upper(source)}_RATE_LIMITED`, `${source} ${endpoint}: rate limited (429)${wait}`, 'retryable', source, endpoint, 429, retryAfterMs);
}

/** HTTP 5xx. Retried. */
export function upstreamError(source: string, endpoint: string, status: number, retryAfterMs: number | null): SourceHttpError {
  return new SourceHttpError(`${upper(source)}_UPSTREAM_ERROR`, `${source} ${endpoint}: HTTP ${status}`, 'retryable', source, endpoint, status, retryAfterMs);
}

/**
 * HTTP 401/403 on a request that carried a credential the user gave: the key is wrong or the plan lacks
 * the endpoint. Fatal, never retried: retrying a rejected key only burns quota. `keyEnv` names the
 * setting to fix (never its value).
 */
export function authRejectedError(source: string, endpoint: string, status: number, keyEnv: string): SourceHttpError {
  return new SourceHttpError(`${upper(source)}_AUTH_REJECTED`, `${keyEnv} rejected by ${source} (HTTP ${status} on ${endpoint}): check the key and its plan`, 'fatal', source, endpoint, status);
}

/**
 * A keyless endpoint refused us (Cloudflare challenge, access forbidden, needs a key), or is still inside
 * the wait after such a refusal. Not fatal and not retried now: the endpoint is tried again at `until`.
 */
export class SourceBlockedError extends SourceHttpError {
  constructor(source: string, endpoint: string, readonly reason: string, readonly until: number, status: number | null) {
    super(`${upper(source)}_BLOCKED`, `${source} ${endpoint}: blocked (${reason}), next try at ${new Date(until).toISOString()}`, 'local', source, endpoint, status);
    this.name = 'SourceBlockedError';
  }
}

/** Other 4xx: our request is wrong for this endpoint. Not retried; the call fails, the source goes on. */
export function clientError(source: string, endpoint: string, status: number, detail: string): SourceHttpError {
  return new SourceHttpError(`${upper(source)}_BAD_REQUEST`, `${source} ${endpoint}: HTTP ${status}${detail ? ` (${detail})` : ''}`, 'local', source, endpoint, status);
}

/** A 200 whose envelope says it failed (Birdeye `success:false`). Not retried. */
export function apiError(source: string, endpoint: string, detail: string): SourceHttpError {
  return new SourceHttpError(`${upper(source)}_API_ERROR`, `${source} ${endpoint}: ${detail}`, 'local', source, endpoint, 200);
}

/** The endpoint's circuit is open; the call fails fast without touching the network. */
export function circuitOpenError(source: string, endpoint: string, untilMs: number): SourceHttpError {
  return new SourceHttpError(`${upper(source)}_CIRCUIT_OPEN`, `${source} ${endpoint}: circuit open until ${new Date(untilMs).toISOString()}`, 'local', source, endpoint);
}

/** The source was shut down while the call was pending. */
export function abortedError(source: string, endpoint: string): SourceHttpError {
  return new SourceHttpError('HTTP_ABORTED', `${source} ${endpoint}: aborted (shutdown)`, 'local', source, endpoint);
}

/** A request we refuse to send (e.g. a batch above the API's limit). */
export function invalidRequestError(source: string, endpoint: string, detail: string): SourceHttpError {
  return new SourceHttpError(`${upper(source)}_INVALID_REQUEST`, `${source} ${endpoint}: ${detail}`, 'local', source, endpoint);
}
