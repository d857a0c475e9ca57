import type { Config } from '../config/index.js';

/** The `confidence` config slice (see src/config/slices/confidence.ts for units and defaults). */
export type ConfidenceConfig = Config['confidence'];

/** Names of the features, in the order they are reported. */
export const FEATURE_NAMES = [
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

export type FeatureName = (typeof FEATURE_NAMES)[number];
