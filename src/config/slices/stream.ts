import type { SchemaSlice } from '../spec.js';

// Settings of the streaming and on-chain sources: the Solana RPC reader (failover, holder share) and the
// Birdeye WebSocket (heartbeat, reconnect backoff, discovery subscriptions).
export const streamSlice: SchemaSlice = {
  'sources.solana.failoverAfterFailures': {
    type: 'integer', min: 1, max: 100,
    description: 'Consecutive retryable failures of one RPC URL before moving to the next; a 429 moves at once (default 2)',
  },
  'sources.solana.topHolders': { type: 'boolean', description: 'Read getTokenLargestAccounts for each mint to fill topHoldersPct (one extra request per mint) (default true)' },
  'sources.solana.topHoldersCount': { type: 'integer', min: 1, max: 20, description: 'Largest token accounts summed into topHoldersPct (default 10; the RPC returns at most 20)' },
  'sources.solana.epochCacheMs': { type: 'integer', min: 0, description: 'How long the current epoch (for transfer-fee schedules) is reused, ms (default 60000)' },

  'sources.birdeyeWs.heartbeatTimeoutMs': {
    type: 'integer', min: 10,
    description: 'A Birdeye WebSocket with no message or ping for this long is terminated and reopened, ms (default 90000; the server pings about every 30 s)',
  },
  'sources.birdeyeWs.reconnectMinMs': { type: 'integer', min: 1, description: 'First reconnect delay cap, ms; doubles per failed attempt, full jitter (default 500)' },
  'sources.birdeyeWs.reconnectMaxMs': { type: 'integer', min: 1, description: 'Largest reconnect delay, ms (default 30000)' },
  'sources.birdeyeWs.chartType': { type: 'enum', values: ['1m', '3m', '5m', '15m', '30m', '1H'], description: 'Candle interval of SUBSCRIBE_PRICE (default 1m)' },
  'sources.birdeyeWs.newListings': { type: 'boolean', description: 'Subscribe to new token listings (SUBSCRIBE_TOKEN_NEW_LISTING) (default true)' },
  'sources.birdeyeWs.newPairs': { type: 'boolean', description: 'Subscribe to new pairs (SUBSCRIBE_NEW_PAIR) (default true)' },
  'sources.birdeyeWs.minListingLiquidityUsd': { type: 'number', min: 0, description: 'min_liquidity filter for new listings and pairs, USD; 0 sends no filter (default 0)' },
};
