import type { SchemaSlice } from '../spec.js';

export const scanSlice: SchemaSlice = {
  'scan.watchlist': { type: 'string[]', address: true, description: 'Mints always tracked (besides --mint), never evicted (default none)' },
  'scan.quoteMints': {
    type: 'string[]', address: true,
    description: 'Quote assets, never tracked as tokens: discovery skips them and --mint / scan.watchlist refuse them (default wSOL, USDC, USDT, USDG, PYUSD, USD1, mSOL, jitoSOL)',
  },
  'scan.discovery': { type: 'boolean', description: 'Discover tokens from DexScreener, GeckoTerminal, Jupiter (and Birdeye when keyed) (default true)' },
  'scan.maxTokens': { type: 'integer', min: 1, max: 100000, description: 'Tracked tokens at most; tapped tokens included; the quietest non-watchlist token is evicted for a new one (default 10000)' },
  'scan.discoveryIntervalMs': { type: 'integer', min: 1000, description: 'How often discovery lists are polled, ms (default 120000)' },
  'scan.snapshotIntervalMs': { type: 'integer', min: 1000, description: 'How often pool snapshots (price, liquidity, 24h volume) are refreshed for all tokens, ms (default 30000)' },
  'scan.candlePollHotMs': { type: 'integer', min: 1000, description: 'Candle refresh of a token near ignition, ms (default 60000)' },
  'scan.candlePollColdMs': { type: 'integer', min: 1000, description: 'Candle refresh of a quiet token, ms (default 600000)' },
  'scan.quietEvictMs': { type: 'integer', min: 60000, description: 'A non-watchlist token with no 24h volume above the gate for this long is evicted, ms (default 21600000)' },
  'scan.securityRecheckMs': { type: 'integer', min: 60000, description: 'Re-read mint security of tokens whose authority is still present, ms (default 3600000)' },
  'scan.backfill4hBars': { type: 'integer', min: 14, max: 1000, description: 'Closed 4h candles fetched on admission (ATR needs 14) (default 30)' },
  'scan.backfill1mMinutes': { type: 'integer', min: 100, max: 1000, description: 'Minutes of 1m candles fetched on admission (the 5m volume SMA needs 100) (default 180)' },
  'scan.tickMs': { type: 'integer', min: 100, description: 'Clock tick: closes windows and times out outcomes without data, ms (default 1000)' },
  'scan.staleAfterMs': { type: 'integer', min: 1000, description: 'A token with no input for this long is shown stale, ms (default 900000)' },
};
