// Edge validation: small readers that either return a typed value or throw FieldError naming the field.
// Parsers run each record inside `collect`, so one bad record is dropped and reported, not the whole body.

export class FieldError extends Error {
  readonly code = 'BAD_FIELD';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export type Obj = Record<string, unknown>;

/** A rejected record: the dotted path of the offending field and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Result of parsing one response: good records plus one problem per dropped record. */
export interface Parsed<T> {
  records: T[];
  problems: FieldProblem[];
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function reqObj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new FieldError(path, `expected object, got ${describe(v)}`);
  return v;
}

export function reqArr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new FieldError(path, `expected array, got ${describe(v)}`);
  return v;
}

export function reqStr(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new FieldError(`${path}.${key}`, v === undefined ? 'missing' : `expected non-empty string, got ${describe(v)}`);
  return v;
}

/** A finite number, or a string holding one (several providers send numerics as strings). */
export function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function reqNum(o: Obj, key: string, path: string): number {
  const n = numeric(o[key]);
  if (n === null) throw new FieldError(`${path}.${key}`, o[key] === undefined ? 'missing' : `expected number, got ${JSON.stringify(o[key])?.slice(0, 30)}`);
  return n;
}

/** Optional numeric: absent, null or unparsable gives null (optional fields may be absent). */
export function optNum(o: Obj | null | undefined, key: string): number | null {
  return o ? numeric(o[key]) : null;
}

/**
 * Optional numeric that must parse when present: absent or null gives null, but a value that is there and
 * is not a finite number (`"NaN"`, `"abc"`) is a FieldError, so a garbled price drops and counts its record
 * instead of passing as "no price".
 */
export function checkedNum(o: Obj | null | undefined, key: string, path: string): number | null {
  const v = o?.[key];
  if (v === undefined || v === null) return null;
  const n = numeric(v);
  if (n === null) throw new FieldError(`${path}.${key}`, `expected number, got ${JSON.stringify(v)?.slice(0, 30)}`);
  return n;
}

export function optStr(o: Obj | null | undefined, key: string): string | null {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function optBool(o: Obj | null | undefined, key: string): boolean | null {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : null;
}

export function optObj(o: Obj | null | undefined, key: string): Obj | null {
  const v = o?.[key];
  return isObj(v) ? v : null;
}

/** Parses an ISO time (with or without zone; zone-less means UTC as the providers document) to epoch ms. */
export function isoMs(v: unknown): number | null {
  if (typeof v !== 'string' || v === '') return null;
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}

/** Epoch seconds or an ISO-like string to epoch ms (Birdeye `liquidityAddedAt` comes both ways). */
export function secondsOrIsoMs(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v > 1e12 ? v : v * 1000;
  if (typeof v === 'string' && /^\d+$/.test(v)) return secondsOrIsoMs(Number(v));
  return isoMs(v);
}

/** Runs `one` over each item; a FieldError drops that item and records the problem. */
export function collect<T>(items: unknown[], path: string, one: (item: unknown, at: string) => T | T[] | null): Parsed<T> {
  const out: Parsed<T> = { records: [], problems: [] };
  items.forEach((item, i) => {
    const at = `${path}[${i}]`;
    try {
      const r = one(item, at);
      if (Array.isArray(r)) out.records.push(...r);
      else if (r !== null) out.records.push(r);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      out.problems.push({ field: e.field, reason: e.reason });
    }
  });
  return out;
}

/** Parses a whole envelope; a FieldError at this level makes the response one problem with no records. */
export function whole<T>(parse: () => Parsed<T>): Parsed<T> {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { records: [], problems: [{ field: e.field, reason: e.reason }] };
  }
}
