import type { Input } from '../../domain/market.js';
import { ReplayInputError, UnknownLayoutError } from './errors.js';
import { openFormat, SUPPORTED_EXTENSIONS } from './formats.js';
import { expandInputPaths } from './paths.js';
import { scanFile, streamsAsColumns, type KeepBudget, type ScannedFile } from './scan.js';
import type { Cursor } from './cursors.js';
import { columnCursor } from './columns.js';
import type { MergeSource } from './block-merge.js';
import type { BlockSeries, CandleBlock } from '../../domain/candle-block.js';

// The merges and the second reads of streamed files load when a replay iterates them: one file held as columns
// (the common case) replays without loading them.

export { ReplayInputError } from './errors.js';
export { SUPPORTED_EXTENSIONS } from './formats.js';

export interface ReplayInputOptions {
  /** Pool address -> mint, for files that only name the pool. Default: none. */
  poolMints?: Record<string, string>;
  /** Records per yielded batch. Default 4096. */
  batchSize?: number;
  /**
   * File bytes all files may hold in memory together; time-sorted files beyond it are streamed
   * (read twice, memory flat in their length). Default 64 MiB.
   */
  keepInMemoryBytes?: number;
}

export interface SeriesInfo {
  file: string;
  pool: string | null;
  mint: string | null;
  /** Record kind; files in our own NDJSON may also carry pool/token/security/impact/tick records. */
  kind: 'candle' | 'trade' | Exclude<Input['kind'], 'candle' | 'trade'>;
  /** Candle interval in ms; null for everything but candles. */
  intervalMs: number | null;
  rows: number;
  /** Event time (candle start, trade ts) of the earliest and latest row, epoch ms. */
  firstTs: number;
  lastTs: number;
  /** Timeframes present in the file for this pool but not used because a finer one exists (ms, ascending). */
  skippedIntervalsMs: number[];
  /** How the series was read where it is not plain (inferred interval, estimated volume, corrected times). */
  notes: string[];
}

export interface ReplayInputs {
  series: SeriesInfo[];
  /** Total records batches() will yield (for a progress bar). */
  totalRows: number;
  /** Files found in folders whose layout is not market data (e.g. an export summary), with the reason. */
  skippedFiles: { file: string; reason: string }[];
  /** Every input of every file, merged, in non-decreasing knownAt order, in batches. Can be iterated again. */
  batches(): AsyncIterable<Input[]>;
  /**
   * The same inputs in the same order, where possible as blocks of typed columns (one file held as
   * columns: no Candle object per row), else as batches() gives them. For the engine; can be iterated again.
   */
  blocks(): AsyncIterable<Input[] | CandleBlock>;
}

const DEFAULT_BATCH = 4096;
const DEFAULT_KEEP_BYTES = 64 * 1024 * 1024;
/** Records per batch from held columns: small batches die young, before a scavenge has to copy them. */
const COLUMN_BATCH = 1024;

/**
 * Opens recorded market data (files or folders) for a one-shot replay. Every file is scanned once
 * up front, so layout and data errors surface here, before the replay starts.
 */
