import type { SchemaSlice } from '../spec.js';

// Settings of the streaming and on-chain sources: the Solana RPC reader (failover, holder share) and the
// Birdeye WebSocket (heartbeat, reconnect backoff, discovery subscriptions).
export const streamSlice: SchemaSlice = {
  'sources.solana.failoverAfterFailures': {
    type: 'integer', min: 1, max: 100,
    description: 'Consecutive retryable failures of one RPC URL before moving to the next; a 429 moves at once (default 2)',
  },
  'sources.solana.topHolders': {
    type: 'boolean',
    description: 'Read getTokenLargestAccounts for each mint (one extra request per mint, plus two batched account reads per batch) to fill topHoldersPct and the holder concentration without pools (default true)',
  },
  'sources.solana.topHoldersCount': { type: 'integer', min: 1, max: 20, description: 'Largest holders summed into topHoldersPct and the holder concentration (default 10; the RPC returns at most 20 accounts)' },
  'sources.solana.holdersRefreshMs': { type: 'integer', min: 0, description: 'How long a mint\'s holder read is reused before it is read again, ms (default 1800000)' },
  'sources.solana.holdersRefreshPerRound': {
    type: 'integer', min: 0, max: 100,
    description: 'Followed tokens whose holder read is older than holdersRefreshMs read again per mint-security round (every 5 s), oldest first: each costs about one RPC request (default 2)',
  },
  'sources.solana.holderPoolPrograms': {
    type: 'string[]', address: true, maxItems: 100,
    description: 'Programs whose accounts own pool vaults or bonding curves: token accounts they own are not holders (default: pump.fun, PumpSwap, Raydium AMM v4/CPMM/CLMM/LaunchLab, Meteora DLMM/DAMM v1 and its vault/DAMM v2/DBC, Orca Whirlpool)',
  },
  'sources.solana.holderPoolAuthorities': {
    type: 'string[]', address: true, maxItems: 100,
    description: 'Program-wide vault authorities (PDAs without data): token accounts they own are not holders (default: Raydium AMM v4, CPMM and LaunchLab, Meteora DAMM v2 and DBC)',
  },
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
