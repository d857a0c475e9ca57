import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../config/index.js';
import type { Confidence, SignalContext } from '../domain/index.js';
import { calibratedP, loadCalibration, type Calibration } from './calibration.js';
import type { ConfidenceConfig } from './config.js';
import { computeFeatures } from './features.js';
import { rawScore } from './score.js';
import { modelScore } from './model.js';
import { WEIGHTED_FEATURE_NAMES } from './config.js';
import { markPureConfidence } from './pure.js';

// What a replay or scan needs of confidence, apart from the index: the fitting modules (calibrate, report)
// are not loaded at their start-up.

/** Features, raw score and (with a calibration) the probability of success of one signal. */
export function confidenceFor(ctx: SignalContext, cfg: ConfidenceConfig, cal: Calibration | null): Confidence {
  return scored(ctx, cfg, cal, usedFeatures(cfg, cal));
}

/**
 * What p rests on: the model's features, or the weighted ones (weight > 0); reported-only ones do not count.
 * It depends on the configuration and the calibration only: a hook works it out once.
 */
function usedFeatures(cfg: ConfidenceConfig, cal: Calibration | null): readonly string[] {
  return cal?.model ? cal.model.features : WEIGHTED_FEATURE_NAMES.filter((k) => cfg.weights[k] > 0);
}

function scored(ctx: SignalContext, cfg: ConfidenceConfig, cal: Calibration | null, used: readonly string[]): Confidence {
  const features = computeFeatures(ctx, cfg);
  // A version-2 file scores with its own model; otherwise the weighted mean of `confidence.weights`.
  const model = cal?.model ?? null;
  const score = model ? modelScore(model.models, ctx.kind, features) : rawScore(features, cfg);
  const p = calibratedP(score, cal, ctx.kind);
  const values = features as Record<string, number | null | undefined>;
  let featuresPresent = 0;
  for (let i = 0; i < used.length; i++) {
    const v = values[used[i]];
    if (v !== null && v !== undefined && Number.isFinite(v)) featuresPresent++;
  }
  return { score, p, calibrated: p !== null, features, featuresPresent, featuresTotal: used.length };
}

/**
 * The calibration named by `confidence.calibrationPath`: null when the path is empty (raw score only); a
 * relative path is looked up from the working directory, then from the package root (where the shipped
 * config/calibration.json lives). A missing or invalid file is a CalibrationError naming it.
 */
export function calibrationFromConfig(cfg: ConfidenceConfig, cwd = process.cwd()): Calibration | null {
  const p = cfg.calibrationPath.trim();
  if (p === '') return null;
  if (isAbsolute(p)) return loadCalibration(p);
  const local = resolve(cwd, p);
  return loadCalibration(existsSync(local) ? local : resolve(PACKAGE_ROOT, p));
}

/**
 * The engine's confidence hook: `replayBatches(..., { confidence: confidenceHook(cfg.confidence, cal) })`. It is
 * pure (pure.ts): the engine's warm-up may call it.
 */
export function confidenceHook(cfg: ConfidenceConfig, cal: Calibration | null): (ctx: SignalContext) => Confidence {
  const used = usedFeatures(cfg, cal);
  return markPureConfidence((ctx) => scored(ctx, cfg, cal, used));
}
