import type { SchemaSlice } from '../spec.js';

// Weights are relative: the raw score is the weighted mean of the available features' normalised
// values, so only ratios between weights matter and a zero weight switches a feature off.
const weight = (name: string, dflt: number): SchemaSlice[string] => ({
  type: 'number', min: 0, max: 100,
  description: `Raw-score weight of the ${name} feature, relative (default ${dflt})`,
});

export const confidenceSlice: SchemaSlice = {
  'confidence.calibrationPath': {
    type: 'string',
    description: 'Calibration file read at start (a score model and isotonic curves, or curves over the weighted score); empty = weighted score only (default config/calibration.json)',
  },
  'confidence.model': {
    type: 'enum', values: ['logistic', 'weights'],
    description: 'What calibrate fits: weights = isotonic over the weighted-mean score (file version 1); logistic = a logistic score model on the features + isotonic on its out-of-fold scores (version 2) (default weights)',
  },
  'confidence.weights.volumeZ': weight('4h volume z-score', 3),
  'confidence.weights.rsi': weight('RSI of closed 4h closes', 1),
  'confidence.weights.smaSlope': weight('short 4h SMA slope', 1),
  'confidence.weights.atrPercentile': weight('ATR percentile (volatility regime)', 1),
  'confidence.weights.buyShare': weight('order-flow buy share', 2),
  'confidence.weights.crossPoolDeviation': weight('cross-pool price agreement', 1),
  'confidence.weights.liquidityToVolume': weight('liquidity / 24h volume', 1),
  // Reported in every signal's features but not scored until a calibration on tapped sessions weighs them.
  'confidence.weights.uniqueTraders': weight('distinct traders in the 4h window (chain tap)', 0),
  'confidence.weights.creatorSellUsd': weight('USD the token creator sold since first seen (chain tap)', 0),
  'confidence.weights.launchSlotBuyShare': weight('share of buying done in the creation slot, snipers (chain tap)', 0),
  'confidence.weights.holderConcentration': weight('share of supply in the largest holders, pools and curves left out (getTokenLargestAccounts)', 0),
  'confidence.volumeLookbackBars': { type: 'integer', min: 2, max: 500, description: 'Closed 4h bars in the volume z-score mean and deviation (default 30)' },
  'confidence.rsiPeriod': { type: 'integer', min: 2, max: 200, description: 'RSI period on closed 4h closes, Wilder smoothing (default 14)' },
  'confidence.smaBars': { type: 'integer', min: 2, max: 100, description: 'Closed 4h bars in the short SMA whose slope is a feature (default 5)' },
  'confidence.atrPercentileLookback': { type: 'integer', min: 2, max: 500, description: 'ATR history values the current ATR is ranked against (default 60)' },
  'confidence.successAt': {
    type: 'enum', values: ['TP1', 'TP2', 'TP3'],
    description: 'Label: a signal succeeded when its outcome reached this target or higher before the stop (default TP1)',
  },
  'confidence.trainFraction': { type: 'number', min: 0.1, max: 0.95, description: 'Share of samples (in time order) in the fit period; the rest is held out (default 0.7)' },
  'confidence.purgeGapMs': { type: 'integer', min: 0, description: 'Gap dropped between fit and held-out periods, ms; at least the outcome horizon (default 86400000)' },
  'confidence.minSamples': { type: 'integer', min: 2, description: 'Fit-period samples required to fit a curve; fewer refuses (default 40)' },
  'confidence.minHeldOutSamples': { type: 'integer', min: 1, description: 'Held-out samples required to report metrics; fewer refuses (default 20)' },
  'confidence.minStepSamples': { type: 'integer', min: 1, description: 'Calibration steps with fewer fit samples merge into a neighbour (default 10)' },
  'confidence.bins': { type: 'integer', min: 2, max: 100, description: 'Equal-width probability bins of the reliability table and ECE (default 10)' },
};
