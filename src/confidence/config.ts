import type { Config } from '../config/index.js';

/** The `confidence` config slice (see src/config/slices/confidence.ts for units and defaults). */
export type ConfidenceConfig = Config['confidence'];

/** Features with a `confidence.weights.*` key: the weighted-mean raw score (no model file) reads these. */
export const WEIGHTED_FEATURE_NAMES = [
  'volumeZ',
  'rsi',
  'smaSlope',
  'atrPercentile',
  'buyShare',
  'crossPoolDeviation',
  'liquidityToVolume',
  'uniqueTraders',
  'creatorSellUsd',
  'launchSlotBuyShare',
  'holderConcentration',
] as const;

/**
 * Price and volume shape at decision time (src/confidence/price-features.ts, atr-features.ts). A model file (version 2)
 * weighs them by its coefficients; the weighted-mean score without one does not use them.
 */
export const SHAPE_FEATURE_NAMES = [
  'atrPct',
  'return1',
  'return3',
  'return6',
  'fromHigh',
  'historyBars',
  'volumeTrend',
  'closeLocation',
  'upperWick',
  'rangePct',
  'upBarsInRow',
  'volumeToLiquidity',
  'volume5mRatio',
  'hourUtc',
  'rangeToAtr',
  'recentRangeToAtr',
  'ladderHistory',
  'moveToAtr',
] as const;

/** Names of every feature, in the order they are reported in `confidence.features`. */
export const FEATURE_NAMES = [...WEIGHTED_FEATURE_NAMES, ...SHAPE_FEATURE_NAMES] as const;

export type WeightedFeatureName = (typeof WEIGHTED_FEATURE_NAMES)[number];
export type FeatureName = (typeof FEATURE_NAMES)[number];
