/**
 * Remembers recently seen keys in bounded memory: two generations of at most `capacity` keys each; when
 * the current one fills, the older is dropped. A key is remembered for at least `capacity` insertions,
 * which at the tap's rates is minutes: far longer than a reconnect's replay window.
 */
export class RecentKeys {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be >= 1');
  }

  /** True when the key is new (and remembers it); false when seen recently. */
  add(key: string): boolean {
    if (this.current.has(key) || this.previous.has(key)) return false;
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(key);
    return true;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** The dedupe key and Trade id of one decoded event. */
export const eventKey = (signature: string, program: string, ordinal: number): string => `${signature}:${program}:${ordinal}`;
