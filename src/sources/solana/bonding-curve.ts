import { PublicKey } from '@solana/web3.js';
import type { AccountInfoWire } from './tx-wire.js';

/** The pump.fun bonding-curve program; its curve accounts hold the layout below. */
export const PUMP_FUN_PROGRAM = '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P';

/**
 * A pump.fun bonding curve. Layout (Anchor account: 8-byte discriminator, then little-endian fields),
 * checked against a recorded real account: virtual SOL minus real SOL is exactly the 30 SOL the curve
 * starts with, total supply is 10^15 (one billion at 6 decimals), and the creator is the signer of the
 * token's create transaction. Amounts are raw: tokens at 6 decimals, SOL in lamports.
 */
export interface BondingCurve {
  virtualTokenReserves: bigint;
  virtualSolReserves: bigint;
  realTokenReserves: bigint;
  realSolReserves: bigint;
  tokenTotalSupply: bigint;
  complete: boolean;
  creator: string;
  /** SOL per token implied by the virtual reserves (decimals-adjusted: 9 for SOL, 6 for the token). */
  priceSol: number;
}

export interface AccountEnvelope {
  slot: number | null;
  owner: string;
  lamports: number;
  space: number;
  data: Buffer;
}

/** Reads a getAccountInfo (base64) response envelope; throws with the field at fault. */
export function parseAccountInfoResponse(json: unknown): AccountEnvelope | null {
  const r = (json as { result?: { context?: { slot?: number }; value?: AccountInfoWire | null } })?.result;
  if (!r || typeof r !== 'object') throw new Error('result: missing');
  if (r.value == null) return null;
  const v = r.value;
  if (!Array.isArray(v.data) || v.data[1] !== 'base64') throw new Error('result.value.data: expected [base64, "base64"]');
  const data = Buffer.from(v.data[0], 'base64');
  return { slot: r.context?.slot ?? null, owner: v.owner, lamports: v.lamports, space: v.space ?? data.length, data };
}

const CURVE_MIN_BYTES = 8 + 5 * 8 + 1 + 32;

export function decodeBondingCurve(data: Buffer): BondingCurve {
  if (data.length < CURVE_MIN_BYTES) throw new Error(`bonding curve: ${data.length} bytes, need ${CURVE_MIN_BYTES}`);
  const u64 = (i: number) => data.readBigUInt64LE(8 + 8 * i);
  const [virtualTokenReserves, virtualSolReserves, realTokenReserves, realSolReserves, tokenTotalSupply] = [0, 1, 2, 3, 4].map(u64);
  const priceSol = virtualTokenReserves === 0n ? 0 : (Number(virtualSolReserves) / 1e9) / (Number(virtualTokenReserves) / 1e6);
  return {
    virtualTokenReserves, virtualSolReserves, realTokenReserves, realSolReserves, tokenTotalSupply,
    complete: data[48] !== 0,
    creator: new PublicKey(data.subarray(49, 81)).toBase58(),
    priceSol,
  };
}
