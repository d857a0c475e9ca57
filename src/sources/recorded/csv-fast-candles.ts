import type { Candle, Input } from '../../domain/market.js';
import { checkRegion, readByteRegions } from './byte-regions.js';
import { decimalInto, parseDigits } from './decimal.js';
import { SeriesKeyTable, type SeriesKey } from './series-keys.js';
import { OnePassRow } from './one-pass-row.js';
import type { CandleParts, CsvContext } from './csv-candles.js';

/** Rows per yielded batch: small batches die young, before a scavenge has to copy them. */
const BATCH_ROWS = 1024;

/**
 * Where the rows of a pass go instead of into Candle objects (a first pass that fills typed columns):
 * `row` takes a row the byte reader accepted, by its series key and values; `record` a row the string
 * parser read. Rows arrive in file order.
 */
export interface CandleRowSink {
  /** `v` holds start, open, high, low, close, volumeUsd (a scratch array: doubles passed one by one would each be boxed). */
  row(key: SeriesKey, v: Float64Array): void;
  record(rec: Input): void;
  /**
   * Rows after which the pass yields (an empty batch), so the consumer can take what the sink holds before
   * more rows arrive: a sink of fixed capacity sets it to that capacity. Default: never mid-region.
   */
  yieldEvery?: number;
}

/** How one pass reads rows: the parts it shares with the string parser, which takes every row it does not. */
export interface FastCandlePass {
  parts: CandleParts;
  /** The string parser of a whole line; it also throws the row's error with file and line. */
  slow: (text: string, line: number) => Input;
  /** Prices stay zero and unchecked (the first pass of a streamed file), as with the key parser. */
  keysOnly: boolean;
}

/** The start in ms of raw time digits `t` in the detected format, when in its fast range; else -1. */
function unixStart(format: string | null, t: number): number {
  if (format === 'unix_s' && t > 0 && t < 1e11) return t * 1000;
  if (format === 'unix_ms' && t >= 1e11 && t < 1e14) return t;
  return -1;
}

/**
 * First and last column of the series fields (pool or symbol, mint, interval) when they sit side by
 * side, so one byte range keys a row; undefined when they do not (the file keeps the string reader).
 */
export function seriesKeySpan(ctx: CsvContext): [number, number] | null | undefined {
  const { cols } = ctx;
  const used = [cols.pool !== -1 ? cols.pool : cols.symbol, cols.mint, cols.interval].filter((c) => c !== -1).sort((a, b) => a - b);
  if (used.length === 0) return null;
  for (let i = 1; i < used.length; i++) if (used[i] !== used[i - 1] + 1) return undefined;
  return [used[0], used[used.length - 1]];
}

/**
 * Candle rows of a CSV read from bytes in one pass: line ends and commas found in the same loop, times
 * and prices parsed from bytes, the series found by the row's raw key bytes. A row the fast path does
 * not fully accept (quotes, non-ASCII bytes, a field count off, a time or number outside the fast
 * grammar, high below low, a new series whose fields do not resolve) goes to the string parser, so
 * results, errors and their line numbers are those of the string reader.
 */
