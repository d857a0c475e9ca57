// Which leg of a swap is the token traded (base) and which the money (quote). Pools list their mints in
// their own order; a token/SOL price is only meaningful with SOL as the quote, SOL/USDC with USDC.
import type { DecodedSwap } from './types.js';

export const WSOL_MINT = 'So11111111111111111111111111111111111111112';
export const USDC_MINT = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
export const USDT_MINT = 'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB';

/** How strongly a mint is money: stablecoins over SOL over everything else. */
export function quoteRank(mint: string | null): number {
  if (mint === USDC_MINT || mint === USDT_MINT) return 2;
  if (mint === WSOL_MINT) return 1;
  return 0;
}

export function isStablecoin(mint: string | null): boolean {
  return quoteRank(mint) === 2;
}

/**
 * Settles a swap's orientation once the mints of its two legs are known: `first` is the mint of the leg
 * currently in the base fields, `second` of the quote fields. The leg whose mint is more "money" becomes
 * the quote (ties keep the order). Returns a new swap; a settled swap only gets missing mints filled in.
 */
export function orientSwap(swap: DecodedSwap, first: string, second: string): DecodedSwap {
  const flip = quoteRank(first) > quoteRank(second);
  if (!flip) return { ...swap, mint: first, quoteMint: second, orientation: 'settled' };
  return {
    ...swap,
    mint: second,
    quoteMint: first,
    side: swap.side === 'buy' ? 'sell' : 'buy',
    baseAmountRaw: swap.quoteAmountRaw,
    quoteAmountRaw: swap.baseAmountRaw,
    baseReserveRaw: swap.quoteReserveRaw,
    quoteReserveRaw: swap.baseReserveRaw,
    baseAccount: swap.quoteAccount ?? null,
    quoteAccount: swap.baseAccount ?? null,
    orientation: 'settled',
  };
}
