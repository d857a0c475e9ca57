import { PublicKey } from '@solana/web3.js';
import type { EncodedAccount } from './solana-rpc-mints.js';

// Token name/symbol/uri records built byte by byte from the on-chain layouts, independently of the scanner's
// decoder (src/sources/solana/metadata*.ts), so a test of one against the other can fail.

/** The Metaplex Token Metadata program (owner of every metadata account). */
export const METAPLEX_PROGRAM = new PublicKey('metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s');

/** A text field: a string (UTF-8), or raw bytes to test hostile encodings; `declaredLength` lies about the size. */
export type FieldSpec = string | { bytes: Uint8Array; declaredLength?: number };

export interface MetadataSpec {
  name: FieldSpec;
  symbol: FieldSpec;
  uri?: FieldSpec;
  updateAuthority?: string;
  /** The mint the record names (default: the mint it is stored for; another one tests a mismatch). */
  mint?: string;
  /** NUL-pad name/symbol/uri to 32/10/200 bytes as Metaplex's create instructions do (default true). */
  pad?: boolean;
}

function borshString(field: FieldSpec, padTo: number | null): Buffer {
  const raw = typeof field === 'string' ? Buffer.from(field, 'utf8') : Buffer.from(field.bytes);
  const body = padTo !== null && raw.length < padTo ? Buffer.concat([raw, Buffer.alloc(padTo - raw.length)]) : raw;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(typeof field === 'string' || field.declaredLength === undefined ? body.length : field.declaredLength);
  return Buffer.concat([len, body]);
}

/** The Metaplex metadata PDA of a mint: ["metadata", program, mint]. */
export function metaplexAddress(mint: string): string {
  return PublicKey.findProgramAddressSync([Buffer.from('metadata'), METAPLEX_PROGRAM.toBuffer(), new PublicKey(mint).toBuffer()], METAPLEX_PROGRAM)[0].toBase58();
}

/**
 * A Metaplex `MetadataV1` account: key 4, update authority, mint, name, symbol, uri, seller fee (u16), creators
 * (None), primary sale, is mutable, edition nonce (None), token standard (Some(Fungible)), collection, uses,
 * collection details, programmable config (all None).
 */
export function encodeMetaplexMetadata(mint: string, spec: MetadataSpec): EncodedAccount {
  const pad = spec.pad !== false;
  const data = Buffer.concat([
    Buffer.from([4]),
    new PublicKey(spec.updateAuthority ?? mint).toBuffer(),
    new PublicKey(spec.mint ?? mint).toBuffer(),
    borshString(spec.name, pad ? 32 : null),
    borshString(spec.symbol, pad ? 10 : null),
    borshString(spec.uri ?? '', pad ? 200 : null),
    Buffer.from([0, 0, 0, 0, 1, 0, 1, 2, 0, 0, 0, 0]),
  ]);
  return { owner: METAPLEX_PROGRAM, data, lamports: (128 + data.length) * 6960 };
}

/** The value of a Token-2022 TokenMetadata TLV entry: update authority, mint, name, symbol, uri, no extra fields. */
export function encodeTokenMetadataValue(mint: string, spec: MetadataSpec): Buffer {
  return Buffer.concat([
    spec.updateAuthority ? new PublicKey(spec.updateAuthority).toBuffer() : Buffer.alloc(32),
    new PublicKey(spec.mint ?? mint).toBuffer(),
    borshString(spec.name, null),
    borshString(spec.symbol, null),
    borshString(spec.uri ?? '', null),
    Buffer.alloc(4),
  ]);
}
