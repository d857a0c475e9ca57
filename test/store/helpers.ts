import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cbrlSampleMinutes } from '../support/sample-data.js';
import { openStore, type Store, type StoreConfig } from '../../src/store/index.js';
import type {
  Candle, IgnitionLine, Input, MintSecurity, OutcomeLine, PoolSnapshot, PriceImpact, Tick, TokenInfo, Trade,
} from '../../src/domain/index.js';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pump-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `fn` on a new store in a temp dir (`path`: its file, to open it again), then closes and removes it. */
export function withStore(fn: (store: Store, path: string) => void, cfg: Partial<StoreConfig> = {}): void {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 's.db');
  const store = openStore({ ...cfg, path });
  try {
    fn(store, path);
  } finally {
    store.close();
    cleanup();
  }
}

export const CBRL_POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
export const CBRL_MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';

/** CBRL 1m candles (bundled sample: the CBRL 1m rows of ohlcv_data_2.csv), oldest first, as closed Candle records. */
export function cbrlCandles1m(): Candle[] {
  return cbrlSampleMinutes().map((m) => {
    const start = m.ts * 1000;
    return {
      kind: 'candle', knownAt: start + 60_000, mint: CBRL_MINT, pool: CBRL_POOL, source: 'geckoterminal',
      start, intervalMs: 60_000, open: m.open, high: m.high, low: m.low, close: m.close, volumeUsd: m.volumeUsd,
      final: true,
    } satisfies Candle;
  });
}

const base = { mint: 'MintA1111111111111111111111111111111111111', pool: 'PoolA111111111111111111111111111111111111', source: 'dexscreener' };

export const trade = (ts: number, over: Partial<Trade> = {}): Trade => ({
  ...base, kind: 'trade', knownAt: ts + 5, ts, priceUsd: 0.001234, volumeUsd: 12.5, side: 'buy', id: `tx${ts}:0`, ...over,
});

export const pool = (ts: number, over: Partial<PoolSnapshot> = {}): PoolSnapshot => ({
  ...base, kind: 'pool', knownAt: ts + 100, ts, dex: 'raydium', priceUsd: 0.0012, liquidityUsd: 80_000.5, volume24hUsd: 250_000,
  priceChange24hPct: -3.25, buys24h: 1200, sells24h: 1100, buys5m: 4, sells5m: 2, fdvUsd: 1_200_000, marketCapUsd: 1_100_000,
  baseReserve: 33_000_000.123, quoteReserve: 221.7, quoteMint: 'So11111111111111111111111111111111111111112', createdAt: 1_700_000_000_000,
  ...over,
});

export const token = (ts: number, over: Partial<TokenInfo> = {}): TokenInfo => ({
  ...base, pool: null, source: 'jupiter', kind: 'token', knownAt: ts, ts, symbol: 'ABC', name: 'Alpha \u001b[31mBeta', decimals: 6,
  tokenProgram: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
  audit: { mintAuthorityDisabled: true, freezeAuthorityDisabled: null, topHoldersPct: 23.4, isSus: false },
  holderCount: 1234, liquidityUsd: 50_000, volume24hUsd: null, ...over,
});

export const security = (ts: number, over: Partial<MintSecurity> = {}): MintSecurity => ({
  ...base, pool: null, source: 'solana', kind: 'security', knownAt: ts, ts, program: 'spl-token-2022',
  mintAuthority: null, freezeAuthority: null, supply: '1000000000000000000', decimals: 9,
  extensions: { transferFeeBps: 250, permanentDelegate: null, transferHookProgram: null, nonTransferable: false,
    defaultAccountFrozen: false, mintCloseAuthority: null, paused: false, names: ['transferFeeConfig'] },
  topHoldersPct: null, provenance: 'rpc', ...over,
});

export const impact = (ts: number): PriceImpact => ({
  ...base, source: 'jupiter', kind: 'impact', knownAt: ts, ts, tradeUsd: 1000, impactPct: 0.37, method: 'jupiter_quote',
});

export const tick = (ts: number): Tick => ({ kind: 'tick', knownAt: ts });

/** One input of every kind, in knownAt order. */
export function everyKind(ts: number): Input[] {
  const candle: Candle = { ...base, kind: 'candle', knownAt: ts + 60_000, start: ts, intervalMs: 60_000, open: 1e-7, high: 2.5e-7, low: 9.99e-8, close: 2e-7, volumeUsd: 0, final: false };
  return [trade(ts), candle, pool(ts), token(ts), security(ts), impact(ts), tick(ts + 1000)];
}

export const ignition = (id: string, ts: number): IgnitionLine => ({
  v: 1, type: 'ignition', ts, mint: base.mint, pool: base.pool, symbol: 'ABC', id, window4hStart: ts - (ts % 14_400_000),
  changePct: 12.5, volumeRatio5m: 4.2, volume5mUsd: 5000, volumeSma5mUsd: 1190.47, price: 0.0015,
  ladder: { entry: 0.0015, sl: 0.0012, tp: [0.00195, 0.0024, 0.003], atr: 0.0002, r: 0.0003, slMode: 'atr', breakevenAfterTp1: true },
  ladderUnavailable: null,
  gates: [{ gate: 'liquidity', status: 'pass', value: 80000, threshold: 50000, reason: null, source: 'dexscreener', ageMs: 12000 }],
  confidence: { score: 61.5, p: null, calibrated: false, features: { volumeRatio: 4.2, buyShare: null } },
});

export const outcome = (id: string, signalId: string, ts: number): OutcomeLine => ({
  v: 1, type: 'outcome', ts, mint: base.mint, pool: base.pool, symbol: 'ABC', id, signalId, signalType: 'ignition',
  result: 'TP1', exit: 'breakeven', entry: 0.0015, exitPrice: 0.0015, rMultiple: 0.5, mfePct: 31.2, maePct: -4.1, durationMs: 3_600_000,
});
