import type { EpochMs, SignalKind } from '../domain/index.js';
import {
  CalibrationError, calibratedP,
  type Calibration, type CalibrationCurve, type CalibrationMetrics, type SamplePeriod,
} from './calibration.js';
import type { ConfidenceConfig } from './config.js';
import { isotonicFit, mergeSmallBlocks, toStepFunction } from './isotonic.js';
import { forecastMetrics, type Forecast } from './metrics.js';

/** One labelled signal: its raw score at signal time and whether it succeeded. */
export interface Sample {
  /** Signal event time, epoch ms. */
  ts: EpochMs;
  /** Raw score 0..100. */
  score: number;
  label: 0 | 1;
  kind: SignalKind;
  /** When the outcome was decided (ts + durationMs), when known. */
  endTs?: EpochMs;
  /** The signal's logged `confidence.features` (a model file is fitted on these). */
  features?: Readonly<Record<string, number | null>>;
  /** Token key (mint or pool), for reading the samples. */
  token?: string | null;
}

export type FitConfig = Pick<ConfidenceConfig, 'successAt' | 'trainFraction' | 'purgeGapMs' | 'minSamples' | 'minHeldOutSamples' | 'minStepSamples' | 'bins'>;

export interface FitOptions {
  /** Outcome horizon, ms (risk.horizonMs): the purge gap is never shorter. */
  horizonMs: number;
  /** Free text saved in the file (`source`). */
  source: string;
}

/** The time split: fit samples end before the held-out period starts, with a purge gap between. */
export interface TimeSplit {
  fit: Sample[];
  heldOut: Sample[];
  purged: number;
  splitTs: EpochMs;
  gapMs: number;
}

/**
 * Splits samples in time: the last (1 - trainFraction) of them (by signal time) are held out; fit samples
 * must start at least `gap` before the held-out period and, when their outcome time is known, end before
 * it, so no outcome window straddles the split. Samples in the gap are dropped (counted as purged).
 */
export function timeSplit(samples: readonly Sample[], trainFraction: number, gapMs: number): TimeSplit {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts || a.score - b.score);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * trainFraction)));
  const splitTs = sorted.length ? sorted[idx].ts : 0;
  const heldOut = sorted.filter((s) => s.ts >= splitTs);
  const fit = sorted.filter((s) => s.ts < splitTs - gapMs && (s.endTs === undefined || s.endTs < splitTs));
  return { fit, heldOut, purged: sorted.length - heldOut.length - fit.length, splitTs, gapMs };
}

export function period(ss: readonly Sample[]): SamplePeriod {
  return {
    from: ss.length ? Math.min(...ss.map((s) => s.ts)) : null,
    to: ss.length ? Math.max(...ss.map((s) => s.ts)) : null,
    samples: ss.length,
    positives: ss.reduce((n, s) => n + s.label, 0),
  };
}

export function fitCurve(ss: readonly Sample[], minStepSamples: number): CalibrationCurve {
  const blocks = isotonicFit(ss.map((s) => s.score), ss.map((s) => s.label));
  const step = toStepFunction(mergeSmallBlocks(blocks, minStepSamples));
  // An end step with no success (or no failure) would claim certainty from a few dozen signals; it gets
  // the half-count estimate 0.5 / (n + 1) instead. One bound for all steps keeps the curve monotone.
  const n = step.counts.length;
  if (n > 0) {
    const lo = 0.5 / (step.counts[0] + 1);
    const hi = 1 - 0.5 / (step.counts[n - 1] + 1);
    step.values = step.values.map((v) => Math.min(hi, Math.max(lo, v)));
  }
  return { ...step, samples: ss.length, positives: ss.reduce((n, s) => n + s.label, 0) };
}

/** Raw score read as a probability against the calibration, on a set of samples. */
export function evaluate(ss: readonly Sample[], cal: Calibration, bins: number): CalibrationMetrics {
  const raw: Forecast[] = ss.map((s) => ({ p: s.score / 100, y: s.label }));
  const calibrated: Forecast[] = ss.map((s) => ({ p: calibratedP(s.score, cal, s.kind)!, y: s.label }));
  const rate = cal.fit.samples ? cal.fit.positives / cal.fit.samples : 0;
  const constant: Forecast[] = ss.map((s) => ({ p: rate, y: s.label }));
  return { raw: forecastMetrics(raw, bins), calibrated: forecastMetrics(calibrated, bins), baseRate: forecastMetrics(constant, bins) };
}

/**
 * Fits the isotonic calibration on the earlier period and measures it on the later one. Refuses with
 * CALIBRATION_TOO_FEW_SAMPLES rather than writing a meaningless curve.
 */
/** Checks the samples and splits them in time; refuses with CALIBRATION_TOO_FEW_SAMPLES when a period is too small. */
export function checkedSplit(samples: readonly Sample[], cfg: FitConfig, opts: FitOptions): TimeSplit {
  for (const s of samples) {
    if (!Number.isFinite(s.ts) || !Number.isFinite(s.score) || (s.label !== 0 && s.label !== 1)) {
      throw new CalibrationError('CALIBRATION_INPUT_INVALID', `sample at ${s.ts} has a non-finite score or a label other than 0/1`);
    }
  }
  const gapMs = Math.max(cfg.purgeGapMs, opts.horizonMs);
  const split = timeSplit(samples, cfg.trainFraction, gapMs);
  if (split.fit.length < cfg.minSamples || split.heldOut.length < cfg.minHeldOutSamples) {
    throw new CalibrationError(
      'CALIBRATION_TOO_FEW_SAMPLES',
      `too few labelled signals to calibrate: ${split.fit.length} in the fit period (need ${cfg.minSamples}), ` +
        `${split.heldOut.length} held out (need ${cfg.minHeldOutSamples}), ${split.purged} purged, of ${samples.length}`,
    );
  }
  return split;
}

/** The pooled curve, plus a curve per kind that has at least `minSamples` samples. */
export function fitCurves(samples: readonly Sample[], cfg: FitConfig): Calibration['curves'] {
  const curves: Calibration['curves'] = { all: fitCurve(samples, cfg.minStepSamples) };
  for (const kind of ['ignition', 'confirmation'] as const) {
    const ofKind = samples.filter((s) => s.kind === kind);
    if (ofKind.length >= cfg.minSamples) curves[kind] = fitCurve(ofKind, cfg.minStepSamples);
  }
  return curves;
}

export function fitCalibration(samples: readonly Sample[], cfg: FitConfig, opts: FitOptions): Calibration {
  const split = checkedSplit(samples, cfg, opts);
  const gapMs = split.gapMs;
  const curves = fitCurves(split.fit, cfg);
  const cal: Calibration = {
    version: 1,
    method: 'isotonic_pav',
    predict: 'step',
    successAt: cfg.successAt as Calibration['successAt'],
    source: opts.source,
    purgeGapMs: gapMs,
    fit: period(split.fit),
    heldOut: period(split.heldOut),
    curves,
    metrics: { heldOut: { raw: forecastMetrics([], cfg.bins), calibrated: forecastMetrics([], cfg.bins), baseRate: forecastMetrics([], cfg.bins) } },
  };
  cal.metrics.heldOut = evaluate(split.heldOut, cal, cfg.bins);
  for (const kind of ['ignition', 'confirmation'] as const) {
    const ofKind = split.heldOut.filter((s) => s.kind === kind);
    if (ofKind.length > 0) cal.metrics[kind] = evaluate(ofKind, cal, cfg.bins);
  }
  return cal;
}
