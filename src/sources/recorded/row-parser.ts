import type { Input } from '../../domain/market.js';
import { ReplayInputError, quoted } from './errors.js';
import { detectTimeFormat, parseTimeAs, type TimeFormat } from './time-columns.js';

/** Turns one data line into a record; throws ReplayInputError naming the file and line. */
export type LineParser = (fields: string[], line: number) => Input;

/** What a format learned about the whole file after the first pass (see FormatReader.finish). */
export interface FileVerdict {
  /** Correction added to every event time and knownAt (ms), e.g. for a mislabelled UTC offset. */
  shiftMs: number;
  notes: string[];
}

/**
 * A time column whose format is fixed by its first value and enforced on every later row,
 * so a file that switches from seconds to milliseconds is an error at the switching line.
 */
export class TimeColumn {
  private format: TimeFormat | null = null;
  constructor(private readonly file: string, readonly name: string) {}

  get detected(): TimeFormat | null {
    return this.format;
  }

  parse(raw: string, line: number): number {
    if (this.format === 'unix_s') {
      // Hot path for the common case; anything unusual falls through to the checked parser.
      const n = +raw;
      if (n > 0 && n < 1e11 && raw.length > 0) return Number.isInteger(n) ? n * 1000 : Math.round(n * 1000);
    }
    if (this.format === null) {
      this.format = detectTimeFormat(raw);
      if (this.format === null) throw new ReplayInputError(this.file, line, `column ${this.name}: ${quoted(raw)} is not a timestamp (expected unix seconds/milliseconds, ISO or M/D/YYYY date-time)`);
    }
    const t = parseTimeAs(raw, this.format);
    if (typeof t === 'string') throw new ReplayInputError(this.file, line, `column ${this.name}: ${t}`);
    return t;
  }
}

/**
 * Parses a required non-negative finite number. `Number('')` is 0, so emptiness is checked first.
 */
export function requiredNumber(raw: string | undefined, column: string, file: string, line: number): number {
  const v = raw === undefined || raw.length === 0 ? NaN : +raw;
  if (v >= 0 && v !== Infinity) return v;
  const why = raw === undefined || raw.length === 0 ? 'is empty' : v < 0 ? 'is negative' : 'is not a finite number';
  throw new ReplayInputError(file, line, `column ${column}: value ${quoted(raw ?? '')} ${why}`);
}

/** Rejects rows whose field count differs from the header's (a truncated or misaligned row). */
export function checkFieldCount(fields: string[], expected: number, file: string, line: number): void {
  if (fields.length === expected) return;
  const what = fields.length < expected ? 'truncated row?' : 'misaligned columns or an unquoted comma?';
  throw new ReplayInputError(file, line, `row has ${fields.length} fields but the header has ${expected} (${what})`);
}
