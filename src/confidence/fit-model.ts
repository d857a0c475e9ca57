// Fits a version-2 calibration: a logistic score model on the logged features, and isotonic curves
// over out-of-fold scores, all inside the fit period; the held-out period (after the purge gap) is used
// only to report the figures.
import { calibratedP, type Calibration } from './calibration.js';
import { checkedSplit, evaluate, fitCurves, period, type FitConfig, type FitOptions, type Sample } from './fit.js';
import { expandingFolds, purgedFolds } from './folds.js';
import { rocAuc } from './metrics.js';
import { fitModelSet, modelFeatures, modelScore, type ModelSet, type ModelSpec } from './model.js';

/** Folds of the out-of-fold scores and of the cross-validated figures. */
export const MODEL_FOLDS = 5;

const scoredBy = (set: ModelSet, ss: readonly Sample[]): Sample[] => ss.map((s) => ({ ...s, score: modelScore(set, s.kind, s.features) }));

/** Expanding-window CV AUC of `spec` inside `fit` (validation blocks pooled), and of the score the signals were logged with. */
export function crossValidatedAuc(fit: readonly Sample[], spec: ModelSpec, gapMs: number, k = MODEL_FOLDS): { model: number | null; weighted: number | null } {
  const model: Array<{ score: number; y: 0 | 1 }> = [];
  const weighted: Array<{ score: number; y: 0 | 1 }> = [];
  for (const f of expandingFolds(fit, k, gapMs)) {
    const set = fitModelSet(f.train, spec);
    for (const s of scoredBy(set, f.validate)) model.push({ score: s.score, y: s.label });
    for (const s of f.validate) weighted.push({ score: s.score, y: s.label });
  }
  return { model: rocAuc(model), weighted: rocAuc(weighted) };
}

/**
 * Out-of-fold model scores for every fit sample (purged blocked folds): the isotonic curve is fitted on
 * these, so it learns how the model ranks samples it was not trained on.
 */
export function outOfFoldScores(fit: readonly Sample[], spec: ModelSpec, gapMs: number, k = MODEL_FOLDS): Sample[] {
  const out: Sample[] = [];
  for (const f of purgedFolds(fit, k, gapMs)) {
    if (f.train.length === 0 || !f.train.some((s) => s.label === 1) || f.train.every((s) => s.label === 1)) continue;
    out.push(...scoredBy(fitModelSet(f.train, spec), f.validate));
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/**
 * The `calibrate` command's model fit: time split with purge (the last 1 - trainFraction held out),
 * the model on the whole fit period, curves on its out-of-fold scores, figures on the held-out period.
 * Refuses like fitCalibration (CALIBRATION_TOO_FEW_SAMPLES) and writes nothing itself.
 */
export function fitModelCalibration(samples: readonly Sample[], cfg: FitConfig, opts: FitOptions, spec: ModelSpec): Calibration {
  const split = checkedSplit(samples, cfg, opts);
  const set = fitModelSet(split.fit, spec);
  const oof = outOfFoldScores(split.fit, spec, split.gapMs);
  const curveOn = oof.length >= cfg.minSamples ? oof : scoredBy(set, split.fit);
  const curves = fitCurves(curveOn, cfg);
  const cv = crossValidatedAuc(split.fit, spec, split.gapMs);
  const cal: Calibration = {
    version: 2,
    method: 'logistic_isotonic',
    predict: 'step',
    successAt: cfg.successAt as Calibration['successAt'],
    source: opts.source,
    purgeGapMs: split.gapMs,
    fit: period(split.fit),
    heldOut: period(split.heldOut),
    model: { type: 'logistic_l2', features: modelFeatures(set), models: set, cv: { folds: MODEL_FOLDS, auc: cv.model, aucLoggedScore: cv.weighted } },
    curves,
    metrics: { heldOut: undefined as unknown as Calibration['metrics']['heldOut'] },
  };
  const held = scoredBy(set, split.heldOut);
  cal.metrics.heldOut = evaluate(held, cal, cfg.bins);
  for (const kind of ['ignition', 'confirmation'] as const) {
    const ofKind = held.filter((s) => s.kind === kind);
    if (ofKind.length > 0) cal.metrics[kind] = evaluate(ofKind, cal, cfg.bins);
  }
  cal.heldOutAuc = {
    score: rocAuc(held.map((s) => ({ score: s.score, y: s.label }))),
    p: rocAuc(held.map((s) => ({ score: calibratedP(s.score, cal, s.kind)!, y: s.label }))),
  };
  return cal;
}
