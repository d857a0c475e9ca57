import { open, stat } from 'node:fs/promises';
import type { Input } from '../../domain/market.js';
import { ReplayInputError, UnknownLayoutError } from './errors.js';
import { readLineChunks, readWholeText } from './lines.js';
import { findColumns, splitCsvLine } from './csv-fields.js';
import { candleParts, csvCandleKeyParser, csvCandleParser, type CsvContext } from './csv-candles.js';
import { fastCandleRows, seriesKeySpan, type CandleRowSink } from './csv-fast-candles.js';
import type { FileVerdict } from './row-parser.js';

// The readers of trade CSVs, JSON documents and NDJSON load with their first file: a replay of candle CSVs
// (the common case) does not load them at start-up.

/** File name endings this reader accepts; folders are searched for these. */
export const SUPPORTED_EXTENSIONS = ['.csv', '.json', '.ndjson', '.jsonl'] as const;

/** One input file, readable as many times as needed (the scan reads streamed files twice). */
export interface FormatReader {
  file: string;
  /** Human-readable layout name, for notes and errors. */
  layout: string;
  /** Candles come with intervalMs 0 and knownAt = start; the scan infers the interval from spacing. */
  inferInterval: boolean;
  /** Keep only each pool's finest candle interval (multi-timeframe exports). */
  finestOnly: boolean;
  notes: string[];
  /** File size in bytes (decides whether the file is held in memory or streamed). */
  bytes: number;
  /**
   * The file's records in file order. `keysOnly` may return records with only kind, times, pool,
   * mint and interval filled (prices zero, not validated): cheaper, for the first pass of a streamed file.
   * With a `sink`, a reader may hand rows to it instead of yielding them (a pass into columns).
   */
  batches(keysOnly?: boolean, sink?: CandleRowSink): AsyncIterable<Input[]>;
  /**
   * Its records are plain file candles, rebuilt exactly from their series and OHLCV, so a large file
   * may be held as columns after one pass instead of being read twice, with the row count estimated
   * from the file's start. Absent for other formats.
   */
  columnar?: { estimatedRows: number };
  /** What one full pass of batches() learned (time corrections, notes); may throw. */
  finish(): FileVerdict;
}

const NO_VERDICT = (): FileVerdict => ({ shiftMs: 0, notes: [] });

/** `byteReader: false` reads candle CSVs with the string reader only (tests compare the two). Default true. */
export async function openFormat(file: string, poolMints: Record<string, string>, opts: { byteReader?: boolean } = {}): Promise<FormatReader> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return openCsv(file, poolMints, opts.byteReader ?? true);
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return openNdjson(file);
  if (lower.endsWith('.json')) {
    const { candlesFromJsonDoc } = await import('./json-docs.js');
    const { candles, notes } = candlesFromJsonDoc(await readWholeText(file), file, poolMints);
    if (candles.length === 0) throw new ReplayInputError(file, null, 'no candles in the document');
    const inferInterval = candles.some((c) => c.intervalMs === 0);
    return { file, layout: 'json', bytes: (await stat(file)).size, inferInterval, finestOnly: true, notes, batches: async function* () { yield candles; }, finish: NO_VERDICT };
  }
  throw new UnknownLayoutError(file, null, `unsupported file type (expected ${SUPPORTED_EXTENSIONS.join(', ')})`);
}

async function openCsv(file: string, poolMints: Record<string, string>, byteReader: boolean): Promise<FormatReader> {
  const headerLine = await firstNonBlankLine(file);
  const header = splitCsvLine(headerLine.text);
  const cols = findColumns(header);
  const ctx: CsvContext = { file, header, cols, poolMints };
  const isCandle = cols.open !== -1 && cols.high !== -1 && cols.low !== -1 && cols.close !== -1;
  const isTrade = !isCandle && (cols.price !== -1 || (cols.priceFrom !== -1 && cols.priceTo !== -1 && cols.tokenFrom !== -1 && cols.tokenTo !== -1));
  if (cols.time === -1 || (!isCandle && !isTrade) || cols.volume === -1) {
    throw new UnknownLayoutError(file, headerLine.line, `unknown CSV layout: no recognisable ${cols.time === -1 ? 'time' : !isCandle && !isTrade ? 'price (open/high/low/close or price_usd)' : 'volume'} column in header ${JSON.stringify(headerLine.text.slice(0, 300))}`);
  }
  const trades = isTrade ? (await import('./csv-trades.js')).csvTradeParser(ctx) : null;
  if (!trades) return openCandleCsv(ctx, headerLine.line, byteReader);
  return {
    file,
    bytes: (await stat(file)).size,
    layout: 'trade csv',
    inferInterval: false,
    finestOnly: true,
    notes: [],
    batches: () => lineRecords(file, headerLine.line, (text, line) => trades.parse(splitCsvLine(text), line)),
    finish: () => trades.finish(),
  };
}

