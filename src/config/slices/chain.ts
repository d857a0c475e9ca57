import type { SchemaSlice } from '../spec.js';

// The chain tap: logsSubscribe over the Solana RPC WebSocket, and how tapped tokens enter the universe.
export const chainSlice: SchemaSlice = {
  'sources.chain.enabled': { type: 'boolean', description: 'Tap pump.fun, PumpSwap and Raydium CPMM/CLMM swaps from Solana logs during `scan` (default true)' },
  'sources.chain.wsUrl': {
    type: 'string', secret: true, env: 'SOLANA_WS_URL',
    description: 'Solana RPC WebSocket URL (ws/wss); empty derives it from the first SOLANA_RPC_URL (https -> wss) (default empty)',
  },
  'sources.chain.programs': {
    type: 'string[]', values: ['pump', 'pump_amm', 'raydium_cpmm', 'raydium_clmm'], minItems: 1,
    description: 'Programs tapped, one logsSubscribe each (default pump, pump_amm, raydium_cpmm, raydium_clmm)',
  },
  'sources.chain.commitment': { type: 'enum', values: ['processed', 'confirmed', 'finalized'], description: 'Commitment of the log subscriptions (default confirmed)' },
  'sources.chain.heartbeatTimeoutMs': { type: 'integer', min: 100, description: 'No frame or pong for this long: the WebSocket is reopened, ms (default 60000)' },
  'sources.chain.pingIntervalMs': { type: 'integer', min: 10, description: 'Keepalive ping interval of the WebSocket, ms (default 20000)' },
  'sources.chain.maxPayloadBytes': { type: 'integer', min: 65536, description: 'Largest WebSocket frame accepted, bytes (default 33554432 = 32 MiB)' },
  'sources.chain.reconnectMinMs': { type: 'integer', min: 1, description: 'First reconnect delay cap, ms; doubles per failed attempt, full jitter (default 500)' },
  'sources.chain.reconnectMaxMs': { type: 'integer', min: 1, description: 'Largest reconnect delay, ms (default 30000)' },
  'sources.chain.dedupeKeys': { type: 'integer', min: 1000, description: 'Events remembered for deduplication by (signature, program, ordinal), per generation of two (default 200000)' },
  'sources.chain.snapshotEveryMs': { type: 'integer', min: 0, description: 'A tapped pool snapshot (reserves, liquidity, impact) is emitted at most this often per pool, ms (default 5000)' },
  'sources.chain.holdMaxMs': { type: 'integer', min: 100, description: 'A swap waits this long for its pool mints or decimals (one batched RPC read), then counts as lost, ms (default 30000)' },
  'sources.chain.holdMax': { type: 'integer', min: 1, description: 'Swaps held at most while their pool or decimals are read; more count as lost (default 20000)' },
  'sources.chain.truncatedFetchesPerMin': { type: 'integer', min: 0, description: 'getTransaction calls per minute for notifications with `Log truncated`; beyond it the loss is counted (default 6)' },
  'sources.chain.solUsdWindow': { type: 'integer', min: 1, description: 'On-chain SOL/USDC swaps in the SOL/USD median (default 15)' },
  'sources.chain.solUsdMaxAgeMs': { type: 'integer', min: 1000, description: 'An on-chain SOL/USD older than this gives way to a polled price (Jupiter), ms (default 120000)' },
  'sources.chain.solUsdMinSwapUsd': { type: 'number', min: 0, description: 'SOL/USDC swaps smaller than this do not set SOL/USD, USD (default 50)' },
  'sources.chain.warmUpTokens': { type: 'integer', min: 0, max: 100000, description: 'Made-up tokens whose made-up swaps warm the tap\'s code path (JIT) up before it subscribes: ~0.7 s of start-up at the default; 0 = none (default 3000)' },
  'sources.chain.recordFrames': { type: 'boolean', description: 'Record the raw frames of a recorded session to cache/frames/<session>.ndjson for `replay --input` (default true)' },

  'scan.tap.minTrades': { type: 'integer', min: 1, description: 'Tapped trades within scan.tap.windowMs that admit a token to the universe (default 5)' },
  'scan.tap.minVolumeUsd': { type: 'number', min: 0, description: 'Or tapped USD volume within the window that admits it, USD (default 1000)' },
  'scan.tap.windowMs': { type: 'integer', min: 1000, description: 'Window of the admission test, ms (default 600000)' },
  'scan.tap.coldEvictMs': { type: 'integer', min: 60000, description: 'A tapped token with no trade for this long is evicted (watchlist excepted), ms (default 3600000)' },
  'scan.tap.maxCandidates': { type: 'integer', min: 100, description: 'Tokens below the admission bar followed at most (memory bound) (default 50000)' },
  'scan.polledMaxTokens': { type: 'integer', min: 1, description: 'Tokens whose pool snapshots are polled (DexScreener) each round, untapped first (default 300)' },
};
