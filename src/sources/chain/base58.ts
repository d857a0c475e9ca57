// Base58 of 32-byte keys read straight out of an event buffer. The decoders run per notification on the
// hot path: this avoids web3.js PublicKey (an object, a BN and a copy per key) and the BigInt loop of
// domain/mint.ts (fine for flags, ~10x slower here). The number is held in limbs of 58^5 and fed two
// bytes at a time, so every intermediate stays below 2^53 and the inner loop runs ~150 times, not ~1,400.

import { BASE58_ALPHABET as ALPHABET } from '../../domain/mint.js';

const LIMB = 58 ** 5; // 656,356,768
// 32 bytes < 58^44, so 9 limbs of 5 digits always suffice.
const limbs = new Float64Array(9);

/** Base58 of `buf[offset .. offset + 32)`. */
export function encodeKey(buf: Uint8Array, offset: number): string {
  let zeros = 0;
  while (zeros < 32 && buf[offset + zeros] === 0) zeros++;
  let len = 0;
  for (let i = offset; i < offset + 32; i += 2) {
    let carry = buf[i] * 256 + buf[i + 1];
    for (let j = 0; j < len; j++) {
      const x = limbs[j] * 65536 + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / LIMB);
      limbs[len++] = carry - q * LIMB;
      carry = q;
    }
  }
  // Most significant limb without its leading zero digits, the others padded to 5 digits.
  let out = '';
  for (let j = len - 1; j >= 0; j--) {
    let v = limbs[j];
    let chunk = '';
    for (let k = 0; k < 5; k++) {
      const d = v % 58;
      chunk = ALPHABET[d] + chunk;
      v = (v - d) / 58;
      if (j === len - 1 && v === 0) break;
    }
    out += chunk;
  }
  return '1'.repeat(zeros) + out;
}

// Pools, popular mints, wSOL, routers and busy traders recur in every other notification: their encodings
// are kept (keyed by the 32 bytes as a latin1 string, which is cheap to make and to hash).
const CACHE_MAX = 50_000;
let cache = new Map<string, string>();

/** Base58 of the 32-byte key at `offset`, from a bounded cache when it was seen recently. */
export function base58Key(buf: Uint8Array, offset: number): string {
  const raw = Buffer.prototype.latin1Slice.call(buf, offset, offset + 32) as string;
  let hit = cache.get(raw);
  if (hit === undefined) {
    hit = encodeKey(buf, offset);
    // Dropping everything at the bound keeps this O(1) and the memory fixed; the hot keys come back at once.
    if (cache.size >= CACHE_MAX) cache = new Map();
    cache.set(raw, hit);
  }
  return hit;
}

/** Forgets every cached encoding (benchmarks measure the cold path with it). */
export function clearKeyCache(): void {
  cache = new Map();
}
