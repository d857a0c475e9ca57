// Deep rxjs imports: the package index loads all 223 of its files; the replay path needs Observable only.
import { Observable } from 'rxjs/internal/Observable';
import type { Input } from '../domain/market.js';
import { isLogLine, type Confidence, type ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import { isCandleBlock, usedRows, type CandleBlock } from '../domain/candle-block.js';
import type { Config } from '../config/load.js';
import { VirtualClock } from '../clock/clock.js';
import { isForming } from '../candles/tier.js';
import { scanEvents } from './pipeline.js';
import type { Engine } from './engine.js';
import { openJsonlLog, type JsonlWriter } from '../outputs/jsonl.js';
import { addToSummary, finishSummary, newSummaryAcc, type EngineCounts, type ReplaySummary } from '../outputs/summary.js';

export interface ReplayRunOptions {
  cfg: Config;
  /** JSONL log path (`-` = stdout), or null for no log. Written to a temp file and moved into place at the end. */
  logPath: string | null;
  confidence?: (ctx: SignalContext) => Confidence;
  /** Every event, in order (report, table, tests). */
  onEvent?: (e: ScanEvent) => void;
  /** Called after each batch with the number of inputs applied so far (progress bar). */
  onProgress?: (inputs: number) => void;
  /** Clock ticks on the virtual clock every N ms of replayed time (for live views); default none. */
  tickMs?: number | null;
  /** Emit token views on ticks (table); tokens silent this long are marked stale. */
  views?: { staleAfterMs: number } | null;
  /** The virtual clock to drive (the table reads it for ages); default a new one. */
  clock?: VirtualClock;
  /** End of each token's own data (file replays under `replay.windowEnd: series`); default none (clock). */
  seriesEnds?: ReadonlyMap<string, number> | null;
}

export interface ReplayResult {
  summary: ReplaySummary;
  engine: Engine;
  logLines: number;
}

/** Every token the engine saw, those with 5m data (able to ignite) and those with a 4h window still open. */
export function engineCounts(engine: Engine): EngineCounts {
  let with5m = 0;
  let open = 0;
  for (const rec of engine.tokens.values()) {
    if (isForming(rec.w.t5m) || rec.w.t5m.closedThrough > -Infinity) with5m += 1;
    if (isForming(rec.w.t4h)) open += 1;
  }
  return { tokens: engine.tokens.size, tokensWith5m: with5m, windowsOpenAtEnd: open };
}

/**
 * The batches as an Observable, each shown to `see` before it is emitted: what rxjs' `from(...).pipe(tap(see))`
 * gives for an (async) iterable, without loading `from` and its 20 modules at start-up. Unsubscribing ends
 * the iteration (the iterator's return() runs); an error of the iterable or of `see` errors the Observable.
 */
function observeBatches<T>(batches: AsyncIterable<T> | Iterable<T>, see: (b: T) => void): Observable<T> {
  return new Observable<T>((subscriber) => {
    const each = (b: T): boolean => {
      see(b);
      subscriber.next(b);
      return !subscriber.closed;
    };
    if (!(Symbol.asyncIterator in batches)) {
      // A plain iterable is emitted synchronously, as from() does.
      try {
        for (const b of batches) if (subscriber.closed || !each(b)) return;
        subscriber.complete();
      } catch (err) {
        subscriber.error(err);
      }
      return;
    }
    void (async () => {
      for await (const b of batches) if (subscriber.closed || !each(b)) return;
      subscriber.complete();
    })().catch((err: unknown) => subscriber.error(err));
  });
}

/**
 * Replays recorded inputs through the live pipeline on a virtual clock. The same input always gives
 * the same log, byte for byte. On any error the log file is not created (nothing half-written).
 */
export async function replayBatches(batches: AsyncIterable<readonly Input[] | CandleBlock> | Iterable<readonly Input[] | CandleBlock>, opts: ReplayRunOptions): Promise<ReplayResult> {
  const types = new Set(opts.cfg.log.types);
  const log: JsonlWriter | null = opts.logPath ? openJsonlLog(opts.logPath, { mode: opts.logPath === '-' ? 'append' : 'replace', types }) : null;
  const acc = newSummaryAcc();
  const threshold = opts.cfg.signals.confirmation.minChangePct;
  let engine: Engine | null = null;
  let inputs = 0;
  const counted$ = observeBatches(batches, (b) => {
    inputs += isCandleBlock(b) ? usedRows(b) : b.length;
    opts.onProgress?.(inputs);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      scanEvents(counted$, { cfg: opts.cfg, clock: opts.clock ?? new VirtualClock(), tickMs: opts.tickMs ?? null, views: opts.views ?? null, seriesEnds: opts.seriesEnds ?? null, confidence: opts.confidence, onEngine: (e) => (engine = e) }).subscribe({
        next: (e) => {
          addToSummary(acc, e, threshold);
          if (log && isLogLine(e)) log.write(e);
          opts.onEvent?.(e);
        },
        error: reject,
        complete: resolve,
      });
    });
  } catch (err) {
    log?.abort();
    throw err;
  }
  log?.close();
  const eng = engine as unknown as Engine;
  return { summary: finishSummary(acc, eng.stats.inputs, engineCounts(eng)), engine: eng, logLines: log?.lines ?? 0 };
}
