import type { Candle } from '../../domain/market.js';
import { ReplayInputError, quoted } from './errors.js';
import { intervalFromLabel } from './intervals.js';
import { poolFromFileName, splitCsvLine, stripNetworkPrefix, type ColumnRole } from './csv-fields.js';
import { TimeColumn, checkFieldCount, requiredNumber, type LineParser } from './row-parser.js';

export interface CsvContext {
  file: string;
  header: string[];
  cols: Record<ColumnRole, number>;
  poolMints: Record<string, string>;
}

/** The stateful parts of a candle row parser: the time column (its detected format) and the series fields. */
export interface CandleParts {
  time: TimeColumn;
  keys: SeriesFields;
}

export function candleParts(ctx: CsvContext): CandleParts {
  return { time: new TimeColumn(ctx.file, ctx.header[ctx.cols.time]), keys: seriesFields(ctx) };
}

/**
 * Row parser for candle CSVs (GeckoTerminal exports, qlib exports, our canonical layout).
 * Without an interval column the candle gets intervalMs 0 and knownAt = start; the scan fills
 * both in once the series' spacing is known.
 */
export function csvCandleParser(ctx: CsvContext, { time, keys }: CandleParts = candleParts(ctx)): LineParser {
  const { file, header, cols } = ctx;
  const names = { o: header[cols.open], h: header[cols.high], l: header[cols.low], c: header[cols.close], v: header[cols.volume] };
  const width = header.length;

  return (f, line) => {
    checkFieldCount(f, width, file, line);
    const start = time.parse(f[cols.time], line);
    const intervalMs = keys.interval(f, line);
    const ro = f[cols.open];
    const rh = f[cols.high];
    const rl = f[cols.low];
    const rc = f[cols.close];
    const rv = f[cols.volume];
    const open = +ro;
    const high = +rh;
    const low = +rl;
    const close = +rc;
    const volumeUsd = +rv;
    // One combined check on the hot path (NaN fails >= 0; +'' is 0, so emptiness is checked by length);
    // the per-column checks run only to name the bad value.
    if (!(open >= 0 && high >= 0 && low >= 0 && close >= 0 && volumeUsd >= 0 && open + high + low + close + volumeUsd < Infinity)
      || ro.length === 0 || rh.length === 0 || rl.length === 0 || rc.length === 0 || rv.length === 0) {
      requiredNumber(ro, names.o, file, line);
      requiredNumber(rh, names.h, file, line);
      requiredNumber(rl, names.l, file, line);
      requiredNumber(rc, names.c, file, line);
      requiredNumber(rv, names.v, file, line);
    }
    if (high < low) throw new ReplayInputError(file, line, `high ${f[cols.high]} is below low ${f[cols.low]} (columns swapped?)`);
    const pool = keys.pool(f);
    const mint = keys.mint(f, pool);
    const candle: Candle = {
      kind: 'candle', knownAt: start + intervalMs, mint, pool, source: 'file',
      start, intervalMs, open, high, low, close, volumeUsd, final: true,
    };
    return candle;
  };
}

/**
 * Parses only what the first pass of a large file needs (time, pool, mint, interval), with zero
 * prices: values are checked when the file is streamed for real.
 */
export function csvCandleKeyParser(ctx: CsvContext, { time, keys }: CandleParts = candleParts(ctx)): (text: string, line: number) => Candle {
  const { file, header, cols } = ctx;
  const wanted = [cols.time, cols.pool, cols.symbol, cols.mint, cols.interval];
  const last = Math.max(...wanted);
  const f: string[] = new Array(header.length).fill('');
  return (text, line) => {
    if (text.indexOf('"') !== -1) {
      const all = splitCsvLine(text);
      if (all.length <= last) throw new ReplayInputError(file, line, `row has ${all.length} fields but the header has ${header.length} (truncated row?)`);
      for (const i of wanted) if (i !== -1) f[i] = all[i];
    } else {
      // Walk commas only up to the last wanted column.
      let from = 0;
      for (let i = 0; i <= last; i++) {
        const comma = text.indexOf(',', from);
        const end = comma === -1 ? text.length : comma;
        if (wanted.includes(i)) f[i] = text.slice(from, end);
        if (comma === -1 && i < last) throw new ReplayInputError(file, line, `row has ${i + 1} fields but the header has ${header.length} (truncated row?)`);
        from = end + 1;
      }
    }
    const start = time.parse(f[cols.time], line);
    const intervalMs = keys.interval(f, line);
    const pool = keys.pool(f);
    const candle: Candle = {
      kind: 'candle', knownAt: start + intervalMs, mint: keys.mint(f, pool), pool, source: 'file',
      start, intervalMs, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true,
    };
    return candle;
  };
}

/**
 * Pool, mint and interval of a row. Consecutive rows nearly always repeat them, so the last raw
 * value is compared first; returned strings are shared, not slices pinning the file's text.
 */
export type SeriesFields = ReturnType<typeof seriesFields>;

function seriesFields(ctx: CsvContext) {
  const { file, header, cols, poolMints } = ctx;
  const filePool = poolFromFileName(file);
  let poolRaw: string | null = null;
  let poolVal: string | null = filePool;
  let mintRaw: string | null = null;
  let mintPool: string | null = null;
  let mintVal: string | null = null;
  let intervalRaw: string | null = null;
  let intervalVal = 0;
  const intern = new Map<string, string>();
  const shared = (s: string): string => {
    const hit = intern.get(s);
    if (hit !== undefined) return hit;
    const copy = (' ' + s).slice(1);
    intern.set(copy, copy);
    return copy;
  };
  const poolCol = cols.pool !== -1 ? cols.pool : cols.symbol;
  return {
    pool(f: string[]): string | null {
      if (poolCol === -1) return filePool;
      const raw = f[poolCol];
      if (raw === poolRaw) return poolVal;
      poolRaw = raw;
      const s = stripNetworkPrefix(raw);
      const usable = poolCol === cols.pool ? s !== '' : raw.trim().startsWith('solana_');
      return (poolVal = usable ? shared(s) : filePool);
    },
    mint(f: string[], pool: string | null): string | null {
      const raw = cols.mint === -1 ? '' : f[cols.mint];
      if (raw === mintRaw && pool === mintPool) return mintVal;
      mintRaw = raw;
      mintPool = pool;
      const s = raw.trim();
      return (mintVal = s !== '' ? shared(s) : pool !== null ? (poolMints[pool] ?? null) : null);
    },
    interval(f: string[], line: number): number {
      if (cols.interval === -1) return 0;
      const raw = f[cols.interval];
      if (raw === intervalRaw) return intervalVal;
      const ms = intervalFromLabel(raw);
      if (ms === null) throw new ReplayInputError(file, line, `column ${header[cols.interval]}: ${quoted(raw)} is not a known candle interval`);
      intervalRaw = raw;
      return (intervalVal = ms);
    },
  };
}

/** Pool from a pool column, a `solana_<pool>` symbol column, or the file name. */
export function poolOf(f: string[], cols: Record<ColumnRole, number>, filePool: string | null): string | null {
  if (cols.pool !== -1) {
    const p = stripNetworkPrefix(f[cols.pool]);
    if (p !== '') return p;
  }
  if (cols.symbol !== -1) {
    const s = f[cols.symbol].trim();
    if (s.startsWith('solana_')) return s.slice('solana_'.length);
  }
  return filePool;
}
