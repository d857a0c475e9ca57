import { join } from 'node:path';
import { csvTimeSec, dataDir, readCsv } from './csv.js';
import type { MintSpec } from './solana-rpc-mints.js';
import { cbrlSampleMinutes } from '../support/sample-data.js';

// The market the HTTP fakes serve. Every fake reads the same Universe, so DexScreener, GeckoTerminal,
// Birdeye and Jupiter agree about each token; tests add tokens with chosen liquidity, volume and
// authorities (a pool under $50k, a token under $100k volume, a mint with live authority, ...).

export const SOL_MINT = 'So11111111111111111111111111111111111111112';
export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

/** Whether the Solana fake encodes this mint as Token-2022 (asked for, or carrying an extension). */
function isToken2022(m: Partial<MintSpec>): boolean {
  // As encodeMint decides: asked for, or any extension present.
  return m.program === 'spl-token-2022' || Object.entries(m).some(([k, v]) => !['program', 'mintAuthority', 'freezeAuthority', 'supply', 'decimals'].includes(k) && v !== undefined);
}

/** A candle as the data files hold it: open time in seconds, USD prices, USD volume. */
export interface FakeCandle {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** A swap against SOL: amounts decimals-adjusted, time in seconds. */
export interface FakeTrade {
  ts: number;
  txHash: string;
  owner: string;
  side: 'buy' | 'sell';
  tokenAmount: number;
  solAmount: number;
  priceUsd: number;
  volumeUsd: number;
}

export interface FakeToken {
  mint: string;
  symbol: string;
  name: string;
  decimals: number;
  pool: string;
  dex: string;
  quoteMint: string;
  /** USD per token; null makes price endpoints treat it as unpriced. */
  priceUsd: number | null;
  liquidityUsd: number;
  volume24hUsd: number;
  priceChange24hPct: number;
  buys24h: number;
  sells24h: number;
  buys5m: number;
  sells5m: number;
  fdvUsd: number;
  marketCapUsd: number;
  pairCreatedAtMs: number;
  holderCount: number;
  /** Percent 0..100. */
  topHoldersPct: number;
  mintAuthority: string | null;
  freezeAuthority: string | null;
  tokenProgram: string;
  isSus: boolean;
  verified: boolean;
  launchpad: string | null;
  candles1m: FakeCandle[];
  trades: FakeTrade[];
  /** Token-2022 traps and other mint details for the Solana fake (authorities come from the fields above). */
  mintSpec?: Partial<MintSpec>;
}

export type TokenSpec = Partial<FakeToken> & { mint: string };

export class Universe {
  readonly tokens = new Map<string, FakeToken>();
  /** USD per SOL, used to express quote amounts. */
  solPriceUsd = 200;
  /**
   * The market's clock, epoch ms. When set, the fakes serve a live market: only 1m candles that have
   * closed by now (candles rolled up from them form like the real APIs' do). Unset: all history.
   */
  now: (() => number) | null = null;

  /** The 1m candles of a token visible at `now` (all of them without a clock). */
  visibleCandles(t: FakeToken): FakeCandle[] {
    if (!this.now) return t.candles1m;
    const cutoff = this.now() / 1000 - 60;
    let hi = t.candles1m.length;
    while (hi > 0 && t.candles1m[hi - 1].t > cutoff) hi--;
    return hi === t.candles1m.length ? t.candles1m : t.candles1m.slice(0, hi);
  }

