// What the latency benchmark's tokens know before the stream starts, built the way the live scanner
// builds it: warm-up history (closed 4h bars, then 1m candles since the 4h boundary at least 180 min
// ago) from real CBRL candles, and the gate inputs (pool snapshot, token, mint security, impact).
import type { Input } from '../src/domain/market.js';
import { FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../src/domain/time.js';
import { poolId } from './gen.js';
import { cbrl1m, cbrl4h } from './cbrl.js';
import type { LatencyToken } from './latency-fake.js';

const BARS_4H = 30;
const BACKFILL_1M_MIN = 180;

export interface TokenSetup { mint: string; pool: string; inputs: Input[]; startPrice: number }

/**
 * Warm-up for `n` tokens at clock time `now`. The 1m candles inside the forming 4h window keep their
 * real volumes but sit at one flat price, so the forming window starts the stream unchanged and its
 * ignition is decided during the measured stream, not during warm-up.
 */
export function setupTokens(root: string, n: number, now: number, seed: number): TokenSetup[] {
  const bars = cbrl4h();
  const minutes = cbrl1m(root);
  const w = bucketStart(now - BACKFILL_1M_MIN * MINUTE_MS, FOUR_HOUR_MS);
  const forming = bucketStart(now, FOUR_HOUR_MS);
  return Array.from({ length: n }, (_, j) => {
    const mint = poolId(seed + j);
    const pool = poolId(seed + 500_000 + j);
    const base = { mint, pool, source: 'bench', knownAt: now } as const;
    const inputs: Input[] = [];
    for (let k = 0; k < BARS_4H; k++) {
      const b = bars[(j + k) % bars.length];
      inputs.push({ ...base, kind: 'candle', start: w - (BARS_4H - k) * FOUR_HOUR_MS, intervalMs: FOUR_HOUR_MS, open: b.open, high: b.high, low: b.low, close: b.close, volumeUsd: b.volumeUsd, final: true, warmup: true });
    }
    let flat: number | null = null;
    let i = (j * 97) % minutes.length;
    for (let start = w; start + MINUTE_MS <= now; start += MINUTE_MS, i = (i + 1) % minutes.length) {
      const c = minutes[i];
      if (start >= forming) flat ??= c.open;
      const [o, h, l, cl] = flat === null ? [c.open, c.high, c.low, c.close] : [flat, flat, flat, flat];
      inputs.push({ ...base, kind: 'candle', start, intervalMs: MINUTE_MS, open: o, high: h, low: l, close: cl, volumeUsd: c.volumeUsd, final: true, warmup: true });
    }
    const last = inputs[inputs.length - 1];
    const startPrice = flat ?? (last.kind === 'candle' ? last.close : 1);
    inputs.push({ kind: 'watermark', knownAt: now, mint, pool, through: bucketStart(now, MINUTE_MS) });
    inputs.push(...gateInputs(mint, pool, now, startPrice));
    return { mint, pool, inputs, startPrice };
  });
}

/** A liquid, renounced token: every gate passes, so an ignition becomes a full signal line. */
function gateInputs(mint: string, pool: string, now: number, price: number): Input[] {
  const base = { mint, pool, knownAt: now, ts: now } as const;
  return [
    {
      ...base, kind: 'pool', source: 'dexscreener', dex: 'pumpswap', priceUsd: price, liquidityUsd: 750_000, volume24hUsd: 4_000_000, priceChange24hPct: 5,
      buys24h: 9000, sells24h: 8000, buys5m: 40, sells5m: 35, fdvUsd: 9_000_000, marketCapUsd: 9_000_000, baseReserve: 375_000 / price, quoteReserve: 2500,
      quoteMint: 'So11111111111111111111111111111111111111112', createdAt: now - 30 * 86_400_000, isLead: true,
    },
    { ...base, kind: 'token', source: 'jupiter', symbol: 'BENCH', name: 'Bench token', decimals: 6, tokenProgram: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', audit: { mintAuthorityDisabled: true, freezeAuthorityDisabled: true, topHoldersPct: 12, isSus: false }, holderCount: 5000, liquidityUsd: 750_000, volume24hUsd: 4_000_000 },
    {
      ...base, kind: 'security', source: 'solana', program: 'spl-token', mintAuthority: null, freezeAuthority: null, supply: '1000000000000000', decimals: 6,
      extensions: { transferFeeBps: null, permanentDelegate: null, transferHookProgram: null, nonTransferable: false, defaultAccountFrozen: false, mintCloseAuthority: null, paused: false, names: [] },
      topHoldersPct: 12, provenance: 'rpc',
    },
    { ...base, kind: 'impact', source: 'jupiter', tradeUsd: 500, impactPct: 0.1, method: 'reserves' },
  ];
}

/**
 * The stream plan of each token: its trade size is set from its 5m volume average so that the forming
 * 5m volume passes the near-miss and then the ignition multiple about a third of the way into the run
 * (trades and the PRICE_DATA candle both count, as they do in the engine).
 */
export function planTokens(setups: TokenSetup[], smaOf: (mint: string) => number | null, tradesPerToken: number, multiple: number): LatencyToken[] {
  return setups.map((s) => {
    const sma = smaOf(s.mint) ?? 0;
    const target = Math.max(sma, 50) * (multiple + 1);
    return { mint: s.mint, pool: s.pool, startPrice: s.startPrice, tradeUsd: target / (0.5 * tradesPerToken) / 2 };
  });
}
