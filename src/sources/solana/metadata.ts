import { PublicKey, type AccountInfo } from '@solana/web3.js';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import type { TokenInfo } from '../../domain/market.js';
import { inertText } from '../http/text.js';
import { decodeMetaplexMetadata, decodeTokenMetadataExtension, type MetadataDecode } from './metadata-decode.js';

/** The Metaplex Token Metadata program. */
export const METADATA_PROGRAM_ID = new PublicKey('metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s');
const SEED = Buffer.from('metadata');
/** Offset of `decimals` in a mint account (after mint authority option + key and supply). */
const DECIMALS_OFFSET = 44;
const IS_INITIALIZED_OFFSET = 45;
const MINT_BASE_SIZE = 82;
const ACCOUNT_TYPE_OFFSET = 165;
const ACCOUNT_TYPE_MINT = 1;

// Deriving a PDA hashes up to 255 times; the mints of a scan are few and re-read hourly, so remember them.
const pdaCache = new Map<string, PublicKey>();
const PDA_CACHE_MAX = 20_000;

/** The Metaplex metadata account of a mint: PDA of ["metadata", program id, mint] under the program. */
export function metadataAddress(mint: PublicKey): PublicKey {
  const k = mint.toBase58();
  let pda = pdaCache.get(k);
  if (!pda) {
    [pda] = PublicKey.findProgramAddressSync([SEED, METADATA_PROGRAM_ID.toBuffer(), mint.toBuffer()], METADATA_PROGRAM_ID);
    if (pdaCache.size >= PDA_CACHE_MAX) pdaCache.clear();
    pdaCache.set(k, pda);
  }
  return pda;
}

/**
 * A mint's layout, not a token account's: 82 bytes, or a Token-2022 account longer than 165 bytes whose account-type
 * byte says Mint (a token account is 165 bytes, or longer with type Account), and initialized.
 */
function isInitializedMint(data: Buffer): boolean {
  const shaped = data.length === MINT_BASE_SIZE || (data.length > ACCOUNT_TYPE_OFFSET && data[ACCOUNT_TYPE_OFFSET] === ACCOUNT_TYPE_MINT);
  return shaped && data[IS_INITIALIZED_OFFSET] === 1;
}

export interface OnChainTokenInfo {
  /** Null when the mint account itself is unusable (its MintSecurity failure already reports it). */
  info: TokenInfo | null;
  /** A metadata record that was there but could not be read, or named another mint: reported as bad data. */
  problem: string | null;
}

/**
 * Name, symbol and decimals of `mint` from what one getMultipleAccounts call returned for it: its mint account
 * and its Metaplex metadata account. The Token-2022 TokenMetadata extension in the mint account wins over the
 * Metaplex account (a Token-2022 mint that carries one points its metadata pointer at itself). Without either,
 * the record still carries the decimals and the program: that much the chain always tells.
 */
export function tokenInfoFromAccounts(mint: string, mintAccount: AccountInfo<Buffer> | null, metadataAccount: AccountInfo<Buffer> | null, knownAt: number): OnChainTokenInfo {
  if (!mintAccount || !isInitializedMint(mintAccount.data)) return { info: null, problem: null };
  const owner = mintAccount.owner;
  if (!owner.equals(TOKEN_PROGRAM_ID) && !owner.equals(TOKEN_2022_PROGRAM_ID)) return { info: null, problem: null };
  let problem: string | null = null;
  let found: MetadataDecode | null = owner.equals(TOKEN_2022_PROGRAM_ID) ? decodeTokenMetadataExtension(mintAccount.data) : null;
  if (found && !found.ok) problem = found.reason;
  if ((!found || !found.ok) && metadataAccount && metadataAccount.owner.equals(METADATA_PROGRAM_ID)) found = decodeMetaplexMetadata(metadataAccount.data);
  if (found && !found.ok) problem ??= `metadata account: ${found.reason}`;
  let meta = found?.ok ? found.metadata : null;
  if (meta && !new PublicKey(meta.mint).equals(new PublicKey(mint))) {
    problem = `metadata names another mint (${new PublicKey(meta.mint).toBase58()})`;
    meta = null;
  }
  const info: TokenInfo = {
    kind: 'token', knownAt, ts: knownAt, mint, pool: null, source: 'solana',
    symbol: meta ? inertText(meta.symbol, 32) : null, name: meta ? inertText(meta.name) : null,
    decimals: mintAccount.data[DECIMALS_OFFSET], tokenProgram: owner.toBase58(),
    audit: null, holderCount: null, liquidityUsd: null, volume24hUsd: null,
  };
  return { info, problem };
}
