/** A probability forecast and its outcome (1 = success). */
export interface Forecast {
  p: number;
  y: 0 | 1;
}

/** One equal-width bin of predicted probability. */
export interface ReliabilityBin {
  /** Bin range of predicted probability, [lo, hi) (the last bin includes 1). */
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability and observed success rate in the bin; null when empty. */
  meanP: number | null;
  observed: number | null;
}

/** Predictions are clipped to [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS] in log loss so a 0 or 1 step stays finite. */
export const LOG_LOSS_EPS = 1e-3;

/** Mean squared error of the probabilities; null when empty. */
export function brierScore(fs: readonly Forecast[]): number | null {
  if (fs.length === 0) return null;
  let s = 0;
  for (const f of fs) s += (f.p - f.y) ** 2;
  return s / fs.length;
}

/** Mean negative log-likelihood (natural log), with clipping by LOG_LOSS_EPS; null when empty. */
export function logLoss(fs: readonly Forecast[]): number | null {
  if (fs.length === 0) return null;
  let s = 0;
  for (const f of fs) {
    const p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, f.p));
    s -= f.y === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / fs.length;
}

/** Reliability table with `bins` equal-width bins over [0, 1]. */
export function reliabilityTable(fs: readonly Forecast[], bins: number): ReliabilityBin[] {
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
  for (const f of fs) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor(f.p * bins)));
    acc[i].n += 1;
    acc[i].p += f.p;
    acc[i].y += f.y;
  }
  return acc.map((a, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    count: a.n,
    meanP: a.n ? a.p / a.n : null,
    observed: a.n ? a.y / a.n : null,
  }));
}

/** Expected calibration error: sum over bins of (bin share) x |mean predicted - observed rate|. */
export function expectedCalibrationError(fs: readonly Forecast[], bins: number): number | null {
  if (fs.length === 0) return null;
  let s = 0;
  for (const b of reliabilityTable(fs, bins)) {
    if (b.count > 0) s += (b.count / fs.length) * Math.abs(b.meanP! - b.observed!);
  }
  return s;
}

/** The four headline numbers of a set of forecasts. */
export interface ForecastMetrics {
  count: number;
  /** Observed success rate. */
  baseRate: number | null;
  brier: number | null;
  logLoss: number | null;
  ece: number | null;
  reliability: ReliabilityBin[];
}

export function forecastMetrics(fs: readonly Forecast[], bins: number): ForecastMetrics {
  const pos = fs.reduce((s, f) => s + f.y, 0);
  return {
    count: fs.length,
    baseRate: fs.length ? pos / fs.length : null,
    brier: brierScore(fs),
    logLoss: logLoss(fs),
    ece: expectedCalibrationError(fs, bins),
    reliability: reliabilityTable(fs, bins),
  };
}

/**
 * Area under the ROC curve of a score against outcomes: the chance that a random success scores above a
 * random failure, ties counting half (Mann-Whitney). Null without both a success and a failure.
 */
export function rocAuc(items: ReadonlyArray<{ score: number; y: 0 | 1 }>): number | null {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].score === sorted[i].score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k].y === 1) {
        pos++;
        rankSumPos += midRank;
      } else neg++;
    }
    i = j;
  }
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
