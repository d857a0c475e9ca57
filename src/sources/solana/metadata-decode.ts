// Token name, symbol and uri as the chain stores them. Two places hold them:
// - the Metaplex Token Metadata account of the mint (program metaqbxx...): Borsh `key u8, update_authority [32],
//   mint [32], name string, symbol string, uri string, ...`, where a string is `u32 LE length + bytes` and the
//   program pads name/symbol/uri with NULs to 32/10/200 bytes;
// - the Token-2022 TokenMetadata extension (TLV type 19 in the mint account): `update_authority [32] (zero =
//   none), mint [32], name, symbol, uri, additional_metadata`, same string encoding, no padding.
// Both are written by whoever created the token: lengths are checked against the buffer and bounded, and the text
// is made inert by the caller (src/domain/text.ts) before it goes anywhere.

/** Metaplex `Key::MetadataV1`: the first byte of a Token Metadata account. */
export const METAPLEX_METADATA_V1 = 4;
/** Token-2022 extension type of TokenMetadata. */
export const TOKEN_METADATA_EXTENSION = 19;
/** A mint account's base size and the offset of its account-type byte; TLV entries start right after it. */
const MINT_TLV_ACCOUNT_TYPE_OFFSET = 165;
const ACCOUNT_TYPE_MINT = 1;
/** No real name/symbol/uri is longer than Metaplex's 200-byte uri limit; anything beyond is hostile and cut. */
const MAX_FIELD_BYTES = 256;

export interface OnChainMetadata {
  name: string;
  symbol: string;
  uri: string;
  /** The 32-byte mint key the record names (must equal the mint it was read for). */
  mint: Uint8Array;
}

export type MetadataDecode = { ok: true; metadata: OnChainMetadata } | { ok: false; reason: string };

class Reader {
  constructor(private readonly buf: Uint8Array, public at: number) {}

  bytes(n: number, what: string): Uint8Array {
    if (this.at + n > this.buf.length) throw new Error(`${what} runs past the end (${this.buf.length} bytes)`);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** A Borsh string: u32 LE length, then UTF-8 bytes; NUL padding removed; at most MAX_FIELD_BYTES kept. */
  string(what: string): string {
    const lenBytes = this.bytes(4, `${what} length`);
    const len = (lenBytes[0] | (lenBytes[1] << 8) | (lenBytes[2] << 16)) + lenBytes[3] * 0x1000000;
    const raw = this.bytes(len, what);
    const kept = raw.subarray(0, Math.min(raw.length, MAX_FIELD_BYTES));
    return new TextDecoder('utf-8', { fatal: false }).decode(kept).replace(/\0+$/u, '');
  }
}

function record(r: Reader): OnChainMetadata {
  r.bytes(32, 'update authority');
  const mint = r.bytes(32, 'mint');
  const name = r.string('name');
  const symbol = r.string('symbol');
  const uri = r.string('uri');
  return { name, symbol, uri, mint: Uint8Array.from(mint) };
}

/** Decodes the data of a Metaplex Token Metadata account (the fields after `uri` are not read). */
export function decodeMetaplexMetadata(data: Uint8Array): MetadataDecode {
  if (data.length === 0) return { ok: false, reason: 'empty account' };
  if (data[0] !== METAPLEX_METADATA_V1) return { ok: false, reason: `not a metadata account (key ${data[0]})` };
  try {
    return { ok: true, metadata: record(new Reader(data, 1)) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

/**
 * The TokenMetadata extension of a Token-2022 mint account, or null when the mint has none (a legacy mint, a
 * Token-2022 mint without extensions or without this one). A malformed TLV or record is a failure.
 */
export function decodeTokenMetadataExtension(mintData: Uint8Array): MetadataDecode | null {
  if (mintData.length <= MINT_TLV_ACCOUNT_TYPE_OFFSET + 1) return null;
  if (mintData[MINT_TLV_ACCOUNT_TYPE_OFFSET] !== ACCOUNT_TYPE_MINT) return null;
  let at = MINT_TLV_ACCOUNT_TYPE_OFFSET + 1;
  while (at + 4 <= mintData.length) {
    const type = mintData[at] | (mintData[at + 1] << 8);
    const len = mintData[at + 2] | (mintData[at + 3] << 8);
    // Type 0 (Uninitialized) is zero padding at the end of the account: nothing follows.
    if (type === 0) return null;
    const end = at + 4 + len;
    if (end > mintData.length) return { ok: false, reason: `extension ${type} runs past the end of the mint account` };
    if (type === TOKEN_METADATA_EXTENSION) {
      try {
        return { ok: true, metadata: record(new Reader(mintData.subarray(0, end), at + 4)) };
      } catch (err) {
        return { ok: false, reason: `tokenMetadata: ${(err as Error).message}` };
      }
    }
    at = end;
  }
  return null;
}
