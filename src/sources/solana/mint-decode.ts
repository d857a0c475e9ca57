import type { AccountInfo } from '@solana/web3.js';
import { PublicKey } from '@solana/web3.js';
import {
  AccountState, ExtensionType, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getDefaultAccountState, getEpochFee,
  getExtensionTypes, getMintCloseAuthority, getNonTransferable, getPausableConfig, getPermanentDelegate,
  getTransferFeeConfig, getTransferHook, unpackMint, type Mint,
} from '@solana/spl-token';
import type { MintExtensions, MintSecurity } from '../../domain/market.js';

/** Why an account could not be read as a mint; becomes a BadData record. */
export interface MintDecodeFailure {
  mint: string;
  reason: string;
}

export type MintDecodeResult = { ok: true; security: MintSecurity } | { ok: false; failure: MintDecodeFailure };

/** Extension names as the RPC's jsonParsed encoding spells them (agave account-decoder), by TLV type. */
const EXTENSION_NAMES: Record<number, string> = {
  1: 'transferFeeConfig', 2: 'transferFeeAmount', 3: 'mintCloseAuthority', 4: 'confidentialTransferMint',
  5: 'confidentialTransferAccount', 6: 'defaultAccountState', 7: 'immutableOwner', 8: 'memoTransfer',
  9: 'nonTransferable', 10: 'interestBearingConfig', 11: 'cpiGuard', 12: 'permanentDelegate',
  13: 'nonTransferableAccount', 14: 'transferHook', 15: 'transferHookAccount', 16: 'confidentialTransferFeeConfig',
  17: 'confidentialTransferFeeAmount', 18: 'metadataPointer', 19: 'tokenMetadata', 20: 'groupPointer',
  21: 'tokenGroup', 22: 'groupMemberPointer', 23: 'tokenGroupMember', 24: 'confidentialMintBurn',
  25: 'scaledUiAmountConfig', 26: 'pausableConfig', 27: 'pausableAccount', 28: 'permissionedBurn',
};

export function extensionName(type: number): string {
  return EXTENSION_NAMES[type] ?? `unknownExtension${type}`;
}

/** An all-zero key is how the layouts encode "no authority". */
function keyOrNull(key: PublicKey | null | undefined): string | null {
  return key == null || key.equals(PublicKey.default) ? null : key.toBase58();
}

/**
 * Decodes a mint account read with getMultipleAccounts (base64) into MintSecurity. The owner picks the
 * program (spl-token's unpackMint rejects a Token-2022 mint unless given that program id). `epoch` is the
 * current epoch, which selects the transfer fee in force; null when it was not read.
 */
export function decodeMintSecurity(mint: string, info: AccountInfo<Buffer> | null, epoch: bigint | null, knownAt: number): MintDecodeResult {
  if (info == null) return { ok: false, failure: { mint, reason: 'account not found' } };
  const owner = info.owner;
  const program = owner.equals(TOKEN_PROGRAM_ID) ? 'spl-token' : owner.equals(TOKEN_2022_PROGRAM_ID) ? 'spl-token-2022' : null;
  if (program == null) return { ok: false, failure: { mint, reason: `not a mint: account owned by ${owner.toBase58()}` } };
  let decoded: Mint;
  try {
    decoded = unpackMint(new PublicKey(mint), info, owner);
  } catch (err) {
    return { ok: false, failure: { mint, reason: `not a mint: ${(err as Error).name}` } };
  }
  if (!decoded.isInitialized) return { ok: false, failure: { mint, reason: 'mint not initialized' } };
  return {
    ok: true,
    security: {
      kind: 'security', knownAt, ts: knownAt, mint, pool: null, source: 'solana',
      program, provenance: 'rpc',
      mintAuthority: keyOrNull(decoded.mintAuthority),
      freezeAuthority: keyOrNull(decoded.freezeAuthority),
      supply: decoded.supply.toString(),
      decimals: decoded.decimals,
      extensions: extensionsOf(decoded, epoch),
      topHoldersPct: null,
    },
  };
}

/**
 * Whether judging this account needs the current epoch: a Token-2022 mint whose transfer-fee schedule has
 * two different fees (older and newer). Saves a getEpochInfo call for every other batch.
 */
export function needsEpoch(mint: string, info: AccountInfo<Buffer> | null): boolean {
  if (info == null || !info.owner.equals(TOKEN_2022_PROGRAM_ID)) return false;
  try {
    const fee = getTransferFeeConfig(unpackMint(new PublicKey(mint), info, TOKEN_2022_PROGRAM_ID));
    return fee != null && fee.olderTransferFee.transferFeeBasisPoints !== fee.newerTransferFee.transferFeeBasisPoints;
  } catch {
    return false;
  }
}

export function extensionsOf(mint: Mint, epoch: bigint | null): MintExtensions {
  const types = getExtensionTypes(mint.tlvData);
  const fee = getTransferFeeConfig(mint);
  // With no epoch known, the newer fee is the cautious choice: it is the one that applies from now on.
  const feeBps = fee == null ? null : epoch == null ? fee.newerTransferFee.transferFeeBasisPoints : getEpochFee(fee, epoch).transferFeeBasisPoints;
  const hook = getTransferHook(mint);
  return {
    transferFeeBps: feeBps,
    permanentDelegate: keyOrNull(getPermanentDelegate(mint)?.delegate),
    transferHookProgram: keyOrNull(hook?.programId),
    nonTransferable: getNonTransferable(mint) != null,
    defaultAccountFrozen: getDefaultAccountState(mint)?.state === AccountState.Frozen,
    mintCloseAuthority: keyOrNull(getMintCloseAuthority(mint)?.closeAuthority),
    paused: getPausableConfig(mint)?.paused === true,
    names: types.filter((t) => t !== ExtensionType.Uninitialized).map(extensionName),
  };
}