export async function* fastCandleRows(ctx: CsvContext, skipThrough: number, span: [number, number] | null, pass: FastCandlePass, sink?: CandleRowSink): AsyncGenerator<Input[]> {
  const { file, header, cols } = ctx;
  const { time, keys } = pass.parts;
  const width = header.length;
  const ends = new Int32Array(width);
  const f: string[] = new Array<string>(width).fill('');
  const table = new SeriesKeyTable((raw, line): SeriesKey => {
    if (span !== null) raw.split(',').forEach((v, k) => (f[span[0] + k] = v));
    const intervalMs = keys.interval(f, line);
    const pool = keys.pool(f);
    return { pool, mint: keys.mint(f, pool), intervalMs };
  });
  const tc = cols.time;
  const [o, h, l, c, v] = [cols.open, cols.high, cols.low, cols.close, cols.volume];
  // The key pass stops at the last field it needs, as the key parser does; the full pass needs every field.
  const lastNeeded = pass.keysOnly ? Math.max(tc, span === null ? 0 : span[1]) : width - 1;
  const from = (k: number, s: number) => (k === 0 ? s : ends[k - 1] + 1);
  const until = (k: number, e: number, commas: number) => (k < commas ? ends[k] : e);

  // The values of the last row fastRow accepted (a typed scratch, so accepting a row makes no object).
  const vals = new Float64Array(6);
  const fastRow = (buf: Buffer, s: number, e: number, commas: number, line: number): SeriesKey | null => {
    const start = unixStart(time.detected, parseDigits(buf, from(tc, s), until(tc, e, commas)));
    if (start === -1) return null;
    let key: SeriesKey;
    try {
      key = span === null ? table.find(buf, s, s, line) : table.find(buf, from(span[0], s), until(span[1], e, commas), line);
    } catch {
      return null;
    }
    vals[0] = start;
    if (pass.keysOnly) vals.fill(0, 1);
    else {
      decimalInto(buf, from(o, s), until(o, e, commas), vals, 1);
      decimalInto(buf, from(h, s), until(h, e, commas), vals, 2);
      decimalInto(buf, from(l, s), until(l, e, commas), vals, 3);
      decimalInto(buf, from(c, s), until(c, e, commas), vals, 4);
      decimalInto(buf, from(v, s), until(v, e, commas), vals, 5);
      // NaN (not in the fast grammar) fails every comparison.
      if (!(vals[1] >= 0 && vals[2] >= vals[3] && vals[3] >= 0 && vals[4] >= 0 && vals[5] >= 0)) return null;
    }
    return key;
  };

  let out: Input[] = [];
  const objects: CandleRowSink = {
    row: (key, v) => {
      const start = v[0];
      const candle: Candle = {
        kind: 'candle', knownAt: start + key.intervalMs, mint: key.mint, pool: key.pool, source: 'file',
        start, intervalMs: key.intervalMs, open: v[1], high: v[2], low: v[3], close: v[4], volumeUsd: v[5], final: true,
      };
      out.push(candle);
    },
    record: (rec) => out.push(rec),
  };
  const to = sink ?? objects;
  // Rows handed to `to` since the last yield (with the objects sink, the length of `out`).
  const every = sink === undefined ? BATCH_ROWS : (sink.yieldEvery ?? Infinity);
  let pending = 0;

  // Passes over a layout it reads take most rows in one walk (one-pass-row.ts); the loop below takes the rest.
  const onePassCols = span === null ? null : { width, time: tc, values: [o, h, l, c, v] as [number, number, number, number, number], key: span };
  const one = onePassCols !== null && OnePassRow.fits(onePassCols) ? new OnePassRow(onePassCols, table, pass.keysOnly) : null;

  let line = 0;
  for await (const r of readByteRegions(file)) {
    const ascii = checkRegion(file, r, line + 1);
    const buf = r.buf;
    const end = r.to;
    let p = r.from;
    // Quotes are rare: the next one is found natively, so the byte loop only looks for newlines and commas.
    let quote = buf.indexOf(34, p);
    if (quote >= end) quote = -1;
    while (p < end) {
      if (pending >= every) {
        // The region's bytes stay put while we are suspended: the reader only moves on when asked.
        yield out;
        out = [];
        pending = 0;
      }
      if (one !== null && ascii && line >= skipThrough) {
        const nl = one.read(buf, r.view, p, end, vals, line + 1);
        if (nl !== -1) {
          const start = unixStart(time.detected, one.time);
          // NaN (not in the fast grammar) fails every comparison.
          if (start !== -1 && vals[1] >= 0 && vals[2] >= vals[3] && vals[3] >= 0 && vals[4] >= 0 && vals[5] >= 0) {
            vals[0] = start;
            p = nl + 1;
            line++;
            to.row(one.key!, vals);
            pending++;
            continue;
          }
        }
      }
      let commas = 0;
      let i = p;
      for (; i < end; i++) {
        const b = buf[i];
        if (b === 10) break;
        if (b === 44) {
          if (commas < width) ends[commas] = i;
          if (++commas > lastNeeded) {
            const nl = buf.indexOf(10, i);
            i = nl === -1 || nl > end ? end : nl;
            break;
          }
        }
      }
      // A quote before the last field read (or anywhere, in the full pass) sends the row to the string parser.
      const fieldsEnd = commas > lastNeeded ? ends[lastNeeded] : i;
      let plain = ascii;
      if (quote !== -1 && quote < fieldsEnd) plain = false;
      while (quote !== -1 && quote < i) {
        quote = buf.indexOf(34, quote + 1);
        if (quote >= end) quote = -1;
      }
      const s = p;
      let e = i;
      p = i + 1;
      line++;
      if (e > s && buf[e - 1] === 13) e--;
      if (line <= skipThrough || e === s) continue;
      const fieldsOk = pass.keysOnly ? commas >= lastNeeded : commas === width - 1;
      const key = plain && fieldsOk ? fastRow(buf, s, e, commas, line) : null;
      if (key !== null) {
        to.row(key, vals);
        pending++;
        continue;
      }
      const text = buf.toString(ascii ? 'latin1' : 'utf8', s, e);
      if (text.trim().length !== 0) {
        to.record(pass.slow(text, line));
        pending++;
      }
    }
    if (pending > 0) {
      yield out;
      out = [];
      pending = 0;
    }
  }
}
