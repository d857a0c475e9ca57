// Retry timing shared by the sources and the alert sinks (both talk HTTP to servers that rate-limit).

/**
 * Parses a Retry-After header (delta seconds or an HTTP date) into a wait in ms from `nowMs`.
 * Returns null when absent or unparsable; negative waits become 0.
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * "Full jitter" exponential backoff: a uniform draw from [0, min(maxMs, minMs * 2^retry)].
 * Spreads synchronized clients apart better than equal or no jitter. `retry` counts from 0.
 */
export function fullJitterDelay(retry: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, minMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * cap);
}

/**
 * The wait before the next attempt: the server's Retry-After when given (capped at maxMs, so a hostile
 * header cannot park the source for hours), else full-jitter backoff.
 */
export function retryDelay(retry: number, retryAfterMs: number | null, minMs: number, maxMs: number, random?: () => number): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, maxMs);
  return fullJitterDelay(retry, minMs, maxMs, random);
}

/** Sleeps `ms`, resolving early (not rejecting) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