  /**
   * A token's market figures as of `now`, for a token whose price and 24h figures were derived from its
   * candles (not given): price = the last visible close, 24h volume and change over the visible day. A
   * recorded market served "live" then shows the volume and price of its moment, not of the file's end.
   */
  private asOfNow(t: FakeToken): FakeToken {
    if (!this.now || !this.derived.has(t.mint) || t.candles1m.length === 0) return t;
    const minute = Math.floor(this.now() / 60_000);
    const hit = this.viewCache.get(t.mint);
    if (hit && hit.minute === minute && hit.base === t) return hit.view;
    const seen = this.visibleCandles(t);
    const last = seen.at(-1);
    if (!last) return t;
    const day = seen.filter((c) => c.t > last.t - 86_400);
    const price = last.c;
    const supply = 1_000_000_000;
    const view: FakeToken = {
      ...t, priceUsd: price, fdvUsd: price * supply, marketCapUsd: price * supply,
      volume24hUsd: Math.round(day.reduce((sum, c) => sum + c.v, 0) * 100) / 100,
      priceChange24hPct: Math.round(((price - day[0].o) / day[0].o) * 10_000) / 100,
    };
    this.viewCache.set(t.mint, { minute, base: t, view });
    return view;
  }

  private readonly derived = new Set<string>();
  private readonly viewCache = new Map<string, { minute: number; base: FakeToken; view: FakeToken }>();

  /** Adds or replaces a token; missing market figures are derived from its candles and trades. */
  add(spec: TokenSpec): FakeToken {
    const candles = spec.candles1m ?? [];
    const trades = spec.trades ?? [];
    const last = candles.at(-1);
    const end = last?.t ?? Math.floor(Date.now() / 1000);
    const day = candles.filter((c) => c.t > end - 86_400);
    const dayAgo = day[0];
    const price = spec.priceUsd !== undefined ? spec.priceUsd : (last?.c ?? 0.0001);
    const supply = 1_000_000_000;
    const t: FakeToken = {
      symbol: 'FAKE', name: 'Fake Token', decimals: 6, pool: spec.mint, dex: 'pumpswap', quoteMint: SOL_MINT,
      liquidityUsd: 80_000,
      volume24hUsd: Math.round(day.reduce((s, c) => s + c.v, 0) * 100) / 100 || 150_000,
      priceChange24hPct: dayAgo && price ? Math.round(((price - dayAgo.o) / dayAgo.o) * 10_000) / 100 : 0,
      buys24h: trades.filter((x) => x.side === 'buy').length || 1200,
      sells24h: trades.filter((x) => x.side === 'sell').length || 900,
      buys5m: 12, sells5m: 9,
      fdvUsd: (price ?? 0) * supply, marketCapUsd: (price ?? 0) * supply,
      pairCreatedAtMs: ((candles[0]?.t ?? end - 86_400) - 600) * 1000,
      holderCount: 1500, topHoldersPct: 22.5, mintAuthority: null, freezeAuthority: null,
      // Every fake reports the program the Solana fake's mint account is owned by (Token-2022 when it has extensions).
      tokenProgram: spec.mintSpec && isToken2022(spec.mintSpec) ? TOKEN_2022_PROGRAM : TOKEN_PROGRAM,
      isSus: false, verified: false, launchpad: 'pump.fun',
      ...spec,
      priceUsd: price,
      candles1m: candles,
      trades,
    };
    this.tokens.set(t.mint, t);
    // Figures derived from candles follow the clock; figures a test gave stay as given.
    if (spec.priceUsd === undefined && spec.volume24hUsd === undefined && spec.priceChange24hPct === undefined) this.derived.add(t.mint);
    else this.derived.delete(t.mint);
    return t;
  }

  get(mint: string): FakeToken | undefined {
    const t = this.tokens.get(mint);
    return t && this.asOfNow(t);
  }

  byPool(pool: string): FakeToken | undefined {
    for (const t of this.tokens.values()) if (t.pool === pool) return this.asOfNow(t);
    return undefined;
  }

