import type { Candle } from '../../domain/market.js';
import { ReplayInputError } from './errors.js';
import { intervalFromLabel } from './intervals.js';
import { poolFromFileName, stripNetworkPrefix, type ColumnRole } from './csv-fields.js';
import { TimeColumn, checkFieldCount, requiredNumber, type LineParser } from './row-parser.js';

export interface CsvContext {
  file: string;
  header: string[];
  cols: Record<ColumnRole, number>;
  poolMints: Record<string, string>;
}

/** True when the candle's interval comes from the rows; false when it must be inferred from spacing. */
export function candleIntervalIsExplicit(cols: Record<ColumnRole, number>): boolean {
  return cols.interval !== -1;
}

/**
 * Row parser for candle CSVs (GeckoTerminal exports, qlib exports, our canonical layout).
 * Without an interval column the candle gets intervalMs 0 and knownAt = start; the scan fills
 * both in once the series' spacing is known.
 */
export function csvCandleParser(ctx: CsvContext): LineParser {
  const { file, header, cols, poolMints } = ctx;
  const time = new TimeColumn(file, header[cols.time]);
  const filePool = poolFromFileName(file);
  const intervals = new Map<string, number>();
  const names = { o: header[cols.open], h: header[cols.high], l: header[cols.low], c: header[cols.close], v: header[cols.volume] };
  const width = header.length;

  const intervalOf = (label: string, line: number): number => {
    let ms = intervals.get(label);
    if (ms === undefined) {
      const parsed = intervalFromLabel(label);
      if (parsed === null) throw new ReplayInputError(file, line, `column ${header[cols.interval]}: ${JSON.stringify(label)} is not a known candle interval`);
      intervals.set(label, (ms = parsed));
    }
    return ms;
  };

  return (f, line) => {
    checkFieldCount(f, width, file, line);
    const start = time.parse(f[cols.time], line);
    const intervalMs = cols.interval === -1 ? 0 : intervalOf(f[cols.interval], line);
    const open = requiredNumber(f[cols.open], names.o, file, line);
    const high = requiredNumber(f[cols.high], names.h, file, line);
    const low = requiredNumber(f[cols.low], names.l, file, line);
    const close = requiredNumber(f[cols.close], names.c, file, line);
    const volumeUsd = requiredNumber(f[cols.volume], names.v, file, line);
    if (high < low) throw new ReplayInputError(file, line, `high ${f[cols.high]} is below low ${f[cols.low]} (columns swapped?)`);
    const pool = poolOf(f, cols, filePool);
    const mintRaw = cols.mint === -1 ? '' : f[cols.mint].trim();
    const mint = mintRaw !== '' ? mintRaw : pool !== null ? (poolMints[pool] ?? null) : null;
    const candle: Candle = {
      kind: 'candle', knownAt: start + intervalMs, mint, pool, source: 'file',
      start, intervalMs, open, high, low, close, volumeUsd, final: true,
    };
    return candle;
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
