// Little-endian readers over an event payload. Each returns null past the end of the buffer, so a decoder
// reads a field only when this generation of the event carries it (events grow at the end).
import { base58Key } from '../base58.js';

export function u64(buf: Buffer, offset: number): bigint | null {
  return offset + 8 <= buf.length ? buf.readBigUInt64LE(offset) : null;
}

export function i64(buf: Buffer, offset: number): bigint | null {
  return offset + 8 <= buf.length ? buf.readBigInt64LE(offset) : null;
}

export function u128(buf: Buffer, offset: number): bigint | null {
  return offset + 16 <= buf.length ? buf.readBigUInt64LE(offset) | (buf.readBigUInt64LE(offset + 8) << 64n) : null;
}

export function bool(buf: Buffer, offset: number): boolean | null {
  return offset < buf.length ? buf[offset] !== 0 : null;
}

export function key(buf: Buffer, offset: number): string | null {
  return offset + 32 <= buf.length ? base58Key(buf, offset) : null;
}

/** Borsh string (u32 length + UTF-8); null when the length runs past the buffer. */
export function str(buf: Buffer, offset: number): { value: string; end: number } | null {
  if (offset + 4 > buf.length) return null;
  const n = buf.readUInt32LE(offset);
  if (offset + 4 + n > buf.length) return null;
  return { value: buf.toString('utf8', offset + 4, offset + 4 + n), end: offset + 4 + n };
}

/** Event timestamp (unix seconds) as epoch ms; null when absent or not positive. */
export function secondsToMs(s: bigint | null): number | null {
  return s !== null && s > 0n ? Number(s) * 1000 : null;
}

/** The 8-byte discriminator as 16 hex characters (the key of a decoder table). */
export function discriminator(buf: Buffer): string {
  return buf.toString('hex', 0, 8);
}
