import { decimalField } from './decimal.js';
import type { SeriesKey, SeriesKeyTable } from './series-keys.js';

const COMMA = 44;
const NEWLINE = 10;
const CR = 13;
const QUOTE = 34;
const ZERO = 48;
const NINE = 57;

/** What a column holds for the one-pass reader: its value slot (1-5: open..volume), or these. */
const OTHER = 0;
const TIME = 6;
const KEY = 7;

/** The columns the one-pass reader needs, by role (-1: absent); `key` = first and last series field. */
export interface OnePassColumns {
  width: number;
  time: number;
  values: [number, number, number, number, number];
  key: [number, number];
}

/**
 * One walk over a plain candle row that finds each field's end while reading it: the series key is
 * compared with the one expected after the previous row's (rows of interleaved series repeat their
 * order), the time read as digits and the prices by the exact decimal fast path, each of which must end
 * on the field's comma. A row it does not take (a quote, a field off the grammar, a new key order that
 * does not resolve, a field count off) is left to the general reader from its start, so a row it takes
 * has the fields, values and series the general reader would find.
 */
export class OnePassRow {
  private readonly roles: Int8Array;
  private readonly keyEnd: number;
  /** The last field read: the last column, or with `keysOnly` the last of the key and time fields. */
  private readonly lastField: number;
  /** The series of the row last read, and the raw time digits (-1: none). */
  key: SeriesKey | null = null;
  time = -1;

  /**
   * `keysOnly`: read the series key and the time only (the first pass of a streamed file, as the key parser
   * does): the row ends at the next newline after them, and the values in `vals` are left as they are.
   */
  constructor(private readonly cols: OnePassColumns, private readonly table: SeriesKeyTable, keysOnly = false) {
    this.roles = new Int8Array(cols.width).fill(OTHER);
    if (!keysOnly) cols.values.forEach((c, k) => (this.roles[c] = k + 1));
    this.roles[cols.time] = TIME;
    this.roles[cols.key[0]] = KEY;
    this.keyEnd = cols.key[1];
    this.lastField = keysOnly ? Math.max(cols.time, cols.key[1]) : cols.width - 1;
  }

  /** Usable for a layout whose key fields are not the last column (their end is then always a comma). */
  static fits(cols: OnePassColumns): boolean {
    return cols.key[1] < cols.width - 1 && cols.time !== -1 && cols.values.every((c) => c !== -1);
  }

  /**
   * Reads the row starting at `s` (the region ends at `end`; `view` is a DataView of `buf`) into `vals[1..5]`,
   * `time` and `key`; returns the index of the row's newline (or `end`), or -1 when the row is left to the
   * general reader.
   */
  read(buf: Buffer, view: DataView, s: number, end: number, vals: Float64Array, line: number): number {
    const width = this.cols.width;
    const lastField = this.lastField;
    const roles = this.roles;
    let i = s;
    for (let k = 0; k <= lastField; k++) {
      const role = roles[k];
      const last = k === width - 1;
      if (role === KEY) {
        const from = i;
        let key = this.table.expected(buf, view, from, end);
        if (key === null) {
          // Past the commas inside the key to the one after its last field.
          let commas = 0;
          for (; i < end; i++) {
            const b = buf[i];
            if (b === NEWLINE || b === QUOTE) return -1;
            if (b === COMMA && ++commas > this.keyEnd - k) break;
          }
          if (i >= end) return -1;
          try {
            key = this.table.find(buf, from, i, line);
          } catch {
            return -1;
          }
        }
        // An expected key and a found one end the same way: this runs from the first row on, so V8 optimises the
        // reader with it (the first expected key of an interleaved file comes only once every series has appeared).
        i = from + key.raw.length;
        this.table.took(key);
        this.key = key;
        k = this.keyEnd;
      } else if (role === TIME) {
        let n = 0;
        const from = i;
        for (; i < end; i++) {
          const b = buf[i];
          if (b < ZERO || b > NINE) break;
          n = n * 10 + (b - ZERO);
        }
        if (i === from || i - from > 15) return -1;
        this.time = n;
      } else if (role !== OTHER) {
        i = decimalField(buf, i, end, vals, role);
      } else {
        for (; i < end; i++) {
          const b = buf[i];
          if (b === COMMA || b === NEWLINE || b === CR || b === QUOTE) break;
        }
      }
      // Every field ends on its delimiter: a comma, the last one on the line end.
      if (!last) {
        if (i >= end || buf[i] !== COMMA) return -1;
        i++;
        // Fields after the last one needed are not read: the row ends at its newline.
        if (k >= lastField) {
          const nl = buf.indexOf(NEWLINE, i);
          return nl === -1 || nl >= end ? end : nl;
        }
      } else {
        if (i < end && buf[i] === CR) i++;
        if (i < end && buf[i] !== NEWLINE) return -1;
      }
    }
    return i;
  }
}
