import type { SchemaSlice } from '../spec.js';

// `store.path` lives in the outputs slice; these are the store's own knobs.
export const storeSlice: SchemaSlice = {
  'store.recordInputs': {
    type: 'boolean',
    description: 'Record the normalised inputs of each live session so `replay --session <id>` reproduces it (default true)',
  },
  'store.busyTimeoutMs': {
    type: 'integer', min: 0, max: 600000,
    description: 'How long a write waits for another process holding the store lock, ms (default 5000)',
  },
  'store.candleRetentionBars': {
    type: 'integer', min: 30, max: 100000,
    description: 'Closed candles kept per token and interval for warm start, bars (default 240: 40 days of 4h)',
  },
  'store.candleRetentionMinMs': {
    type: 'integer', min: 0,
    description: 'Closed candles younger than this are always kept, whatever their interval, ms (default 86400000 = 24h)',
  },
  'store.keepSessions': {
    type: 'integer', min: 1, max: 100000,
    description: 'Recorded sessions kept; older ones are deleted with their inputs and frame files when scan starts (default 30)',
  },
  'store.sessionRetentionDays': {
    type: 'integer', min: 0, max: 36500,
    description: 'Recorded sessions (inputs and cache/frames/<session>.ndjson) older than this are deleted when scan starts, days (default 7; 0 = keep)',
  },
  'store.chainPoolRetentionDays': {
    type: 'integer', min: 0, max: 36500,
    description: 'Pools the chain tap learned and has not seen trade for this long are deleted when scan starts, days (default 30; 0 = keep)',
  },
};
