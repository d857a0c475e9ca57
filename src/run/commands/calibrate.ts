import type { Config } from '../../config/load.js';
import { openReplayInputs } from '../../sources/recorded/index.js';
import { runCalibrate } from '../../confidence/index.js';
import { replayEvents } from './replay.js';
import { UsageError } from './usage.js';
import { seriesEndsOf } from '../series-end.js';

export interface CalibrateCommandOptions {
  cfg: Config;
  /** Recorded market data to replay (files or folders). */
  inputs: string[];
  /** JSONL signal logs of earlier replays or live sessions. */
  logs: string[];
  out: string;
  print: (s: string) => void;
}

/**
 * `pump-scanner calibrate`: labels signals by their outcomes (replayed here and/or read from logs),
 * fits isotonic regression on the earlier period, evaluates it on the later one after a purge gap,
 * and writes the calibration file that `scan` and `replay` load via confidence.calibrationPath.
 */
export async function runCalibrateCommand(o: CalibrateCommandOptions): Promise<void> {
  if (o.inputs.length === 0 && o.logs.length === 0) throw new UsageError('calibrate needs --input <data> and/or --from-log <jsonl>');
  const inputs = o.inputs.length ? await openReplayInputs(o.inputs) : null;
  const result = await runCalibrate({
    cfg: o.cfg.confidence,
    horizonMs: o.cfg.risk.horizonMs,
    logFiles: o.logs,
    replay: inputs ? () => replayEvents(() => inputs.batches(), o.cfg, seriesEndsOf(inputs.series, o.cfg.replay.windowEnd)) : undefined,
    out: o.out,
    source: [...o.inputs, ...o.logs].join(', '),
  });
  type Scores = { count: number; brier: number; logLoss: number; ece: number };
  const held = (result.calibration.metrics as unknown as { heldOut: { raw: Scores; calibrated: Scores; baseRate: Scores } }).heldOut;
  const f = (x: number) => x.toFixed(4);
  o.print(`calibration written to ${o.out} (${result.samples.samples.length} labelled signals)`);
  o.print(`held-out period: ${held.raw.count} signals`);
  o.print(`  raw score     Brier ${f(held.raw.brier)}  log loss ${f(held.raw.logLoss)}  ECE ${f(held.raw.ece)}`);
  o.print(`  calibrated    Brier ${f(held.calibrated.brier)}  log loss ${f(held.calibrated.logLoss)}  ECE ${f(held.calibrated.ece)}`);
  o.print(`  base rate     Brier ${f(held.baseRate.brier)}  log loss ${f(held.baseRate.logLoss)}  ECE ${f(held.baseRate.ece)}`);
  const cal = result.calibration;
  const a = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));
  if (cal.model) {
    o.print(`  model score   AUC ${a(cal.heldOutAuc?.score)} held out; ${a(cal.model.cv.auc)} in ${cal.model.cv.folds}-fold time-ordered CV of the fit period (logged score ${a(cal.model.cv.aucLoggedScore)})`);
  }
  o.print(`use it with: --set confidence.calibrationPath=${o.out}`);
}
