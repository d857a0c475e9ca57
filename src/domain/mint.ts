// Solana addresses are base58 encodings of 32 bytes. Checked here without @solana/* so that flags and
// config can be validated at the edge of the CLI (only sources/ imports the Solana libraries).

/** The base58 alphabet of Solana addresses and signatures (Bitcoin's). */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** The value of each base58 character by its char code (-1: not in the alphabet). */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE58_ALPHABET.length; i++) DIGIT[BASE58_ALPHABET.charCodeAt(i)] = i;

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

/**
 * Decodes base58 to bytes, or null when a character is outside the alphabet. Bytes in a typed array and
 * characters by char code: the config's addresses are checked at every start, before V8 has compiled this.
 */
export function base58Decode(s: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < s.length && s.charCodeAt(zeros) === 49) zeros++;
  // The value's bytes, least significant first (a base58 character carries log(58)/log(256) < 0.733 bytes).
  const value = new Uint8Array(Math.ceil((s.length - zeros) * 0.733) + 1);
  let used = 0;
  for (let k = zeros; k < s.length; k++) {
    const c = s.charCodeAt(k);
    let carry = c < 128 ? DIGIT[c] : -1;
    if (carry < 0) return null;
    for (let i = 0; i < used; i++) {
      carry += value[i] * 58;
      value[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      value[used++] = carry & 0xff;
      carry >>= 8;
    }
  }
  // Leading '1's are zero bytes; the value follows, most significant byte first.
  const out = new Uint8Array(zeros + used);
  for (let i = 0; i < used; i++) out[zeros + i] = value[used - 1 - i];
  return out;
}

/** Why `s` is not a valid Solana address, or null when it is one. */
export function addressProblem(s: string): string | null {
  if (s.length < 32 || s.length > 44) return `must be 32 to 44 base58 characters, got ${s.length}`;
  const bytes = base58Decode(s);
  if (!bytes) return 'contains characters outside base58 (0, O, I, l and symbols are not allowed)';
  if (bytes.length !== 32) return `decodes to ${bytes.length} bytes, not 32`;
  return null;
}
