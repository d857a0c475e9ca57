// L2-penalised logistic regression by iteratively reweighted least squares (Newton's method), written
// here. Features are winsorised at fit-sample quantiles, optionally log-transformed, and standardised;
// a missing value becomes the mean (z = 0) plus a 0/1 "missing" indicator with its own coefficient, so
// a model stays usable when a source is absent. The intercept is not penalised.

/** How a raw feature value is mapped before standardising. */
export type FeatureTransform = 'none' | 'log1p' | 'logReturn';

/** One input of a fitted model: its transform, winsor limits, standardisation and coefficients. */
export interface ModelTerm {
  name: string;
  transform: FeatureTransform;
  /** Winsor limits on the transformed value (fit-sample quantiles). */
  lo: number;
  hi: number;
  mean: number;
  sd: number;
  /** Coefficient per standard deviation of the transformed value. */
  coef: number;
  /** Coefficient of the "value missing" indicator; null when the fit sample never missed it. */
  missingCoef: number | null;
}

export interface LogisticModel {
  intercept: number;
  terms: ModelTerm[];
  /** L2 penalty the model was fitted with (on standardised coefficients). */
  l2: number;
}

export type FeatureRow = Readonly<Record<string, number | null | undefined>>;

import { solveLinear } from './linear-solve.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function transformValue(v: number, t: FeatureTransform): number {
  if (t === 'log1p') return Math.log1p(Math.max(0, v));
  if (t === 'logReturn') return Math.log(Math.max(1e-6, 1 + v / 100));
  return v;
}

const present = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/** The design row of one sample: standardised values, then the missing indicators in use. */
function designRow(row: FeatureRow, terms: readonly Omit<ModelTerm, 'coef' | 'missingCoef'>[], withMissing: readonly boolean[]): number[] {
  const x: number[] = [1];
  const miss: number[] = [];
  terms.forEach((t, j) => {
    const v = row[t.name];
    if (present(v)) {
      const c = Math.min(t.hi, Math.max(t.lo, transformValue(v, t.transform)));
      x.push(t.sd > 0 ? (c - t.mean) / t.sd : 0);
      if (withMissing[j]) miss.push(0);
    } else {
      x.push(0);
      if (withMissing[j]) miss.push(1);
    }
  });
  return x.concat(miss);
}

export interface LogisticSpec {
  name: string;
  transform?: FeatureTransform;
}

/**
 * Fits P(y = 1 | x) = sigmoid(intercept + Σ coef·z + Σ missingCoef·missing) by IRLS with penalty
 * l2·Σβ² on every coefficient but the intercept. Winsor limits are the `winsor` and 1 - `winsor`
 * quantiles of each transformed feature in the sample.
 */
export function fitLogistic(rows: readonly FeatureRow[], y: readonly (0 | 1)[], specs: readonly LogisticSpec[], l2: number, winsor = 0.01, iterations = 50): LogisticModel {
  const base = specs.map((s) => {
    const t = s.transform ?? 'none';
    const vals = rows.map((r) => r[s.name]).filter(present).map((v) => transformValue(v, t)).sort((a, b) => a - b);
    if (vals.length === 0) return { name: s.name, transform: t, lo: 0, hi: 0, mean: 0, sd: 0 };
    const lo = quantile(vals, winsor);
    const hi = quantile(vals, 1 - winsor);
    const clipped = vals.map((v) => Math.min(hi, Math.max(lo, v)));
    const mean = clipped.reduce((s2, v) => s2 + v, 0) / clipped.length;
    const sd = Math.sqrt(clipped.reduce((s2, v) => s2 + (v - mean) ** 2, 0) / clipped.length);
    return { name: s.name, transform: t, lo, hi, mean, sd };
  });
  // An indicator only when the sample has both missing and present values of the feature.
  const withMissing = specs.map((s) => {
    const n = rows.filter((r) => present(r[s.name])).length;
    return n > 0 && n < rows.length;
  });
  const X = rows.map((r) => designRow(r, base, withMissing));
  const k = X[0]?.length ?? 1 + specs.length;
  let beta = new Array<number>(k).fill(0);
  const rate = y.reduce<number>((s, v) => s + v, 0) / Math.max(1, y.length);
  beta[0] = Math.log(Math.max(1e-6, rate) / Math.max(1e-6, 1 - rate));
  for (let it = 0; it < iterations; it++) {
    const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const g = new Array<number>(k).fill(0);
    X.forEach((x, i) => {
      const p = sigmoid(x.reduce((s, v, j) => s + v * beta[j], 0));
      const w = Math.max(1e-9, p * (1 - p));
      for (let a = 0; a < k; a++) {
        g[a] += (y[i] - p) * x[a];
        for (let b = 0; b <= a; b++) H[a][b] += w * x[a] * x[b];
      }
    });
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) H[b][a] = H[a][b];
      if (a > 0) {
        H[a][a] += 2 * l2;
        g[a] -= 2 * l2 * beta[a];
      }
    }
    const step = solveLinear(H, g);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  let m = 1 + specs.length;
  const terms: ModelTerm[] = base.map((t, j) => ({ ...t, coef: beta[1 + j], missingCoef: withMissing[j] ? beta[m++] : null }));
  return { intercept: beta[0], terms, l2 };
}

/** The model's linear predictor (log-odds) for one row of features. */
export function logOdds(model: LogisticModel, row: FeatureRow): number {
  let z = model.intercept;
  for (const t of model.terms) {
    const v = row[t.name];
    if (present(v)) {
      const c = Math.min(t.hi, Math.max(t.lo, transformValue(v, t.transform)));
      z += t.sd > 0 ? (t.coef * (c - t.mean)) / t.sd : 0;
    } else if (t.missingCoef !== null) z += t.missingCoef;
  }
  return z;
}

/** The model's probability for one row (before isotonic calibration). */
export function predictLogistic(model: LogisticModel, row: FeatureRow): number {
  return sigmoid(logOdds(model, row));
}
