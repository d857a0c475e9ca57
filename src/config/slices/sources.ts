import type { SchemaSlice } from '../spec.js';

// Base URLs are configurable for every upstream: that is how tests point clients at loopback fakes.
// Rate budgets default to each provider's published keyless/free limits (see api-contracts.md).
export const sourcesSlice: SchemaSlice = {
  'sources.http.connectTimeoutMs': { type: 'integer', min: 100, description: 'TCP/TLS connect timeout for every HTTP source, ms (default 5000)' },
  'sources.http.requestTimeoutMs': { type: 'integer', min: 100, description: 'Whole-response timeout for every HTTP request, ms (default 15000)' },
  'sources.http.retries': { type: 'integer', min: 0, max: 20, description: 'Retries of a retryable failure (429, 5xx, network) before giving up (default 4)' },
  'sources.http.retryMinMs': { type: 'integer', min: 1, description: 'First backoff delay, ms; doubles per retry with full jitter (default 500)' },
  'sources.http.retryMaxMs': { type: 'integer', min: 1, description: 'Largest backoff delay, ms (default 30000)' },
  'sources.http.breakerFailures': { type: 'integer', min: 1, description: 'Consecutive failures that open an endpoint circuit (default 5)' },
  'sources.http.breakerCooldownMs': { type: 'integer', min: 100, description: 'How long an open circuit waits before a probe, ms (default 30000)' },
  'sources.http.staleAfterMs': { type: 'integer', min: 1000, description: 'A source with no successful response for this long is reported stale, ms (default 300000: longer than a discovery round, so a source polled only by discovery does not flap)' },
  'sources.http.maxConnections': { type: 'integer', min: 1, max: 64, description: 'Keep-alive connections (and concurrent requests) per upstream host (default 6)' },
  'sources.http.ratePadPct': { type: 'number', min: 0, max: 50, description: 'Margin added to every rate-limit window so network jitter never earns a 429, percent (default 2)' },
  'sources.http.blockedMinMs': { type: 'integer', min: 1000, description: 'First wait after a keyless endpoint refuses us (Cloudflare challenge, 403, needs a key), ms (default 120000)' },
  'sources.http.blockedMaxMs': { type: 'integer', min: 1000, description: 'Longest wait of a refusing keyless endpoint (HTTP and RPC), ms (default 1800000)' },
  'sources.http.blockedGrowth': { type: 'number', min: 1, max: 10, description: 'Growth of that wait per refusal in a row (default 2)' },
  'sources.http.blockedJitterPct': { type: 'number', min: 0, max: 50, description: 'Random spread of each refusal wait, percent either side (default 20)' },
  'sources.http.batchWindowMs': { type: 'integer', min: 0, max: 5000, description: 'How long single-token lookups are collected into one batched call, ms (default 25)' },

  'sources.birdeye.apiKey': { type: 'string', secret: true, env: 'BIRDEYE_API_KEY', description: 'Birdeye API key; empty disables Birdeye (REST and WebSocket)' },
  'sources.birdeye.baseUrl': { type: 'string', url: true, env: 'BIRDEYE_BASE_URL', description: 'Birdeye REST base URL' },
  'sources.birdeye.wsUrl': { type: 'string', url: true, env: 'BIRDEYE_WS_URL', description: 'Birdeye WebSocket URL (chain path included; the key is added as a query parameter)' },
  'sources.birdeye.websocket': { type: 'boolean', description: 'Use the Birdeye WebSocket when keyed (needs a Business plan) (default true)' },
  'sources.birdeye.requestsPerSecond': { type: 'number', min: 0.01, description: 'Birdeye REST budget, requests/s for the whole account (default 1 = Standard plan)' },
  'sources.birdeye.ohlcvVersion': { type: 'enum', values: ['v1', 'v3'], description: 'Birdeye OHLCV endpoint family; v3 carries USD volume (default v3)' },
  'sources.birdeye.wsAddressesPerConnection': { type: 'integer', min: 1, max: 100, description: 'Addresses per WebSocket connection before another is opened (default 100)' },

  'sources.dexscreener.enabled': { type: 'boolean', description: 'Use DexScreener (keyless) (default true)' },
  'sources.dexscreener.baseUrl': { type: 'string', url: true, env: 'DEXSCREENER_BASE_URL', description: 'DexScreener REST base URL' },
  'sources.dexscreener.pairsPerMinute': { type: 'number', min: 0.1, description: 'Budget for /latest/dex, /tokens/v1, /token-pairs/v1, requests/min (default 300)' },
  'sources.dexscreener.profilesPerMinute': { type: 'number', min: 0.1, description: 'Budget for /token-profiles, /token-boosts, requests/min (default 60)' },

  'sources.geckoterminal.enabled': { type: 'boolean', description: 'Use GeckoTerminal (keyless) (default true)' },
  'sources.geckoterminal.baseUrl': { type: 'string', url: true, env: 'GECKOTERMINAL_BASE_URL', description: 'GeckoTerminal API base URL (…/api/v2)' },
  'sources.geckoterminal.requestsPerMinute': { type: 'number', min: 0.1, description: 'GeckoTerminal budget, requests/min (default 30)' },

  'sources.jupiter.enabled': { type: 'boolean', description: 'Use Jupiter token and price APIs (default true)' },
  'sources.jupiter.baseUrl': { type: 'string', url: true, env: 'JUPITER_BASE_URL', description: 'Jupiter API host (keyless lite host by default)' },
  'sources.jupiter.apiKey': { type: 'string', secret: true, env: 'JUPITER_API_KEY', description: 'Jupiter API key (x-api-key); optional' },
  'sources.jupiter.quoteImpact': { type: 'boolean', description: 'Estimate price impact with Jupiter /swap/v1/quote (undocumented in the contracts; off by default) (default false)' },
  'sources.jupiter.requestsPerMinute': { type: 'number', min: 0.1, description: 'Jupiter budget, requests/min (default 30 keyless)' },

  'sources.solana.rpcUrls': {
    type: 'string[]', url: true, env: 'SOLANA_RPC_URL', minItems: 1,
    description: 'Solana RPC URLs, tried in order with failover (comma-separated in env/flags); a configured one replaces the public default',
  },
  'sources.solana.requestsPer10s': { type: 'number', min: 0.1, description: 'RPC budget per URL, requests per 10 s (default 40, the public per-method limit)' },
  'sources.solana.commitment': { type: 'enum', values: ['processed', 'confirmed', 'finalized'], description: 'Commitment for account reads (default confirmed)' },
};