  list(): FakeToken[] {
    return [...this.tokens.values()].map((t) => this.asOfNow(t));
  }
}

/** 1m candles of one pool from a GeckoTerminal collector CSV, ascending, one per timestamp. */
export function loadCandles(file: string, pool: string, timeframe = '1m'): FakeCandle[] {
  const rows = readCsv(file, (l) => l.includes(pool) && l.includes(`,${timeframe},`));
  const byT = new Map<number, FakeCandle>();
  for (const r of rows) {
    if (r.pool_id !== `solana_${pool}` || r.timeframe !== timeframe) continue;
    const c = { t: Number(r.timestamp), o: Number(r.open_price), h: Number(r.high_price), l: Number(r.low_price), c: Number(r.close_price), v: Number(r.volume_usd) };
    if ([c.t, c.o, c.h, c.l, c.c, c.v].every(Number.isFinite)) byT.set(c.t, c);
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

/** Swaps of one pool from a collector trades CSV (buy: SOL in, token out). */
export function loadTrades(file: string, pool: string): FakeTrade[] {
  return readCsv(file, (l) => l.includes(pool))
    .filter((r) => r.pool_id === `solana_${pool}`)
    .map((r) => {
      const side = r.side === 'sell' ? 'sell' : 'buy';
      const from = Number(r.from_token_amount);
      const to = Number(r.to_token_amount);
      const tokenAmount = side === 'buy' ? to : from;
      const volumeUsd = Number(r.volume_usd);
      // The CSV's price_usd is the price of the token given (SOL on buys), so derive the token's own price.
      return {
        ts: csvTimeSec(r.block_timestamp), txHash: r.tx_hash, owner: r.tx_from_address, side,
        tokenAmount, solAmount: side === 'buy' ? from : to, priceUsd: volumeUsd / tokenAmount, volumeUsd,
      } satisfies FakeTrade;
    })
    .filter((t) => Number.isFinite(t.ts) && t.tokenAmount > 0 && t.solAmount > 0 && Number.isFinite(t.volumeUsd))
    .sort((a, b) => a.ts - b.ts);
}

export const CBRL = { mint: '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump', pool: '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP' };
export const BUTTERFLY = { mint: '4Ds7cxJ82gm34gV22zo2LjPdX3nFbQk9PXK7mjX4pump', pool: 'F5vAiFCP82RQetoxK7ax4dNQCwqk2yez6aisAbFPenJ2' };

/**
 * The default universe. CBRL with its real 1m candles from the bundled sample (samples/cbrl-1m.csv) always;
 * with ../shared/data (or FAKES_DATA_DIR) also CBRL's real swaps and Butterfly's real 1m candles and swaps.
 */
export function realUniverse(dir: string | null = dataDir()): Universe {
  const u = new Universe();
  const gt = dir === null ? null : join(dir, 'snogcel__geckoterminal_collector');
  u.add({
    ...CBRL, symbol: 'CBRL', name: 'Cracker Barrel Old Country Store', liquidityUsd: 120_000,
    candles1m: cbrlSampleMinutes().map((m) => ({ t: m.ts, o: m.open, h: m.high, l: m.low, c: m.close, v: m.volumeUsd })),
    trades: gt === null ? [] : loadTrades(join(gt, 'specs/QA/trades.csv'), CBRL.pool),
  });
  if (gt === null) return u;
  u.add({
    ...BUTTERFLY, symbol: 'Butterfly', name: 'Butterfly', liquidityUsd: 65_000,
    candles1m: loadCandles(join(gt, 'CASE_STUDY/ohlcv_data_2025_10_05.csv'), BUTTERFLY.pool),
    trades: loadTrades(join(gt, 'CASE_STUDY/trades_2025_10_05.csv'), BUTTERFLY.pool),
  });
  return u;
}

/** Candles of `intervalSec` rolled up from 1m candles (UTC-aligned), ascending. */
export function rollUp(candles: FakeCandle[], intervalSec: number): FakeCandle[] {
  if (intervalSec === 60) return candles;
  const out: FakeCandle[] = [];
  for (const c of candles) {
    const t = Math.floor(c.t / intervalSec) * intervalSec;
    const cur = out.at(-1);
    if (cur && cur.t === t) {
      cur.h = Math.max(cur.h, c.h);
      cur.l = Math.min(cur.l, c.l);
      cur.c = c.c;
      cur.v += c.v;
    } else out.push({ ...c, t });
  }
  return out;
}
