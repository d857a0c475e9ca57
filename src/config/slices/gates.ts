import type { SchemaSlice } from '../spec.js';

export const TRAP_NAMES = ['transferFee', 'permanentDelegate', 'transferHook', 'nonTransferable', 'defaultAccountFrozen', 'mintCloseAuthority', 'paused'] as const;

export const gatesSlice: SchemaSlice = {
  'gates.minLiquidityUsd': { type: 'number', min: 0, description: 'Lead pool liquidity must be at least this, USD (default 50000)' },
  'gates.minVolume24hUsd': { type: 'number', min: 0, description: '24h volume must be at least this, USD (default 100000)' },
  'gates.maxPriceImpactPct': { type: 'number', min: 0, max: 100, description: 'Price impact of a buy of impactTradeUsd must be at most this, percent (default 2)' },
  'gates.impactTradeUsd': { type: 'number', min: 1, description: 'Trade size for the price-impact gate, USD (default 500: at the $50k liquidity minimum a constant-product buy pays 2.0% over spot)' },
  'gates.requireMintRenounced': { type: 'boolean', description: 'Reject tokens whose mint authority is still set (default true)' },
  'gates.requireFreezeRenounced': { type: 'boolean', description: 'Reject tokens whose freeze authority is still set (default true)' },
  'gates.rejectTraps': {
    type: 'string[]', values: TRAP_NAMES,
    description: `Token-2022 traps that reject a token (any of ${TRAP_NAMES.join(', ')})`,
  },
  'gates.unknown': {
    type: 'enum', values: ['reject', 'allow'],
    description: 'A gate without data: `reject` the signal (scan default) or `allow` it, marked unknown (replay preset)',
  },
  'gates.unknownGraceMs': {
    type: 'integer', min: 0,
    description: 'With unknown=reject, an ignition blocked only by gates without data (nothing failed) is held this long after the token was first seen, then decided again as data arrives; afterwards missing data rejects it, ms (default 120000)',
  },
  'gates.maxDataAgeMs': { type: 'integer', min: 0, description: 'Gate data older than this at signal time counts as unknown, ms (default 1800000)' },
};
