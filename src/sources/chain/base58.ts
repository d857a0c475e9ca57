// Base58 of 32-byte keys read straight out of an event buffer. The decoders run per notification on the
// hot path: this avoids web3.js PublicKey (an object, a BN and a copy per key) and the BigInt loop of
// domain/mint.ts (fine for flags, ~10x slower here).

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
// 32 bytes need at most 44 base58 digits.
const digits = new Uint8Array(44);

/** Base58 of `buf[offset .. offset + 32)`. */
export function base58Key(buf: Uint8Array, offset: number): string {
  const end = offset + 32;
  let zeros = 0;
  while (zeros < 32 && buf[offset + zeros] === 0) zeros++;
  // Little-endian base-58 digits; `len` grows as the number does.
  let len = 0;
  for (let i = offset + zeros; i < end; i++) {
    let carry = buf[i];
    for (let j = 0; j < len; j++) {
      carry += digits[j] << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits[len++] = carry % 58;
      carry = (carry / 58) | 0;
    }
  }
  let out = '1'.repeat(zeros);
  for (let j = len - 1; j >= 0; j--) out += ALPHABET[digits[j]];
  return out;
}
