// Prices of tapped swaps: quote per base from the amounts, then USD through the quote asset. USDC and
// USDT are worth $1; SOL is worth what the stream's own SOL/USDC swaps say (a short median), or a polled
// price when the stream has none recent. Anything else has no USD price: held and counted, never guessed.

import { isStablecoin, WSOL_MINT } from './orient.js';

export const WSOL = WSOL_MINT;

/** Raw integer units to token units. */
export function toUnits(raw: bigint, decimals: number): number {
  return Number(raw) / 10 ** decimals;
}

/** Quote per base, decimals-adjusted; null for a zero-sized side (no price in it). */
export function priceInQuote(baseRaw: bigint, quoteRaw: bigint, baseDecimals: number, quoteDecimals: number): number | null {
  if (baseRaw <= 0n || quoteRaw <= 0n) return null;
  const p = toUnits(quoteRaw, quoteDecimals) / toUnits(baseRaw, baseDecimals);
  return Number.isFinite(p) && p > 0 ? p : null;
}

export interface SolUsdOptions {
  /** Swaps in the median (default 15). */
  window: number;
  /** An on-chain price older than this gives way to the polled one, ms (default 120000). */
  maxAgeMs: number;
  /** SOL/USDC swaps smaller than this do not set the price, USD (default 50). */
  minSwapUsd: number;
}

/** SOL/USD from the stream's SOL/stablecoin swaps, with a polled fallback. */
export class SolUsd {
  private readonly recent: number[] = [];
  private lastOnChainAt = -Infinity;
  private polled: { price: number; at: number } | null = null;

  constructor(private readonly opts: SolUsdOptions) {}

  /** Notes a swap of SOL (base) against a stablecoin (quote) at `price` USD per SOL. */
  noteSwap(price: number, sizeUsd: number, at: number): void {
    if (!(price > 0) || !Number.isFinite(price) || sizeUsd < this.opts.minSwapUsd) return;
    this.recent.push(price);
    if (this.recent.length > this.opts.window) this.recent.shift();
    this.lastOnChainAt = at;
  }

  notePolled(price: number, at: number): void {
    if (price > 0 && Number.isFinite(price)) this.polled = { price, at };
  }

  /** The price at clock time `now`, with where it came from; null when neither is known. */
  at(now: number): { price: number; from: 'chain' | 'polled' } | null {
    if (this.recent.length > 0 && now - this.lastOnChainAt <= this.opts.maxAgeMs) return { price: median(this.recent), from: 'chain' };
    if (this.polled) return { price: this.polled.price, from: 'polled' };
    if (this.recent.length > 0) return { price: median(this.recent), from: 'chain' };
    return null;
  }

  /** True when the on-chain price is missing or old, so the caller should poll one. */
  needsPoll(now: number): boolean {
    return now - this.lastOnChainAt > this.opts.maxAgeMs && (this.polled === null || now - this.polled.at > this.opts.maxAgeMs);
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** USD per quote unit: $1 for stablecoins, SOL/USD for wSOL, else null. */
export function quoteUsd(quoteMint: string, solUsd: number | null): number | null {
  if (isStablecoin(quoteMint)) return 1;
  if (quoteMint === WSOL) return solUsd;
  return null;
}
