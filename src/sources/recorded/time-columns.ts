import { quoted } from './errors.js';

/**
 * Timestamp formats found in recorded files, detected per column from its first value and then
 * enforced on every row, so a column that silently changes unit is caught rather than misread.
 */
export type TimeFormat = 'unix_s' | 'unix_ms' | 'iso' | 'mdy';

export const TIME_FORMAT_LABEL: Record<TimeFormat, string> = {
  unix_s: 'unix seconds',
  unix_ms: 'unix milliseconds',
  iso: 'ISO / naive date-time (naive = UTC)',
  mdy: 'M/D/YYYY date-time (UTC)',
};

/** Unix values below this are seconds (it is year 5138 in seconds, 1973 in milliseconds). */
const SECONDS_LIMIT = 1e11;
/** Unix values at or above this are not milliseconds either (year 5138 in ms). */
const MILLIS_LIMIT = 1e14;

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const MDY_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;

/** Detects the format of one value; null when it is not a timestamp this reader knows. */
export function detectTimeFormat(raw: string): TimeFormat | null {
  const s = raw.trim();
  if (s === '') return null;
  const n = Number(s);
  if (Number.isFinite(n)) {
    if (n <= 0 || n >= MILLIS_LIMIT) return null;
    return n < SECONDS_LIMIT ? 'unix_s' : 'unix_ms';
  }
  if (ISO_RE.test(s)) return 'iso';
  if (MDY_RE.test(s)) return 'mdy';
  return null;
}

/**
 * Parses a value in a known format to epoch ms, or returns a string saying why it cannot.
 * The numeric paths come first and avoid regexes because they carry the large files.
 */
export function parseTimeAs(raw: string, format: TimeFormat): number | string {
  if (format === 'unix_s' || format === 'unix_ms') {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n >= MILLIS_LIMIT || raw.length === 0) {
      return Number.isFinite(n) && n >= MILLIS_LIMIT ? `timestamp ${quoted(raw)} is out of range` : `timestamp ${quoted(raw)} is not a number`;
    }
    const isSeconds = n < SECONDS_LIMIT;
    if (isSeconds !== (format === 'unix_s')) {
      return `timestamp ${raw} is in unix ${isSeconds ? 'seconds' : 'milliseconds'} but the column started in ${TIME_FORMAT_LABEL[format]}: the column mixes seconds and milliseconds`;
    }
    return isSeconds ? Math.round(n * 1000) : n;
  }
  const s = raw.trim();
  const m = (format === 'iso' ? ISO_RE : MDY_RE).exec(s);
  if (!m) return `timestamp ${quoted(raw)} is not in the column's format (${TIME_FORMAT_LABEL[format]})`;
  let year: number, month: number, day: number;
  if (format === 'iso') [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else [month, day, year] = [Number(m[1]), Number(m[2]), m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const frac = m[7] === undefined ? 0 : Math.round(Number(m[7]) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return `timestamp ${quoted(raw)} has a field out of range`;
  }
  const offsetMs = format === 'iso' ? parseOffsetMs(m[8]) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, frac) - offsetMs;
}

/** `Z`, `-06`, `+05:30`, `+0530` -> offset from UTC in ms; absent means UTC (naive times are UTC). */
function parseOffsetMs(tz: string | undefined): number {
  if (tz === undefined || tz === 'Z') return 0;
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** True when an ISO value carries an explicit UTC offset other than Z (used to cross-check trade times). */
export function hasNumericOffset(raw: string): boolean {
  const m = ISO_RE.exec(raw.trim());
  return m !== null && m[8] !== undefined && m[8] !== 'Z';
}
