// pump.fun's bonding curve account is a PDA of the mint. Deriving it costs a SHA-256 loop and a curve
// check (web3.js), so results are cached: a busy token trades many times, and the cache is bounded.
import { PublicKey } from '@solana/web3.js';

const MAX = 20_000;
const cache = new Map<string, string>();
let programKey: PublicKey | null = null;
const SEED = Buffer.from('bonding-curve');

/** Bonding curve PDA of `mint` under `programId` (base58). */
export function bondingCurveOf(mint: string, programId: string): string {
  const hit = cache.get(mint);
  if (hit !== undefined) return hit;
  programKey ??= new PublicKey(programId);
  const [pda] = PublicKey.findProgramAddressSync([SEED, new PublicKey(mint).toBuffer()], programKey);
  const out = pda.toBase58();
  // Oldest first out: Map keeps insertion order.
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(mint, out);
  return out;
}
