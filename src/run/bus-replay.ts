import { randomBytes } from 'node:crypto';
import type { Input, SeriesEnd } from '../domain/market.js';
import type { LogLine } from '../domain/signals.js';
import type { Config } from '../config/load.js';
import type { Bus, PartitionFigures } from '../bus/index.js';
import { openJsonlLog, type JsonlWriter } from '../outputs/jsonl.js';
import { runSettingsOf } from './run-settings.js';
import { addToSummary, finishSummary, newSummaryAcc, type ReplaySummary } from '../outputs/summary.js';

export interface BusReplayOptions {
  cfg: Config;
  bus: Bus;
  /** JSONL log path (`-` = stdout) or null; written to a temp file and moved into place at the end. */
  logPath: string | null;
  /** Every signal line of the run, as it arrives (reports, tests). */
  onLine?: (line: LogLine) => void;
  /** One line when the workers have been silent for `waitNoteMs` (none are running?). */
  warn?: (line: string) => void;
  waitNoteMs?: number;
  /** Called after each batch with the number of inputs published so far. */
  onProgress?: (inputs: number) => void;
  /**
   * End of each token's own data (file replays under `replay.windowEnd: series`), by token key: sent to
   * the token's partition ahead of its data, so workers apply the same series-end rule as one process.
   */
  seriesEnds?: ReadonlyMap<string, number> | null;
}

export interface BusReplayResult {
  run: string;
  summary: ReplaySummary;
  logLines: number;
  inputs: number;
}

/** A fresh run id: lines of this run are told apart from other runs' on the shared signal stream. */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The series ends as inputs, known at `knownAt` (the run's first input): each goes to its token's partition. */
export function seriesEndInputs(ends: ReadonlyMap<string, number>, knownAt: number): SeriesEnd[] {
  return [...ends].map(([key, end]) => {
    const byPool = key.startsWith('pool:');
    return { kind: 'series_end', knownAt, mint: byPool ? null : key, pool: byPool ? key.slice(5) : null, source: 'file', ts: end };
  });
}

/**
 * Replay over the bus: publishes the inputs (start, batches, end to every partition), and merges the
 * signal lines the workers publish into one log, until every partition has reported the end of input.
 * Lines arrive in partition order, not in one global order; each token's lines keep their order.
 */
export async function replayOverBus(batches: AsyncIterable<readonly Input[]> | Iterable<readonly Input[]>, o: BusReplayOptions): Promise<BusReplayResult> {
  const { bus, cfg } = o;
  const run = newRunId();
  const follower = await bus.followSignals('new');
  const log: JsonlWriter | null = o.logPath ? openJsonlLog(o.logPath, { mode: o.logPath === '-' ? 'append' : 'replace', types: new Set(cfg.log.types) }) : null;
  const acc = newSummaryAcc();
  const seen = new Set<string>();
  const ended = new Map<number, PartitionFigures>();
  let heardAt = Date.now();
  const note = setInterval(() => {
    if (Date.now() - heardAt < (o.waitNoteMs ?? 10_000)) return;
    const missing = Array.from({ length: bus.partitions }, (_, k) => k).filter((k) => !ended.has(k));
    o.warn?.(`waiting for the workers of partition${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (start: pump-scanner worker --bus <url> --partition <k> --partitions ${bus.partitions})`);
    heardAt = Date.now();
  }, 1000);
  note.unref();
  const merged = (async () => {
    for await (const m of follower) {
      if (m.run !== run) continue;
      heardAt = Date.now();
      if (m.kind === 'end') {
        ended.set(m.partition, m.figures);
        if (ended.size === bus.partitions) break;
        continue;
      }
      // The stream drops repeats within its duplicate window; this catches any older repeat.
      if (seen.has(m.line.id)) continue;
      seen.add(m.line.id);
      addToSummary(acc, m.line, cfg.signals.confirmation.minChangePct);
      log?.write(m.line);
      o.onLine?.(m.line);
    }
  })();
  let inputs = 0;
  try {
    const publisher = bus.inputPublisher(run, runSettingsOf(cfg));
    await publisher.start();
    let lastKnownAt = 0;
    let ends = o.seriesEnds && o.seriesEnds.size > 0 ? o.seriesEnds : null;
    for await (const batch of batches) {
      for (const x of batch) {
        if (x.kind !== 'tick' && x.kind !== 'watermark') inputs += 1;
        if (x.knownAt > lastKnownAt) lastKnownAt = x.knownAt;
      }
      if (ends && batch.length > 0) {
        await publisher.publish(seriesEndInputs(ends, batch[0].knownAt));
        ends = null;
      }
      await publisher.publish(batch);
      o.onProgress?.(inputs);
    }
    await publisher.end(lastKnownAt);
    await merged;
  } catch (err) {
    log?.abort();
    throw err;
  } finally {
    clearInterval(note);
    await follower.stop();
  }
  log?.close();
  const summary = finishSummary(acc, inputs);
  for (const f of ended.values()) {
    summary.tokens += f.tokens;
    summary.windows4h += f.windows4h;
    summary.windowsUp += f.windowsUp;
    summary.tokensWith5m += f.tokensWith5m ?? 0;
    summary.windowsOpenAtEnd += f.windowsOpenAtEnd ?? 0;
  }
  return { run, summary, logLines: log?.lines ?? 0, inputs };
}
