// The score model of a version-2 calibration file: a logistic regression on the logged features, one
// per signal kind when that kind had enough fit samples (else the pooled one, which also reads the kind).
// The score is 100 × the model's probability: it ranks signals; the isotonic curve on top gives p.
import type { SignalKind } from '../domain/index.js';
import type { Sample } from './fit.js';
import { rocAuc } from './metrics.js';
import { fitLogistic, predictLogistic, type FeatureRow, type LogisticModel, type LogisticSpec } from './logistic.js';

const isValue = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The features a fitted set reads (the kind indicator aside), in the order of the spec's first model. */
export function modelFeatures(set: ModelSet): string[] {
  return [...new Set(Object.values(set).flatMap((m) => (m ? m.terms.map((t) => t.name) : [])))].filter((n) => n !== KIND_FEATURE);
}

/** The kind as a feature of the pooled model (1 = ignition). */
export const KIND_FEATURE = 'kindIgnition';

/** What to fit: the features (with transforms), the L2 penalty, and whether kinds get their own model. */
export interface ModelSpec {
  features: LogisticSpec[];
  l2: number;
  perKind: boolean;
  /** A kind gets its own model only with at least this many fit samples (else the pooled one). */
  minKindSamples: number;
  /**
   * Keep only the `screen` features that rank the fit samples best on their own (largest |AUC - 0.5|,
   * present in at least half of them), chosen again on every training set. Absent: keep all.
   */
  screen?: number;
}

/** The `n` features of `specs` that best rank `samples` on their own (see ModelSpec.screen). */
export function screenFeatures(samples: readonly Sample[], specs: readonly LogisticSpec[], n: number): LogisticSpec[] {
  const scored = specs.map((f) => {
    const have = samples.filter((s) => typeof s.features?.[f.name] === 'number' && Number.isFinite(s.features[f.name]));
    const auc = have.length * 2 >= samples.length ? rocAuc(have.map((s) => ({ score: s.features![f.name]!, y: s.label }))) : null;
    return { f, strength: auc === null ? -1 : Math.abs(auc - 0.5) };
  });
  return scored.filter((x) => x.strength >= 0).sort((a, b) => b.strength - a.strength).slice(0, n).map((x) => x.f);
}

export type ModelSet = { all: LogisticModel } & Partial<Record<SignalKind, LogisticModel>>;

/** A sample's features as a model row, with the kind indicator. */
export function rowOf(features: Readonly<Record<string, number | null>> | undefined, kind: SignalKind): FeatureRow {
  return { ...(features ?? {}), [KIND_FEATURE]: kind === 'ignition' ? 1 : 0 };
}

function fitOn(samples: readonly Sample[], specs: readonly LogisticSpec[], l2: number): LogisticModel {
  return fitLogistic(samples.map((s) => rowOf(s.features, s.kind)), samples.map((s) => s.label), specs, l2);
}

/** Fits the pooled model (with the kind as a feature) and, when asked and possible, one per kind. */
export function fitModelSet(samples: readonly Sample[], spec: ModelSpec): ModelSet {
  // A feature no training signal carried (trade flow on candle files, say) cannot be learned: left out.
  spec = { ...spec, features: spec.features.filter((f) => samples.some((s) => isValue(s.features?.[f.name]))) };
  if (spec.screen !== undefined) spec = { ...spec, features: screenFeatures(samples, spec.features, spec.screen), screen: undefined };
  const kinds = new Set(samples.map((s) => s.kind));
  const pooledSpecs = kinds.size > 1 ? [...spec.features, { name: KIND_FEATURE }] : spec.features;
  const set: ModelSet = { all: fitOn(samples, pooledSpecs, spec.l2) };
  if (spec.perKind) {
    for (const kind of ['ignition', 'confirmation'] as const) {
      const ofKind = samples.filter((s) => s.kind === kind);
      const pos = ofKind.reduce((n, s) => n + s.label, 0);
      if (ofKind.length >= spec.minKindSamples && pos > 0 && pos < ofKind.length) set[kind] = fitOn(ofKind, spec.features, spec.l2);
    }
  }
  return set;
}

/** Score 0..100 of one signal: 100 × the probability of its kind's model (else the pooled model). */
export function modelScore(set: ModelSet, kind: SignalKind, features: Readonly<Record<string, number | null>> | undefined): number {
  const own = kind === 'ignition' ? set.ignition : kind === 'confirmation' ? set.confirmation : undefined;
  return 100 * predictLogistic(own ?? set.all, rowOf(features, kind));
}
