/**
 * The series fields of a CSV row (pool, mint, interval) looked up by the row's raw bytes, so rows of
 * a known series cost a hash and a byte comparison instead of strings and map keys. A new raw key is
 * resolved once by the string code (`resolve`), which may throw to hand the row to the slow path.
 */
export interface SeriesKey {
  pool: string | null;
  mint: string | null;
  intervalMs: number;
  /** The caller's own index for this key (a column pass: its series), -1 until it sets one. */
  slot?: number;
}

/** A key the table has seen: its raw bytes, and the key found right after it last time (rows repeat their series order). */
export interface KnownKey extends SeriesKey {
  raw: Buffer;
  /** `raw` as little-endian 32-bit words (its last length % 4 bytes left out), compared four bytes at a time. */
  words: Int32Array;
  after: KnownKey | null;
}

interface Entry extends KnownKey {
  next: Entry | null;
}

export class SeriesKeyTable {
  private readonly byHash = new Map<number, Entry>();
  private last: Entry | null = null;

  constructor(private readonly resolve: (raw: string, line: number) => SeriesKey) {}

  /** The series of the raw key `buf[from, to)` (ASCII) on line `line`; throws what `resolve` throws. */
  find(buf: Buffer, from: number, to: number, line: number): KnownKey {
    const last = this.last;
    // Consecutive rows often share a series.
    if (last !== null && sameBytes(last.raw, buf, from, to)) return last;
    const found = this.lookUp(buf, from, to, line);
    if (last !== null) last.after = found;
    return (this.last = found);
  }

  /**
   * The key whose bytes start `buf` at `from`, followed by a comma, when it is the one expected there: the
   * key that followed the last key found, or the last key itself; else null. A hit costs one comparison:
   * a 32-bit word at a time through `view` (a DataView of `buf`: its reads compile to plain loads), then the
   * last bytes singly, about three times faster than byte by byte for a 44-byte pool address.
   */
  expected(buf: Buffer, view: DataView, from: number, end: number): KnownKey | null {
    const last = this.last;
    if (last === null) return null;
    // Written out here, not called, so the comparison goes where this is inlined: V8 optimises the reader in
    // its first rows, when every row of an interleaved file is a new key, and spends its inlining budget on the
    // new-key path. One loop for both candidates, each compared in full (no exit at the first difference):
    // every line of it has run, and V8 has its types, from the second row on, whereas a key after the last is
    // only known once a series comes round again.
    for (let key = last.after ?? last; ; key = last) {
      const raw = key.raw;
      const n = raw.length;
      if (from + n < end && buf[from + n] === 44) {
        const words = key.words;
        const w = words.length;
        let diff = 0;
        for (let i = 0; i < w; i++) diff |= view.getInt32(from + 4 * i, true) ^ words[i];
        for (let i = 4 * w; i < n; i++) diff |= raw[i] ^ buf[from + i];
        if (diff === 0) return key;
      }
      if (key === last) return null;
    }
  }

  /** Records that `key` (an expected() or find() answer) was the key of the row just read. */
  took(key: KnownKey): void {
    const last = this.last;
    // Stored every time (the same key again when `key` is the last one): a store that always runs has V8's types
    // from the first row.
    if (last !== null) last.after = last === key ? last.after : key;
    this.last = key as Entry;
  }

  private lookUp(buf: Buffer, from: number, to: number, line: number): Entry {
    // Every third byte and the last one spread addresses well; equality is decided by the full comparison.
    let h = 0x811c9dc5 ^ (to - from);
    for (let i = from; i < to; i += 3) h = Math.imul(h ^ buf[i], 16777619);
    if (to > from) h = Math.imul(h ^ buf[to - 1], 16777619);
    const head = this.byHash.get(h) ?? null;
    // An empty bucket is walked from a key that matches nothing, so the walk runs (and V8 has its types) from
    // the first key on: else the first key met again this way (in an interleaved file, the first row after
    // all series have appeared once) throws the optimised row reader away.
    for (let e: Entry | null = head ?? NO_KEY; e !== null; e = e.next) if (sameBytes(e.raw, buf, from, to)) return e;
    const entry = entryOf(this.resolve(buf.toString('latin1', from, to), line), Buffer.from(buf.subarray(from, to)), head);
    this.byHash.set(h, entry);
    return entry;
  }
}

function entryOf(key: SeriesKey, raw: Buffer, next: Entry | null): Entry {
  const words = new Int32Array(raw.length >> 2);
  for (let i = 0; i < words.length; i++) words[i] = raw.readInt32LE(4 * i);
  return { pool: key.pool, mint: key.mint, intervalMs: key.intervalMs, slot: -1, raw, words, after: null, next };
}

/** A key no row has: its one byte is a newline, which no raw key contains. */
const NO_KEY = entryOf({ pool: null, mint: null, intervalMs: 0 }, Buffer.from('\n'), null);

/**
 * Byte comparison in JS: for keys of tens of bytes it beats a call into the native compare. Keys of one
 * length are compared in full, without stopping at the first difference: the loop then runs on the first
 * rows already (series keys tend to differ in their first byte), so V8 optimises the reader with it.
 */
function sameBytes(raw: Buffer, buf: Buffer, from: number, to: number): boolean {
  const n = raw.length;
  if (n !== to - from) return false;
  let diff = 0;
  for (let i = 0; i < n; i++) diff |= raw[i] ^ buf[from + i];
  return diff === 0;
}