export async function openReplayInputs(paths: string[], opts: ReplayInputOptions = {}): Promise<ReplayInputs> {
  const poolMints = opts.poolMints ?? {};
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const budget: KeepBudget = { bytes: opts.keepInMemoryBytes ?? DEFAULT_KEEP_BYTES };
  const scanned: ScannedFile[] = [];
  const skippedFiles: { file: string; reason: string }[] = [];
  for (const input of await expandInputPaths(paths)) {
    try {
      scanned.push(await scanFile(await openFormat(input.path, poolMints), budget));
    } catch (e) {
      if (!(e instanceof UnknownLayoutError) || !input.fromFolder) throw e;
      skippedFiles.push({ file: input.path, reason: e.message });
    }
  }
  if (scanned.length === 0) throw new ReplayInputError(paths.join(', '), null, `no market data found (${SUPPORTED_EXTENSIONS.join(', ')} files with candles, trades or inputs)`);
  const series = scanned.flatMap(seriesInfosOf);
  return {
    series,
    totalRows: scanned.reduce((n, f) => n + f.usedRows, 0),
    skippedFiles,
    batches: () => mergedRecords(scanned, batchSize),
    blocks: () => {
      // One file held as columns is already in replay order (the columns exist only for a time-sorted file);
      // so is a streamed candle file, read again straight into columns.
      const only = scanned.length === 1 ? scanned[0] : null;
      if (only?.columns) return asAsync(only.columns.blocks(only.series));
      if (only !== null && streamsAsColumns(only)) return lazily(async () => (await import('./streamed-columns.js')).streamedBlocks(only));
      // Several files, all columns (held or streamed): merged into blocks over all their series.
      if (scanned.length > 1 && scanned.every((f) => f.columns !== null || streamsAsColumns(f))) {
        return lazily(async () => {
          const [{ mergeBlocks }, { streamedBlocks }] = await Promise.all([import('./block-merge.js'), import('./streamed-columns.js')]);
          const { sources, series } = mergeSourcesOf(scanned, streamedBlocks);
          return mergeBlocks(sources, series);
        });
      }
      return mergedRecords(scanned, batchSize);
    },
  };
}

/** Parse-only pass through the same code path as a replay: opens, merges and counts every record. */
export async function countRows(paths: string[], opts: ReplayInputOptions = {}): Promise<{ rows: number; batches: number }> {
  const inputs = await openReplayInputs(paths, opts);
  let rows = 0;
  let batches = 0;
  for await (const b of inputs.batches()) {
    rows += b.length;
    batches++;
  }
  return { rows, batches };
}

async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** The items of the iterable `open` gives, opened (and its modules loaded) on first use. */
async function* lazily<T>(open: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await open();
}

/** Every record of every file, merged by knownAt. */
async function* mergedRecords(files: ScannedFile[], batchSize: number): AsyncGenerator<Input[]> {
  const [{ mergeByKnownAt }, { arrayCursor, streamCursor }] = await Promise.all([import('./merge.js'), import('./cursors.js')]);
  yield* mergeByKnownAt(cursorsOf(files, batchSize, arrayCursor, streamCursor), batchSize);
}

type CursorsModule = typeof import('./cursors.js');

function cursorsOf(files: ScannedFile[], batchSize: number, arrayCursor: CursorsModule['arrayCursor'], streamCursor: CursorsModule['streamCursor']): Cursor[] {
  const cursors: Cursor[] = [];
  for (const f of files) {
    if (f.columns !== null) cursors.push(columnCursor(cursors.length, f.columns, f.series, Math.min(batchSize, COLUMN_BATCH)));
    else if (!f.inMemory) cursors.push(streamCursor(cursors.length, f));
    else for (const s of f.series) if (s.used && s.records !== null) cursors.push(arrayCursor(cursors.length, s.records, batchSize));
  }
  return cursors;
}

/** Files all held or streamed as columns, as sources of mergeBlocks in the order cursorsOf gives them, over their series side by side. */
function mergeSourcesOf(files: ScannedFile[], streamedBlocks: (f: ScannedFile) => AsyncGenerator<CandleBlock>): { sources: MergeSource[]; series: BlockSeries[] } {
  const series: BlockSeries[] = [];
  const sources: MergeSource[] = [];
  for (const f of files) {
    const base = series.length;
    series.push(...f.series);
    const it = f.columns !== null ? asAsync(f.columns.blocks(f.series)) : streamedBlocks(f);
    sources.push({ order: sources.length, base, next: async () => ((await it.next()).value ?? null) as CandleBlock | null, close: () => it.return(undefined) });
  }
  return { sources, series };
}

function seriesInfosOf(f: ScannedFile): SeriesInfo[] {
  return f.series.filter((s) => s.used).map((s) => ({
    file: f.reader.file, pool: s.pool, mint: s.mint, kind: s.kind,
    intervalMs: s.kind === 'candle' ? s.intervalMs : null,
    rows: s.rows, firstTs: s.firstTs, lastTs: s.lastTs,
    skippedIntervalsMs: s.skippedIntervalsMs, notes: [...s.notes, ...f.notes],
  }));
}
