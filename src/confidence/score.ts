import { WEIGHTED_FEATURE_NAMES, type ConfidenceConfig, type WeightedFeatureName } from './config.js';

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Maps each feature to 0..1, where higher is read as "more likely to run". The maps are fixed so a score
 * means the same thing across runs; calibration turns the score into a probability, so only their order
 * matters for the calibrated output.
 */
export const NORMALISERS: Record<WeightedFeatureName, (v: number) => number> = {
  volumeZ: (z) => logistic(z),
  rsi: (r) => r / 100,
  smaSlope: (pct) => logistic(pct / 5),
  atrPercentile: (p) => p,
  buyShare: (s) => s,
  crossPoolDeviation: (pct) => Math.exp(-pct / 5),
  liquidityToVolume: (ratio) => 1 / (1 + ratio),
  // Trade-flow features (chain tap): many distinct traders read as organic; a creator selling and buying
  // concentrated in the creation slot (snipers, bundles) read as the opposite.
  uniqueTraders: (n) => 1 - 1 / (1 + n / 50),
  creatorSellUsd: (usd) => 1 / (1 + usd / 1000),
  launchSlotBuyShare: (share) => 1 - share,
  // Supply in a few wallets (pools and curves left out) can be dumped on the buyers: concentration reads as risk.
  holderConcentration: (pct) => 1 - pct / 100,
};

/** NORMALISERS in the order of WEIGHTED_FEATURE_NAMES: read by index, not by a name that changes per feature. */
const NORMALISER_LIST = WEIGHTED_FEATURE_NAMES.map((name) => NORMALISERS[name]);

/**
 * Raw score 0..100: the weighted mean of the normalised values of the features that are present (not
 * null, finite) and have a positive weight; missing ones drop out of both sums, so the score rescales to
 * what is known. Null when no weighted feature is present.
 */
export function rawScore(features: Record<string, number | null>, cfg: ConfidenceConfig): number | null {
  let wsum = 0;
  let vsum = 0;
  for (let i = 0; i < WEIGHTED_FEATURE_NAMES.length; i++) {
    const name = WEIGHTED_FEATURE_NAMES[i];
    const v = features[name];
    const w = cfg.weights[name];
    if (v === null || v === undefined || !Number.isFinite(v) || !(w > 0)) continue;
    const n = Math.min(1, Math.max(0, NORMALISER_LIST[i](v)));
    wsum += w;
    vsum += w * n;
  }
  if (wsum === 0) return null;
  return (100 * vsum) / wsum;
}
