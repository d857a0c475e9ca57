// Solana addresses are base58 encodings of 32 bytes. Checked here without @solana/* so that flags and
// config can be validated at the edge of the CLI (only sources/ imports the Solana libraries).

/** The base58 alphabet of Solana addresses and signatures (Bitcoin's). */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...BASE58_ALPHABET].map((c, i) => [c, i]));

/** Base58 (Bitcoin alphabet) of any byte string (signatures are 64 bytes, keys 32). */
export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE58_ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

/** Decodes base58 to bytes, or null when a character is outside the alphabet. */
export function base58Decode(s: string): Uint8Array | null {
  const bytes: number[] = [0];
  for (const ch of s) {
    const v = INDEX.get(ch);
    if (v === undefined) return null;
    let carry = v;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i] * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < s.length && s[zeros] === '1') zeros++;
  const out = bytes.reverse();
  while (out.length > 1 && out[0] === 0) out.shift();
  const body = out.length === 1 && out[0] === 0 ? [] : out;
  return Uint8Array.from([...new Array(zeros).fill(0), ...body]);
}

/** Why `s` is not a valid Solana address, or null when it is one. */
export function addressProblem(s: string): string | null {
  if (s.length < 32 || s.length > 44) return `must be 32 to 44 base58 characters, got ${s.length}`;
  const bytes = base58Decode(s);
  if (!bytes) return 'contains characters outside base58 (0, O, I, l and symbols are not allowed)';
  if (bytes.length !== 32) return `decodes to ${bytes.length} bytes, not 32`;
  return null;
}
