/**
 * Full-jitter exponential backoff: a uniformly random delay between 0 and min(maxMs, minMs * 2^attempt).
 * Full jitter spreads reconnecting clients apart, so a server that dropped everyone is not hit by all of
 * them at the same instant. `attempt` counts from 0; `random` is injectable for tests.
 */
export function fullJitterDelayMs(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, minMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.floor(random() * cap);
}

/**
 * Parses a Retry-After header (seconds, or an HTTP date) into a delay in ms, or null when absent or bad.
 * `now` is the clock time used to turn a date into a delay.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (header == null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
