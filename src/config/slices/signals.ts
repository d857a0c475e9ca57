import type { SchemaSlice } from '../spec.js';

export const signalsSlice: SchemaSlice = {
  'signals.ignition.minChangePct': {
    type: 'number', min: 0, max: 1000,
    description: 'Ignition: forming 4h candle change from the window open, percent (default 2)',
  },
  'signals.ignition.volumeMultiple': {
    type: 'number', min: 0, max: 1000,
    description: 'Ignition: current 5m volume must exceed this multiple of its SMA (default 3)',
  },
  'signals.ignition.volumeSmaBars': {
    type: 'integer', min: 1, max: 500,
    description: 'Ignition: closed 5m candles in the volume SMA; empty intervals count as zero (default 20)',
  },
  'signals.confirmation.minChangePct': {
    type: 'number', min: 0, max: 10000,
    description: 'Confirmation: closed 4h candle (close-open)/open, percent (default 10)',
  },
  'signals.nearMiss.enabled': {
    type: 'boolean',
    description: 'Log near-miss ignitions (conditions within the margins below) as `near_miss` lines',
  },
  'signals.nearMiss.changeMarginPct': {
    type: 'number', min: 0, max: 100,
    description: 'Near miss: percentage points under the ignition change threshold still reported (default 0.5)',
  },
  'signals.nearMiss.volumeMarginRatio': {
    type: 'number', min: 0, max: 1,
    description: 'Near miss: fraction under the volume multiple still reported, 0.2 = 20% (default 0.2)',
  },
  'signals.cooldownMs': {
    type: 'integer', min: 0,
    description: 'Per token and kind: minimum ms between two emitted signals (default 0 = one per 4h window)',
  },
};

export const riskSlice: SchemaSlice = {
  'risk.atrPeriod': { type: 'integer', min: 1, max: 200, description: 'ATR period on closed 4h candles, Wilder smoothing (default 14)' },
  'risk.stopMode': {
    type: 'enum', values: ['atr', 'candle_low'],
    description: 'Stop rule: `atr` = entry - k x ATR; `candle_low` = signal-candle low - k x ATR (default atr)',
  },
  'risk.stopAtrMultiple': { type: 'number', min: 0, max: 100, description: 'k for stopMode atr (default 1.5)' },
  'risk.candleLowAtrMultiple': { type: 'number', min: 0, max: 100, description: 'k for stopMode candle_low (default 0.5)' },
  'risk.targetsR': {
    type: 'number[]', min: 0, minItems: 3, maxItems: 3,
    description: 'TP1, TP2, TP3 as multiples of R = entry - stop (default 1.5,3,5)',
  },
  'risk.breakevenAfterTp1': { type: 'boolean', description: 'Move the stop to entry once TP1 is reached (default true)' },
  'risk.horizonMs': { type: 'integer', min: 60000, description: 'Outcome tracking horizon, ms; TIMEOUT after it (default 86400000 = 24h)' },
};

export const inputSlice: SchemaSlice = {
  'input.maxFutureSkewMs': {
    type: 'integer', min: 0,
    description: 'Inputs whose event time is more than this ahead of the clock are dropped as invalid (default 120000)',
  },
  'input.maxPriceUsd': { type: 'number', min: 0, description: 'Prices above this are dropped as invalid, USD (default 1000000)' },
  'input.maxVolumeUsd': { type: 'number', min: 0, description: 'Single-input volumes above this are dropped as invalid, USD (default 1e10)' },
  'input.minTradeUsd': {
    type: 'number', min: 0,
    description: 'Trades worth less than this never set open/high/low: dropped as invalid dust, USD (default 1; 0 = off)',
  },
  'input.maxTradePriceRatio': {
    type: 'number', min: 0,
    description: 'A trade smaller than the token\'s recent median trade and priced above this multiple of its recent median price, or below median / it, is dropped as invalid (default 5; 0 = off)',
  },
  'input.tradeMedianCount': { type: 'integer', min: 1, max: 1000, description: 'Recent trades of a token the median price is taken over (default 15)' },
  'input.tradeMedianMinCount': {
    type: 'integer', min: 1, max: 1000,
    description: 'Fewer recent trades than this and a trade is not checked against the median (default 3)',
  },
  'input.tradeMedianMaxAgeMs': {
    type: 'integer', min: 1000,
    description: 'Trades older than this before the current one leave the median, ms (default 3600000 = 1h)',
  },
  'input.lateToleranceMs': {
    type: 'integer', min: 0,
    description: 'The clock closes a bucket this long after its end, so polled data can still arrive; a watermark closes it at once (default 0; scan preset 900000)',
  },
};
