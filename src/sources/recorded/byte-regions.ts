import { open } from 'node:fs/promises';
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { ReplayInputError } from './errors.js';

/** Bytes read per call, as for the line reader. */
const CHUNK_BYTES = 1 << 20;

/**
 * A run of complete lines of a file as bytes: `buf[from, to)`, ending after a newline (or at the end of
 * the file). The buffer is reused: a region is only valid until the next one is asked for.
 */
export interface ByteRegion {
  buf: Buffer;
  /** A DataView of `buf` (for reads of several bytes at once), made once per buffer rather than per region. */
  view: DataView;
  from: number;
  to: number;
}

const viewOf = (buf: Buffer): DataView => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

/**
 * Reads a file as regions of whole lines without decoding it, skipping a UTF-8 BOM at the start. Checks
 * for binary content are separate (`checkRegion`), because they need the line number, which the caller counts.
 * Two buffers take turns: the next chunk is read (on libuv's thread pool) while the caller parses this one,
 * so parsing does not wait for the disk or the page cache after the first read.
 */
export async function* readByteRegions(file: string): AsyncGenerator<ByteRegion> {
  const fh = await open(file, 'r');
  let pending: Promise<unknown> | null = null;
  try {
    let buf = Buffer.allocUnsafe(2 * CHUNK_BYTES);
    let spare = Buffer.allocUnsafe(2 * CHUNK_BYTES);
    let view = viewOf(buf);
    let spareView = viewOf(spare);
    let carry = 0;
    let first = true;
    const region: ByteRegion = { buf, view, from: 0, to: 0 };
    let reading: Promise<{ bytesRead: number }> = fh.read(buf, 0, CHUNK_BYTES, null);
    pending = reading;
    for (;;) {
      const { bytesRead } = await reading;
      pending = null;
      const done = bytesRead === 0;
      const end = carry + bytesRead;
      let from = 0;
      if (first && end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
      first = false;
      const lastNewline = done ? end - 1 : buf.lastIndexOf(10, end - 1);
      const to = lastNewline < from ? from : lastNewline + 1;
      if (!done) {
        // The unfinished last line starts the other buffer (grown for a line longer than a chunk), and the
        // next chunk is read after it while this region is parsed.
        carry = end - to;
        if (spare.length - carry < CHUNK_BYTES) {
          spare = Buffer.allocUnsafe(carry + 2 * CHUNK_BYTES);
          spareView = viewOf(spare);
        }
        buf.copy(spare, 0, to, end);
        reading = fh.read(spare, carry, CHUNK_BYTES, null);
        pending = reading;
      }
      if (to > from) {
        region.buf = buf;
        region.view = view;
        region.from = from;
        region.to = to;
        yield region;
      }
      if (done) return;
      [buf, spare] = [spare, buf];
      [view, spareView] = [spareView, view];
    }
  } finally {
    // A read still in flight (the caller stopped early) must end before the file is closed.
    await pending?.catch(() => undefined);
    await fh.close();
  }
}

/**
 * Rejects binary content in a region whose first line is `firstLine`, with the line where it starts
 * (invalid UTF-8 before NUL bytes, as the line reader does). Returns whether the region is plain ASCII.
 */
export function checkRegion(file: string, r: ByteRegion, firstLine: number): boolean {
  const bytes = r.buf.subarray(r.from, r.to);
  const ascii = isAscii(bytes);
  if (!ascii && !isUtf8(bytes)) {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    throw new ReplayInputError(file, firstLine + countNewlines(lenient, at < 0 ? lenient.length : at), 'invalid UTF-8 (binary file?); expected a text file');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const before = bytes.subarray(0, nul).toString('latin1');
    throw new ReplayInputError(file, firstLine + countNewlines(before, before.length), 'binary content (NUL byte); expected a text file');
  }
  return ascii;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
