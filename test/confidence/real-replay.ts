// Test helper: the real series of ../shared/data that the shipped calibration was fitted on, replayed
// through the engine with this module's confidence.
import { resolve } from 'node:path';
import type { Config } from '../../src/config/index.js';
import { confidenceFor, type Calibration } from '../../src/confidence/index.js';
import type { Input, ScanEvent } from '../../src/domain/index.js';
import { openReplayInputs } from '../../src/sources/recorded/index.js';
import { replayBatches } from '../../src/run/replay.js';
import { seriesEndsOf } from '../../src/run/series-end.js';
import { DATA } from './real-data.js';

/**
 * The inputs of the documented calibration command, read through the production readers:
 *   pump-scanner calibrate --input <gt>/docs/TROLL_2 --input <gt>/specs/QA/ohlcv_data_2.csv \
 *     --input <gt>/CASE_STUDY/ohlcv_data_2025_10_05.csv --out config/calibration.json
 * (every pool of the collector files at its finest timeframe: the CBRL, H59 and Butterfly 1m series,
 * the other pools' 1h series, and the 85 TROLL_2 1h files).
 */
export const CALIBRATION_INPUTS = ['docs/TROLL_2', 'specs/QA/ohlcv_data_2.csv', 'CASE_STUDY/ohlcv_data_2025_10_05.csv'];

/** End of each token's own data in those files, as the calibrate command passes it (replay.windowEnd: series). */
export let realSeriesEnds: ReadonlyMap<string, number> | null = null;

/** Every input of the calibration command, in knownAt order. */
export async function realInputs(): Promise<Input[]> {
  const inputs = await openReplayInputs(CALIBRATION_INPUTS.map((p) => resolve(DATA, p)));
  realSeriesEnds = seriesEndsOf(inputs.series, 'series');
  const all: Input[] = [];
  for await (const b of inputs.batches()) all.push(...b);
  return all;
}

function* batches(inputs: readonly Input[], size = 4096): Iterable<Input[]> {
  for (let i = 0; i < inputs.length; i += size) yield inputs.slice(i, i + size);
}

/** Replays inputs through the engine with raw-score confidence (and the calibration, when given). */
export async function replayReal(cfg: Config, inputs: readonly Input[], cal: Calibration | null = null): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  await replayBatches(batches(inputs), {
    cfg, logPath: null, seriesEnds: realSeriesEnds, confidence: (ctx) => confidenceFor(ctx, cfg.confidence, cal), onEvent: (e) => events.push(e),
  });
  return events;
}
