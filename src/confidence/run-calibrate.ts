import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScanEvent } from '../domain/index.js';
import { CalibrationError, type Calibration } from './calibration.js';
import type { ConfidenceConfig } from './config.js';
import { fitCalibration } from './fit.js';
import { fitModelCalibration } from './fit-model.js';
import { DEFAULT_MODEL_SPEC } from './model-spec.js';
import { SampleCollector, type SampleSet } from './samples.js';

type Events = Iterable<ScanEvent> | AsyncIterable<ScanEvent>;

/** Reads a JSONL signal log; a line that is not JSON is an error naming the file and line. */
export async function* readLogFile(path: string): AsyncGenerator<ScanEvent> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch (err) {
      throw new CalibrationError('CALIBRATION_INPUT_INVALID', `${path}:${n} is not a JSON line: ${(err as Error).message}`);
    }
    if (e && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string') yield e as ScanEvent;
  }
}

export interface CalibrateOptions {
  cfg: ConfidenceConfig;
  /** Outcome horizon, ms (risk.horizonMs). */
  horizonMs: number;
  /** Already produced events (a replay's stream) ... */
  events?: Events[];
  /** ... and/or JSONL signal logs of recorded sessions or earlier replays ... */
  logFiles?: string[];
  /** ... and/or a replay of input files, run here (the CLI passes its runReplay). */
  replay?: () => Events | Promise<Events>;
  /** Where to write the calibration JSON; nothing is written when absent. */
  out?: string;
  /** Text saved as the file's `source`. */
  source: string;
}

export interface CalibrateResult {
  calibration: Calibration;
  samples: SampleSet;
}

/**
 * The `calibrate` command's core: gathers labelled signals from events, logs and/or a replay, fits the
 * isotonic curves over the weighted score (confidence.model = weights, the default) or a logistic score
 * model and curves over its out-of-fold scores (logistic), with a purged time split, and writes the file. Throws CalibrationError (too few
 * samples, bad log line) without writing anything.
 */
export async function runCalibrate(opts: CalibrateOptions): Promise<CalibrateResult> {
  const collector = new SampleCollector(opts.cfg.successAt as 'TP1');
  for (const events of opts.events ?? []) for await (const e of events) collector.add(e);
  for (const file of opts.logFiles ?? []) for await (const e of readLogFile(file)) collector.add(e);
  if (opts.replay) for await (const e of await opts.replay()) collector.add(e);
  const samples = collector.result();
  const fitOpts = { horizonMs: opts.horizonMs, source: opts.source };
  // `weights`: curves over the weighted score (version 1); `logistic`: a score model on the logged features (version 2).
  const calibration = opts.cfg.model === 'logistic'
    ? fitModelCalibration(samples.samples, opts.cfg, fitOpts, DEFAULT_MODEL_SPEC)
    : fitCalibration(samples.samples, opts.cfg, fitOpts);
  if (opts.out) {
    await mkdir(dirname(opts.out), { recursive: true });
    await writeFile(opts.out, JSON.stringify(calibration, null, 2) + '\n');
  }
  return { calibration, samples };
}
