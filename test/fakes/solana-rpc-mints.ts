import { Keypair, PublicKey } from '@solana/web3.js';
import { encodeTokenMetadataValue, type MetadataSpec } from './solana-rpc-metadata.js';
import {
  ACCOUNT_SIZE, AccountLayout, AccountState, AccountType, DefaultAccountStateLayout, ExtensionType, MINT_SIZE, MintCloseAuthorityLayout, MintLayout,
  PausableConfigLayout, PermanentDelegateLayout, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, TransferFeeConfigLayout,
  TransferHookLayout, getMintLen, getTypeLen,
} from '@solana/spl-token';

/** A mint to serve from the fake RPC, encoded with spl-token's own layouts so spl-token decodes it for real. */
export interface MintSpec {
  program?: 'spl-token' | 'spl-token-2022';
  /** Null = renounced. */
  mintAuthority?: string | null;
  freezeAuthority?: string | null;
  /** Raw base units. */
  supply?: bigint;
  decimals?: number;
  /** Token-2022 extensions (setting any implies program spl-token-2022). */
  transferFee?: { olderBps: number; newerBps: number; olderEpoch?: bigint; newerEpoch: bigint; maximumFee?: bigint };
  permanentDelegate?: string;
  transferHookProgram?: string;
  nonTransferable?: boolean;
  defaultAccountFrozen?: boolean;
  mintCloseAuthority?: string;
  paused?: boolean;
  /** Token-2022 TokenMetadata extension (with a MetadataPointer to the mint itself), as such mints carry it. */
  tokenMetadata?: MetadataSpec;
}

export interface EncodedAccount {
  owner: PublicKey;
  data: Buffer;
  lamports: number;
}

type Tlv = [ExtensionType, (buf: Buffer, offset: number) => void];

function key(s: string | null | undefined): PublicKey {
  return s ? new PublicKey(s) : PublicKey.default;
}

function extensionsOf(spec: MintSpec): Tlv[] {
  const out: Tlv[] = [];
  const tf = spec.transferFee;
  if (tf) {
    out.push([ExtensionType.TransferFeeConfig, (b, o) => TransferFeeConfigLayout.encode({
      transferFeeConfigAuthority: PublicKey.default, withdrawWithheldAuthority: PublicKey.default, withheldAmount: 0n,
      olderTransferFee: { epoch: tf.olderEpoch ?? 0n, maximumFee: tf.maximumFee ?? 10n ** 15n, transferFeeBasisPoints: tf.olderBps },
      newerTransferFee: { epoch: tf.newerEpoch, maximumFee: tf.maximumFee ?? 10n ** 15n, transferFeeBasisPoints: tf.newerBps },
    }, b, o)]);
  }
  if (spec.mintCloseAuthority) out.push([ExtensionType.MintCloseAuthority, (b, o) => MintCloseAuthorityLayout.encode({ closeAuthority: key(spec.mintCloseAuthority) }, b, o)]);
  if (spec.defaultAccountFrozen) out.push([ExtensionType.DefaultAccountState, (b, o) => DefaultAccountStateLayout.encode({ state: AccountState.Frozen }, b, o)]);
  if (spec.nonTransferable) out.push([ExtensionType.NonTransferable, () => undefined]);
  if (spec.permanentDelegate) out.push([ExtensionType.PermanentDelegate, (b, o) => PermanentDelegateLayout.encode({ delegate: key(spec.permanentDelegate) }, b, o)]);
  if (spec.transferHookProgram) {
    out.push([ExtensionType.TransferHook, (b, o) => TransferHookLayout.encode({ authority: PublicKey.default, programId: key(spec.transferHookProgram) }, b, o)]);
  }
  if (spec.paused !== undefined) {
    out.push([ExtensionType.PausableConfig, (b, o) => PausableConfigLayout.encode({ authority: PublicKey.default, paused: spec.paused! }, b, o)]);
  }
  return out;
}

/**
 * The real account bytes of a mint: the 82-byte base (MintLayout), and for Token-2022 with extensions the
 * account-type byte at 165 and TLV entries from 166 ([type u16][length u16][value]).
 */
