import { readFileSync } from 'node:fs';
import type { EpochMs, OutcomeResult, SignalKind } from '../domain/index.js';
import { predictStep, type StepFunction } from './isotonic.js';
import type { ForecastMetrics } from './metrics.js';
import type { ModelSet } from './model.js';
import { checkModel } from './model-check.js';

/**
 * Version written by `calibrate`. Version 2 adds `model` (method `logistic_isotonic`): the score comes
 * from the file's logistic regression on the logged features. Version 1 files (method `isotonic_pav`,
 * the curve over the weighted-mean score of `confidence.weights`) are still read.
 */
export const CALIBRATION_VERSION = 2 as const;
export const CALIBRATION_VERSIONS = [1, 2] as const;

/** The score model of a version-2 file and its cross-validated figures inside the fit period. */
export interface CalibrationModel {
  type: 'logistic_l2';
  /** Features the model reads from `confidence.features` (the kind indicator aside). */
  features: string[];
  models: ModelSet;
  /** Expanding-window cross-validation inside the fit period (with the purge gap): AUC of the score. */
  cv: { folds: number; auc: number | null; aucLoggedScore: number | null };
}

/** One fitted curve: raw score (0..100) -> probability of success, with its fit-sample counts. */
export interface CalibrationCurve extends StepFunction {
  samples: number;
  positives: number;
}

/** A time period of samples (signal event times, epoch ms) and its counts. */
export interface SamplePeriod {
  from: EpochMs | null;
  to: EpochMs | null;
  samples: number;
  positives: number;
}

/** Raw score read as a probability (score / 100) against the calibrated probability, on one sample set. */
export interface CalibrationMetrics {
  raw: ForecastMetrics;
  calibrated: ForecastMetrics;
  /** Reference without skill: every signal given the fit period's success rate. */
  baseRate: ForecastMetrics;
}

/** Content of config/calibration.json. */
export interface Calibration {
  version: (typeof CALIBRATION_VERSIONS)[number];
  /** `isotonic_pav`: curve over the weighted-mean score; `logistic_isotonic`: curve over the model's score. */
  method: 'isotonic_pav' | 'logistic_isotonic';
  /** Prediction rule of the curves (see predictStep). */
  predict: 'step';
  /** A signal counts as a success when its outcome reached this target or higher. */
  successAt: Exclude<OutcomeResult, 'SL' | 'TIMEOUT'>;
  /** Free text: where the samples came from. */
  source: string;
  purgeGapMs: number;
  fit: SamplePeriod;
  heldOut: SamplePeriod;
  /** `all` pools both kinds; a kind-specific curve exists when that kind had enough fit samples. */
  curves: { all: CalibrationCurve } & Partial<Record<SignalKind, CalibrationCurve>>;
  /** Metrics on the held-out period, pooled and by kind. */
  metrics: { heldOut: CalibrationMetrics } & Partial<Record<SignalKind, CalibrationMetrics>>;
  /** Version 2: the score model. */
  model?: CalibrationModel;
  /** Version 2: ranking on the held-out period, of the score and of p. */
  heldOutAuc?: { score: number | null; p: number | null };
}

export class CalibrationError extends Error {
  constructor(
    readonly code: 'CALIBRATION_FILE_INVALID' | 'CALIBRATION_TOO_FEW_SAMPLES' | 'CALIBRATION_INPUT_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'CalibrationError';
  }
}

function checkCurve(c: unknown, where: string, fail: (why: string) => never): void {
  const curve = c as Partial<CalibrationCurve> | null;
  if (!curve || typeof curve !== 'object') fail(`${where} is missing`);
  const { thresholds: t, values: v, counts: n } = curve as CalibrationCurve;
  if (!Array.isArray(t) || !Array.isArray(v) || !Array.isArray(n) || t.length !== v.length || n.length !== v.length) {
    fail(`${where} needs thresholds, values and counts arrays of equal length`);
  }
  if (t.length === 0) fail(`${where} has no steps`);
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i]) || !Number.isFinite(v[i]) || v[i] < 0 || v[i] > 1) fail(`${where} step ${i} is not a finite threshold with a value in 0..1`);
    if (i > 0 && (t[i] <= t[i - 1] || v[i] < v[i - 1])) fail(`${where} is not increasing at step ${i}`);
  }
}

/** Checks parsed JSON is a calibration; throws CalibrationError naming `path` and the problem. */
export function parseCalibration(json: unknown, path: string): Calibration {
  const fail = (why: string): never => {
    throw new CalibrationError('CALIBRATION_FILE_INVALID', `calibration file ${path} is invalid: ${why}`);
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('expected a JSON object');
  const cal = json as Calibration;
  if (!(CALIBRATION_VERSIONS as readonly unknown[]).includes(cal.version)) fail(`unsupported version ${JSON.stringify(cal.version)} (expected ${CALIBRATION_VERSIONS.join(' or ')})`);
  const method = cal.version === 1 ? 'isotonic_pav' : 'logistic_isotonic';
  if (cal.method !== method) fail(`unknown method ${JSON.stringify(cal.method)} for version ${cal.version} (expected ${method})`);
  if (cal.version === 2) checkModel(cal.model, fail);
  else if (cal.model !== undefined) fail('a version 1 file has no model');
  if (!cal.curves || typeof cal.curves !== 'object') fail('curves is missing');
  checkCurve(cal.curves.all, 'curves.all', fail);
  for (const k of ['ignition', 'confirmation'] as const) {
    if (cal.curves[k] !== undefined) checkCurve(cal.curves[k], `curves.${k}`, fail);
  }
  return cal;
}

/** Reads and validates a calibration file; a clear error names the file when it is missing or invalid. */
export function loadCalibration(path: string): Calibration {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CalibrationError('CALIBRATION_FILE_INVALID', `cannot read calibration file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CalibrationError('CALIBRATION_FILE_INVALID', `calibration file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseCalibration(json, path);
}

/** Calibrated probability of success for a raw score, from the kind's curve (else the pooled one). */
export function calibratedP(score: number | null, cal: Calibration | null, kind: SignalKind): number | null {
  if (score === null || !Number.isFinite(score) || !cal) return null;
  // Named reads (not curves[kind]): code compiled after the first kind is not thrown away at the second.
  const own = kind === 'ignition' ? cal.curves.ignition : kind === 'confirmation' ? cal.curves.confirmation : undefined;
  return predictStep(own ?? cal.curves.all, score);
}