/**
 * Candle CSVs are read from bytes (csv-fast-candles.ts) when their series fields sit side by side;
 * the string reader takes the rows the byte reader does not, and whole files with scattered fields.
 */
async function openCandleCsv(ctx: CsvContext, headerLine: number, byteReader: boolean): Promise<FormatReader> {
  const { file } = ctx;
  const full = candleParts(ctx);
  const key = candleParts(ctx);
  const parse = csvCandleParser(ctx, full);
  const slow = (text: string, line: number) => parse(splitCsvLine(text), line);
  const keyParse = csvCandleKeyParser(ctx, key);
  const span = byteReader ? seriesKeySpan(ctx) : undefined;
  return {
    file,
    bytes: (await stat(file)).size,
    layout: 'candle csv',
    columnar: { estimatedRows: await estimateRows(file) },
    inferInterval: ctx.cols.interval === -1,
    finestOnly: true,
    notes: [],
    batches: (keysOnly, sink) => span === undefined
      ? lineRecords(file, headerLine, keysOnly ? keyParse : slow)
      : fastCandleRows(ctx, headerLine, span, keysOnly ? { parts: key, slow: keyParse, keysOnly: true } : { parts: full, slow, keysOnly: false }, sink),
    finish: NO_VERDICT,
  };
}

async function openNdjson(file: string): Promise<FormatReader> {
  const first = await firstNonBlankLine(file);
  const [{ looksLikeChainFrame }, { parseInputLine }] = await Promise.all([import('./frame-sniff.js'), import('./ndjson.js')]);
  if (looksLikeChainFrame(first.text)) return openChainFrames(file);
  return {
    file, layout: 'ndjson', bytes: (await stat(file)).size, inferInterval: false, finestOnly: false, notes: [],
    batches: () => lineRecords(file, 0, (text, line) => parseInputLine(text, file, line)),
    finish: NO_VERDICT,
  };
}

/**
 * Recorded `logsNotification` frames of the chain tap (scan's frame log, or frames wrapped from
 * transactions): decoded and priced by the live tap's code, pools and prices from the file only.
 */
async function openChainFrames(file: string): Promise<FormatReader> {
  // The tap and its decoders (and @solana/web3.js under them) load only for a file of frames.
  const [{ chainFramesReplay }, { decodeTx }] = await Promise.all([import('./chain-frames.js'), import('../chain/decode.js')]);
  let replay = chainFramesReplay(file, decodeTx, 500);
  return {
    file, layout: 'chain frames', bytes: (await stat(file)).size, inferInterval: false, finestOnly: false, notes: [],
    batches: async function* () {
      // Each pass starts from a fresh tap: its dedupe and pools must not carry over between passes.
      replay = chainFramesReplay(file, decodeTx, 500);
      for await (const { lines, firstLine } of readLineChunks(file)) {
        const out: Input[] = [];
        lines.forEach((text, i) => {
          if (text.trim() !== '') out.push(...replay.line(text, firstLine + i));
        });
        if (out.length > 0) yield out;
      }
    },
    finish: () => ({ shiftMs: 0, notes: replay.notes() }),
  };
}

/** Parses every non-blank line after `skipThrough` (the header's line number, 0 for none). */
async function* lineRecords(file: string, skipThrough: number, parse: (text: string, line: number) => Input): AsyncGenerator<Input[]> {
  for await (const { lines, firstLine } of readLineChunks(file)) {
    const out: Input[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = firstLine + i;
      const text = lines[i];
      if (line <= skipThrough || text.length === 0 || text.trim().length === 0) continue;
      out.push(parse(text, line));
    }
    if (out.length > 0) yield out;
  }
}

/** Rows of a file estimated from the line length of its first 64 KiB. */
async function estimateRows(file: string): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(1 << 16), 0, 1 << 16, 0);
    let lines = 0;
    for (let i = buffer.indexOf(10); i !== -1 && i < bytesRead; i = buffer.indexOf(10, i + 1)) lines++;
    const size = (await fh.stat()).size;
    return lines === 0 ? 1 : Math.ceil((size / bytesRead) * lines);
  } finally {
    await fh.close();
  }
}

async function firstNonBlankLine(file: string): Promise<{ text: string; line: number }> {
  for await (const { lines, firstLine } of readLineChunks(file)) {
    const i = lines.findIndex((l) => l.trim() !== '');
    if (i !== -1) return { text: lines[i], line: firstLine + i };
  }
  throw new ReplayInputError(file, null, 'empty file');
}
