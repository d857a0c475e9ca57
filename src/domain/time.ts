/** Epoch milliseconds, UTC. Every timestamp in the domain uses this unit. */
export type EpochMs = number;

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const FIVE_MIN_MS = 5 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const FOUR_HOUR_MS = 4 * HOUR_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Start of the UTC-aligned bucket of `intervalMs` that contains `ts`. */
export function bucketStart(ts: EpochMs, intervalMs: number): EpochMs {
  return Math.floor(ts / intervalMs) * intervalMs;
}

const INTERVAL_UNITS: Record<string, number> = {
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
  H: HOUR_MS,
  d: DAY_MS,
  D: DAY_MS,
  w: 7 * DAY_MS,
  W: 7 * DAY_MS,
};

/**
 * Parses an interval label such as `1m`, `5m`, `4h`, `4H`, `1d` into milliseconds.
 * Returns null for anything else (including `1M`, which upstreams use for a calendar month).
 */
export function parseIntervalMs(label: string): number | null {
  const m = /^(\d+)([smhHdDwW])$/.exec(label.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  return n * INTERVAL_UNITS[m[2]];
}

/** Formats an interval in ms back to a short label (`60000` -> `1m`). */
export function intervalLabel(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms % MINUTE_MS === 0) return `${ms / MINUTE_MS}m`;
  return `${ms / SECOND_MS}s`;
}
