// Which of a mint's largest token accounts belong to pools, bonding curves or the burn address rather than to
// holders. getTokenLargestAccounts lists token accounts; what matters is who owns them. A pool's vault is owned
// either by the pool account itself (PumpSwap, Raydium CLMM, Orca Whirlpool, Meteora DLMM: an account owned by
// the AMM program) or by a program-wide authority PDA with no data (Raydium AMM v4 and CPMM, Meteora DAMM v2
// and DBC, Raydium LaunchLab). So the rule needs no list of pools: the owner's own program owner, plus a short
// list of fixed authorities. Pure: the reads are in holders-read.ts.
import { PublicKey } from '@solana/web3.js';
import type { HolderExclusion } from '../../domain/market.js';

/** pump.fun's bonding-curve program: an owner it owns is a curve. */
export const PUMP_CURVE_PROGRAM = '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P';

/**
 * Programs whose accounts own pool vaults (the default of sources.solana.holderPoolPrograms). The tap's
 * programs, plus the AMMs it cannot decode. Checked against real transactions in ../shared/data where they
 * appear (pump, PumpSwap, CPMM, CLMM, AMM v4, DLMM, Whirlpool, LaunchLab) and against the projects' own
 * published ids for the others.
 */
export const DEFAULT_POOL_PROGRAMS: Readonly<Record<string, string>> = {
  pump: PUMP_CURVE_PROGRAM,
  pump_amm: 'pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA',
  raydium_amm_v4: '675kPX9MHTjS2zt1qfr1NYHuzeLXfQM9H24wFSUt1Mp8',
  raydium_cpmm: 'CPMMoo8L3F4NbTegBCKVNunggL7H1ZpdTHKxQB5qKP1C',
  raydium_clmm: 'CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK',
  raydium_launchlab: 'LanMV9sAd7wArD4vJFi2qDdfnVhFxYSUg6eADduJ3uj',
  meteora_dlmm: 'LBUZKhRxPF3XUpBCjp4YzTKgLccjZhTSDM9YuVaPwxo',
  meteora_damm_v1: 'Eo7WjKq67rjJQSZxS6z3YkapzY3eMj6Xy8X5EQVn5UaB',
  // DAMM v1 keeps its tokens in Meteora's vault program: the vault account owns the token account.
  meteora_vault: '24Uqj9JCLxUeoC3hGfh5W3s9FM9uCHDS2SG3LYwBpyTi',
  meteora_damm_v2: 'cpamdpZCGKUy5JxQXB4dcpGPiikHawvSWAd6mEn1sGG',
  meteora_dbc: 'dbcij3LWUppWqq96dh6gJWwBifmcGfLSB5D4DuSMaqN',
  orca_whirlpool: 'whirLbMiicVdio4qvUfM5KAg6Ct8VwpYzGff3uctyCc',
};

/**
 * Program-wide vault authorities (PDAs without data, so their program owner says nothing): the default of
 * sources.solana.holderPoolAuthorities. Each is the PDA of the seed beside it under its program (a test
 * derives them); AMM v4's and CPMM's also own the vaults of real swaps in ../shared/data.
 */
export const DEFAULT_POOL_AUTHORITIES: Readonly<Record<string, { address: string; seed: string; program: string }>> = {
  raydium_amm_v4: { address: '5Q544fKrFoe6tsEbD7S8EmxGTJYAKtTVhAW5Q5pge4j1', seed: 'amm authority', program: DEFAULT_POOL_PROGRAMS.raydium_amm_v4 },
  raydium_cpmm: { address: 'GpMZbSM2GgvTKHJirzeGfMFoaZ8UR2X7F4v8vHTvxFbL', seed: 'vault_and_lp_mint_auth_seed', program: DEFAULT_POOL_PROGRAMS.raydium_cpmm },
  raydium_launchlab: { address: 'WLHv2UAZm6z4KyaaELi5pjdbJh6RESMva1Rnn8pJVVh', seed: 'vault_auth_seed', program: DEFAULT_POOL_PROGRAMS.raydium_launchlab },
  meteora_damm_v2: { address: 'HLnpSz9h2S4hiLQ43rnSD9XkcUThA7B8hQMKmDaiTLcC', seed: 'pool_authority', program: DEFAULT_POOL_PROGRAMS.meteora_damm_v2 },
  meteora_dbc: { address: 'FhVo3mqL8PW5pH5U2CN4XE33DokiyZnUwuGpH2hmHLuM', seed: 'pool_authority', program: DEFAULT_POOL_PROGRAMS.meteora_dbc },
};

/** Tokens sent here are gone for good (Solana's incinerator). */
export const BURN_ADDRESSES: readonly string[] = ['1nc1nerator11111111111111111111111111111111'];

/** What the classifier knows besides the accounts themselves. */
export interface HolderRules {
  /** The mint's own pump.fun bonding curve (PDA of ["bonding-curve", mint]). */
  bondingCurve: string | null;
  poolPrograms: ReadonlySet<string>;
  poolAuthorities: ReadonlySet<string>;
  /** Pools the chain tap has learned (chain_pools): an owner among them is a pool. */
  isKnownPool(address: string): boolean;
}

/**
 * Why a token account owned by `owner` is not a holder's, or null when it is. `ownerProgram` is the program
 * that owns the owner's account: null when the owner has no account (a fresh wallet, an authority PDA),
 * undefined when it was not read.
 */
export function exclusionOf(owner: string, ownerProgram: string | null | undefined, rules: HolderRules): HolderExclusion | null {
  if (BURN_ADDRESSES.includes(owner)) return 'burn';
  if (owner === rules.bondingCurve) return 'bonding_curve';
  if (rules.poolAuthorities.has(owner)) return 'pool_authority';
  if (rules.isKnownPool(owner)) return 'pool';
  if (ownerProgram == null || !rules.poolPrograms.has(ownerProgram)) return null;
  // Another pump.fun account owning this mint's tokens is a curve too (a curve of the same program).
  return ownerProgram === PUMP_CURVE_PROGRAM ? 'bonding_curve' : 'pool';
}

/** Smallest SPL token account; Token-2022 accounts are longer with the same 165-byte prefix. */
const TOKEN_ACCOUNT_BYTES = 165;

/**
 * Owner of a token account from its bytes (mint 0..32, owner 32..64, same in Token-2022). Null when the bytes
 * are not a token account of `mint` (closed and reused, or not a token account at all).
 */
export function tokenAccountOwner(data: Uint8Array, mint: string): string | null {
  if (data.length < TOKEN_ACCOUNT_BYTES) return null;
  const mintOf = new PublicKey(data.subarray(0, 32)).toBase58();
  if (mintOf !== mint) return null;
  return new PublicKey(data.subarray(32, 64)).toBase58();
}
