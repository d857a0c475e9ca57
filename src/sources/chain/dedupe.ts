/**
 * Remembers recently seen keys in bounded memory: two generations of at most `capacity` keys each; when
 * the current one fills, the older is dropped. A key is remembered for at least `capacity` insertions,
 * which at the tap's rates is minutes: far longer than a reconnect's replay window.
 *
 * Keys are kept as 64-bit hashes (two 32-bit hashes, 63 bits used) in open-addressed typed tables, not as
 * strings in Sets: 400,000 remembered ~100-character keys were ~60 MB of strings that every scavenge had to
 * copy while they lived (a minute at 5,000 events/s); the tables are 8 MB allocated once and never scanned by
 * the GC. Two different keys share a hash with a chance of about n^2 / 2^64 for n keys remembered: ~1e-8 at
 * n = 400,000; the second would be counted as a duplicate. Signatures are ed25519 signatures of landed
 * transactions, so nobody can aim a collision at another's event.
 */
export class RecentKeys {
  private current: Uint32Array;
  private previous: Uint32Array;
  private count = 0;
  private readonly mask: number;
  private h1 = 0;
  private h2 = 0;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be >= 1');
    // At most half full: linear probes stay short.
    let slots = 8;
    while (slots < capacity * 2) slots *= 2;
    this.mask = slots - 1;
    this.current = new Uint32Array(slots * 2);
    this.previous = new Uint32Array(slots * 2);
  }

  /** True when the key is new (and remembers it); false when seen recently. */
  add(key: string): boolean {
    this.start();
    this.feed(key);
    return this.commit();
  }

  /** `add` for an event's (signature, program, ordinal) without building the key string. */
  addEvent(signature: string, program: string, ordinal: number): boolean {
    this.start();
    this.feed(signature);
    this.feedChar(0x3a);
    this.feed(program);
    this.feedChar(0x3a);
    this.feedChar(ordinal & 0xffff);
    this.feedChar(ordinal >>> 16);
    return this.commit();
  }

  get size(): number {
    let n = this.count;
    for (let i = 0; i < this.previous.length; i += 2) if (this.previous[i] !== 0 || this.previous[i + 1] !== 0) n++;
    return n;
  }

  private start(): void {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
  }

  private feed(s: string): void {
    for (let i = 0; i < s.length; i++) this.feedChar(s.charCodeAt(i));
  }

  /** FNV-1a and a multiply-rotate hash side by side over the same characters. */
  private feedChar(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    const k = Math.imul(c, 0xcc9e2d51);
    const h = this.h2 ^ Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    this.h2 = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }

  private commit(): boolean {
    const a = fmix(this.h1) >>> 0;
    const b = (fmix(this.h2) | 1) >>> 0; // never the empty slot's (0, 0)
    if (this.has(this.current, a, b) || this.has(this.previous, a, b)) return false;
    if (this.count >= this.capacity) {
      const old = this.previous;
      this.previous = this.current;
      this.current = old.fill(0);
      this.count = 0;
    }
    let i = a & this.mask;
    while (this.current[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    this.current[2 * i] = a;
    this.current[2 * i + 1] = b;
    this.count++;
    return true;
  }

  private has(t: Uint32Array, a: number, b: number): boolean {
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const y = t[2 * i + 1];
      if (y === 0) return false;
      if (y === b && t[2 * i] === a) return true;
    }
  }
}

/** Murmur3's finaliser: every input bit moves every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The dedupe key and Trade id of one decoded event. */
export const eventKey = (signature: string, program: string, ordinal: number): string => `${signature}:${program}:${ordinal}`;
