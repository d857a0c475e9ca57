// pump.fun's bonding curve account is a PDA of the mint. Deriving it costs a SHA-256 loop and a curve
// check (web3.js, ~0.2 ms), so results are cached: a busy token trades many times, and the cache is bounded.
// The cache is also told curves without deriving them: a CreateEvent names its token's curve, and the
// store keeps the curves of earlier sessions (chain_pools rows of program `pump`), loaded at start.
import { PublicKey } from '@solana/web3.js';

/** Curves kept at most (oldest out first). */
export const BONDING_CURVES_MAX = 20_000;
const cache = new Map<string, string>();
let programKey: PublicKey | null = null;
const SEED = Buffer.from('bonding-curve');
/** Derivations made (cache misses) since the process started. */
let derived = 0;

/** Bonding curve PDA of `mint` under `programId` (base58). */
export function bondingCurveOf(mint: string, programId: string): string {
  const hit = cache.get(mint);
  if (hit !== undefined) return hit;
  programKey ??= new PublicKey(programId);
  const [pda] = PublicKey.findProgramAddressSync([SEED, new PublicKey(mint).toBuffer()], programKey);
  const out = pda.toBase58();
  derived++;
  remember(mint, out);
  return out;
}

function remember(mint: string, curve: string): void {
  // Oldest first out: Map keeps insertion order.
  if (cache.size >= BONDING_CURVES_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(mint, curve);
}

/** A curve known without deriving it (a CreateEvent's, a stored one): later trades of `mint` skip the derivation. */
export function noteBondingCurve(mint: string, curve: string): void {
  if (!cache.has(mint)) remember(mint, curve);
}

/** Drops curves noted for made-up mints (the tap's warm-up), so none outlives it. */
export function forgetBondingCurves(mints: Iterable<string>): void {
  for (const m of mints) cache.delete(m);
}

/** The cached curve of `mint`, if any (no derivation). */
export function cachedBondingCurve(mint: string): string | undefined {
  return cache.get(mint);
}

/** Derivations made so far in this process (diagnostics, tests). */
export function bondingCurveDerivations(): number {
  return derived;
}
