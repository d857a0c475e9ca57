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

/** The other mint of a pool that owns token accounts of exactly two mints (PumpSwap and CLMM vaults). */
function otherPoolMint(accounts: readonly TokenAccountBalance[], pool: string | null, known: string): string | null {
  if (!pool) return null;
  const mints = new Set(accounts.filter((a) => a.owner === pool).map((a) => a.mint));
  if (mints.size !== 2 || !mints.has(known)) return null;
  for (const m of mints) if (m !== known) return m;
  return null;
}

/** The swap with its mints filled in and its orientation settled where the token accounts tell; else as it was. */
export function settleFromBalances(swap: DecodedSwap, accounts: readonly TokenAccountBalance[] | null): DecodedSwap {
  if (!accounts || (swap.mint !== null && swap.quoteMint !== null)) return swap;
  // The leg sold into the pool grew a vault by its amount, the other shrank one. Fees can make a vault move
  // by a little more or less than the event's amount (PumpSwap's LP fee); then the pool's other mint decides.
  const baseIn = swap.side === 'sell';
  // The trader's accounts the event names (PumpSwap, CLMM) first: a router's temporary wSOL account may be
  // gone from the balances, and CPMM 89 B names none.
  let first = mintOfAccount(accounts, swap.baseAccount) ?? mintMovedBy(accounts, baseIn ? swap.baseAmountRaw : -swap.baseAmountRaw, swap.pool);
  let second = mintOfAccount(accounts, swap.quoteAccount) ?? mintMovedBy(accounts, baseIn ? -swap.quoteAmountRaw : swap.quoteAmountRaw, swap.pool);
  if (first && !second) second = otherPoolMint(accounts, swap.pool, first);
  if (second && !first) first = otherPoolMint(accounts, swap.pool, second);
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
