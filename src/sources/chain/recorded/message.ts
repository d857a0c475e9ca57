// The two things a base64 wire transaction is read for: its first signature and its static account keys.
// Hand-parsed (a few compact-u16 lengths) rather than through web3.js VersionedTransaction, which would
// build a PublicKey per account.
import { base58Encode } from '../../../domain/mint.js';
import { base58Key } from '../base58.js';

function compactU16(buf: Buffer, at: number): { value: number; end: number } {
  let value = 0;
  for (let i = 0; i < 3; i++) {
    const b = buf[at + i];
    if (b === undefined) throw new Error('wire transaction ends inside a length');
    value |= (b & 0x7f) << (7 * i);
    if ((b & 0x80) === 0) return { value, end: at + i + 1 };
  }
  return { value, end: at + 3 };
}

/** Signature (base58) and static account keys of a serialized transaction (legacy or v0). */
export function readWireTransaction(base64: string): { signature: string | null; accountKeys: string[] } {
  const buf = Buffer.from(base64, 'base64');
  const sigs = compactU16(buf, 0);
  const signature = sigs.value > 0 ? base58Encode(buf.subarray(sigs.end, sigs.end + 64)) : null;
  let at = sigs.end + 64 * sigs.value;
  // A v0 message starts with 0x80 | version; a legacy one with the header's first byte (< 0x80).
  if (buf[at] !== undefined && buf[at] & 0x80) at++;
  at += 3;
  const keys = compactU16(buf, at);
  at = keys.end;
  if (at + 32 * keys.value > buf.length) throw new Error('wire transaction is shorter than its account keys');
  const accountKeys: string[] = [];
  for (let i = 0; i < keys.value; i++) accountKeys.push(base58Key(buf, at + 32 * i));
  return { signature, accountKeys };
}
