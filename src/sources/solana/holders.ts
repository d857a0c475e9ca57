/**
 * Share (0..100) of `supply` held by the `top` largest token accounts. Amounts and supply are raw u64
 * decimal strings (as the RPC sends them); the sum is done in bigint so no precision is lost before the
 * final division. Null when the supply is zero or unreadable. Note these are token accounts, not owners:
 * pool vaults and bonding curves count as holders here.
 */
export function topHoldersPct(amounts: readonly string[], supply: string, top: number): number | null {
  let total: bigint;
  try {
    total = BigInt(supply);
  } catch {
    return null;
  }
  if (total <= 0n) return null;
  const sorted = amounts.map(toBigInt).filter((a): a is bigint => a != null).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  const held = sorted.slice(0, top).reduce((s, a) => s + a, 0n);
  // Keep six decimals of a percent: scale before the integer division.
  return Number((held * 100_000_000n) / total) / 1_000_000;
}

function toBigInt(s: string): bigint | null {
  try {
    return /^\d+$/.test(s) ? BigInt(s) : null;
  } catch {
    return null;
  }
}