export function encodeMint(spec: MintSpec, address?: string): EncodedAccount {
  const tlv = extensionsOf(spec);
  // TokenMetadata has a variable length: it goes last, after a fixed-size MetadataPointer naming the mint itself.
  const meta = spec.tokenMetadata ? encodeTokenMetadataValue(address ?? PublicKey.default.toBase58(), spec.tokenMetadata) : null;
  if (meta) {
    const self = key(address);
    tlv.push([ExtensionType.MetadataPointer, (b, o) => { PublicKey.default.toBuffer().copy(b, o); self.toBuffer().copy(b, o + 32); }]);
  }
  const is2022 = spec.program === 'spl-token-2022' || tlv.length > 0;
  const fixedLen = tlv.length ? getMintLen(tlv.map(([t]) => t)) : MINT_SIZE;
  const data = Buffer.alloc(fixedLen + (meta ? 4 + meta.length : 0));
  MintLayout.encode({
    mintAuthorityOption: spec.mintAuthority ? 1 : 0,
    mintAuthority: key(spec.mintAuthority),
    supply: spec.supply ?? 1_000_000_000_000_000n,
    decimals: spec.decimals ?? 6,
    isInitialized: true,
    freezeAuthorityOption: spec.freezeAuthority ? 1 : 0,
    freezeAuthority: key(spec.freezeAuthority),
  }, data, 0);
  if (tlv.length) {
    data[165] = AccountType.Mint;
    let offset = 166;
    for (const [type, write] of tlv) {
      const len = getTypeLen(type);
      data.writeUInt16LE(type, offset);
      data.writeUInt16LE(len, offset + 2);
      write(data, offset + 4);
      offset += 4 + len;
    }
    if (meta) {
      data.writeUInt16LE(ExtensionType.TokenMetadata, offset);
      data.writeUInt16LE(meta.length, offset + 2);
      meta.copy(data, offset + 4);
    }
  }
  // Rent-exempt minimum for the size (the real formula: (128 + len) * 3480 * 2).
  return { owner: is2022 ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID, data, lamports: (128 + data.length) * 6960 };
}

/**
 * A token account's bytes, encoded with spl-token's AccountLayout (165 bytes; Token-2022 accounts share the
 * prefix): mint 0..32, owner 32..64, amount; initialized; owned by the mint's token program.
 */
export function encodeTokenAccount(mint: string, owner: string, amount: bigint, program: PublicKey = TOKEN_PROGRAM_ID): EncodedAccount {
  const data = Buffer.alloc(ACCOUNT_SIZE);
  AccountLayout.encode({
    mint: new PublicKey(mint), owner: new PublicKey(owner), amount, delegateOption: 0, delegate: PublicKey.default,
    state: AccountState.Initialized, isNativeOption: 0, isNative: 0n, delegatedAmount: 0n, closeAuthorityOption: 0, closeAuthority: PublicKey.default,
  }, data);
  return { owner: program, data, lamports: 2_039_280 };
}

/** Deterministic valid base58 addresses for tests (seeded, so reruns use the same keys). */
export function testAddress(seed: number): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = (seed * 131 + i * 17 + 7) & 0xff;
  bytes[0] = seed & 0xff;
  bytes[1] = (seed >> 8) & 0xff;
  return Keypair.fromSeed(bytes).publicKey.toBase58();
}

/** Authorities and programs used by the presets (valid keys from api-contracts.md). */
export const WALLET_A = '6anbDQNCcVh2f6okexjaX1VGj6tEnizJ1kV5UTBS8Zhi';
export const WALLET_B = 'Borqy3dEjw9az7Uj9nW69A9ZDansFGHWEggUx7tkv44f';

/** The mint kinds a scanner must tell apart. */
export const MINT_PRESETS = {
  renounced: { mintAuthority: null, freezeAuthority: null },
  liveMintAuthority: { mintAuthority: WALLET_A, freezeAuthority: null },
  liveFreezeAuthority: { mintAuthority: null, freezeAuthority: WALLET_B },
  transferFee300: { transferFee: { olderBps: 0, newerBps: 300, newerEpoch: 800n } },
  permanentDelegate: { permanentDelegate: WALLET_B },
  transferHook: { transferHookProgram: WALLET_A },
  nonTransferable: { nonTransferable: true },
  defaultFrozen: { defaultAccountFrozen: true },
  closeAuthorityPaused: { mintCloseAuthority: WALLET_A, paused: true },
} satisfies Record<string, MintSpec>;
