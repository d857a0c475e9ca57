/** Bytes handed over by ByteBatch.take(): an ArrayBuffer of its own (transferable to a worker), its used length, its lines. */
export interface TakenBytes {
  buffer: ArrayBuffer;
  length: number;
  lines: number;
}

/**
 * Newline-separated records appended as UTF-8 bytes into one growing buffer of its own. A record's text
 * dies young (it is copied at once), and a whole batch crosses to the writer thread as one transferred
 * ArrayBuffer: no per-record string survives a collection, no structured clone of thousands of strings.
 */
export class ByteBatch {
  private buf: Buffer;
  private used = 0;
  private count = 0;

  constructor(private readonly initialBytes = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
  }

  get byteLength(): number {
    return this.used;
  }

  /** Records (newlines) appended since the last take. */
  get lines(): number {
    return this.count;
  }

  /** Appends `text` as one record (it must hold no raw newline: JSON text never does). */
  appendLine(text: string): void {
    this.appendText(text);
    this.endLine();
  }

  /** Appends `text` with no newline (the start of a record). */
  appendText(text: string): void {
    // Worst case 3 bytes of UTF-8 per UTF-16 unit; one pass for the common short record.
    this.ensure(text.length * 3);
    this.used += this.buf.write(text, this.used);
  }

  /** Appends bytes [start, end) of `src` (raw frame bytes, never decoded or re-encoded). */
  appendBytes(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    this.ensure(n);
    this.buf.set(src.subarray(start, end), this.used);
    this.used += n;
  }

  /** Ends the current record. */
  endLine(): void {
    this.ensure(1);
    this.buf[this.used++] = 0x0a;
    this.count++;
  }

  /** Hands the bytes over (null when empty); the batch starts again on a fresh buffer of the same capacity. */
  take(): TakenBytes | null {
    if (this.used === 0) return null;
    const out = { buffer: this.buf.buffer as ArrayBuffer, length: this.used, lines: this.count };
    this.buf = Buffer.allocUnsafeSlow(Math.max(this.initialBytes, Math.min(this.buf.length, 1 << 24)));
    this.used = 0;
    this.count = 0;
    return out;
  }

  private ensure(n: number): void {
    if (this.used + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + n));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}

/** The records of taken bytes as strings (the writer thread's side). */
export function linesOf(b: TakenBytes): string[] {
  const bytes = Buffer.from(b.buffer, 0, b.length);
  const out: string[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a, start); i !== -1 && i < b.length; i = bytes.indexOf(0x0a, start)) {
    out.push(bytes.toString('utf8', start, i));
    start = i + 1;
  }
  return out;
}
