// What a recorded transaction (getTransaction, txupdate) adds to its logs: the token accounts it touched.
// They name the mints an event leaves out (PumpSwap, CLMM, CPMM 89 B) and the mints' decimals. Matches are
// exact (an account the event names, a vault whose balance the event states); otherwise nothing is filled in.
import { orientSwap, quoteRank, WSOL_MINT } from '../orient.js';
import type { DecodedSwap } from '../types.js';
import type { TokenAccountBalance } from './index.js';

function mintOfAccount(accounts: readonly TokenAccountBalance[], account: string | null | undefined): string | null {
  if (!account) return null;
  return accounts.find((a) => a.account === account)?.mint ?? null;
}

/**
 * Mint of the one account whose balance moved by exactly `delta`, preferring accounts the pool owns (CLMM and
 * PumpSwap vaults); null when none or several match (two swaps of the same size in one transaction).
 */
function mintMovedBy(accounts: readonly TokenAccountBalance[], delta: bigint, pool: string | null): string | null {
  const hits = accounts.filter((a) => a.postRaw - a.preRaw === delta);
  const owned = hits.filter((a) => a.owner !== null && a.owner === pool);
  const pick = owned.length ? owned : hits;
  return pick.length === 1 ? pick[0].mint : null;
}

/** The swap with its mints filled in and its orientation settled where the token accounts tell; else as it was. */
export function settleFromBalances(swap: DecodedSwap, accounts: readonly TokenAccountBalance[] | null): DecodedSwap {
  if (!accounts || (swap.mint !== null && swap.quoteMint !== null)) return swap;
  // The trader's accounts the event names (PumpSwap, CLMM)...
  let first = mintOfAccount(accounts, swap.baseAccount);
  let second = mintOfAccount(accounts, swap.quoteAccount);
  if (!first || !second || first === second) {
    // ...else the pool's vaults: the leg sold into the pool grew a vault by its amount, the other shrank one
    // (CPMM 89 B names no account; a router's temporary wSOL account is gone from the balances).
    const baseIn = swap.side === 'sell';
    const inMint = mintMovedBy(accounts, baseIn ? swap.baseAmountRaw : swap.quoteAmountRaw, swap.pool);
    const outMint = mintMovedBy(accounts, -(baseIn ? swap.quoteAmountRaw : swap.baseAmountRaw), swap.pool);
    [first, second] = baseIn ? [inMint, outMint] : [outMint, inMint];
  }
  return first && second && first !== second ? orientSwap(swap, first, second) : swap;
}

/**
 * Decimals of `mint`: from the transaction's token accounts, else what is fixed (wSOL 9, stablecoins 6),
 * else `fallback` (6 for the base token of a pump.fun curve).
 */
export function decimalsOf(mint: string | null, accounts: readonly TokenAccountBalance[] | null, fallback: number | null = null): number | null {
  if (mint === null) return null;
  const seen = accounts?.find((a) => a.mint === mint);
  if (seen) return seen.decimals;
  if (mint === WSOL_MINT) return 9;
  if (quoteRank(mint) === 2) return 6;
  return fallback;
}
