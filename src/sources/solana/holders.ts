import type { HolderExclusion } from '../../domain/market.js';

/**
 * Share (0..100) of `supply` held by the `top` largest token accounts. Amounts and supply are raw u64
 * decimal strings (as the RPC sends them); the sum is done in bigint so no precision is lost before the
 * final division. Null when the supply is zero or unreadable. Note these are token accounts, not owners:
 * pool vaults and bonding curves count as holders here (holderConcentration leaves them out).
 */
export function topHoldersPct(amounts: readonly string[], supply: string, top: number): number | null {
  const total = toBigInt(supply);
  if (total === null || total <= 0n) return null;
  const sorted = amounts.map(toBigInt).filter((a): a is bigint => a != null).sort(descending);
  const held = sorted.slice(0, top).reduce((s, a) => s + a, 0n);
  return pctOf(held, total);
}

/** One of the largest token accounts, with what is known of its owner. */
export interface ClassifiedAccount {
  address: string;
  /** Raw amount (u64 decimal string). */
  amount: string;
  /** Owner read from the account bytes; null when unread (the account then counts as its own holder). */
  owner: string | null;
  /** Why it is not a holder's, or null. */
  exclusion: HolderExclusion | null;
}

export interface HolderConcentration {
  /** Share (0..100) of supply held by the `top` largest remaining holders (owners, their accounts summed). */
  topPct: number;
  /** Holders summed (at most `top`). */
  holders: number;
  /** Accounts left out, by reason. */
  excluded: Partial<Record<HolderExclusion, number>>;
  /** Share (0..100) of supply in the accounts left out. */
  excludedPct: number;
}

/**
 * Holder concentration without pools: accounts with an exclusion are left out, the rest are summed per
 * owner (one wallet's several accounts are one holder), and the `top` largest owners are summed against
 * the whole supply. Null when the supply is zero or unreadable; amounts that are not u64 strings are skipped.
 */
export function holderConcentration(accounts: readonly ClassifiedAccount[], supply: string, top: number): HolderConcentration | null {
  const total = toBigInt(supply);
  if (total === null || total <= 0n) return null;
  const byOwner = new Map<string, bigint>();
  const excluded: Partial<Record<HolderExclusion, number>> = {};
  let excludedSum = 0n;
  for (const a of accounts) {
    const amount = toBigInt(a.amount);
    if (amount === null) continue;
    if (a.exclusion) {
      excluded[a.exclusion] = (excluded[a.exclusion] ?? 0) + 1;
      excludedSum += amount;
      continue;
    }
    const holder = a.owner ?? a.address;
    byOwner.set(holder, (byOwner.get(holder) ?? 0n) + amount);
  }
  const largest = [...byOwner.values()].sort(descending).slice(0, top);
  const held = largest.reduce((s, a) => s + a, 0n);
  return { topPct: pctOf(held, total), holders: largest.length, excluded, excludedPct: pctOf(excludedSum, total) };
}

// Keep six decimals of a percent: scale before the integer division.
function pctOf(part: bigint, total: bigint): number {
  return Number((part * 100_000_000n) / total) / 1_000_000;
}

function descending(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

function toBigInt(s: string): bigint | null {
  return /^\d+$/.test(s) ? BigInt(s) : null;
}
