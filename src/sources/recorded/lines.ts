import { open } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { ReplayInputError } from './errors.js';

/** Bytes read per call: large reads keep the per-line cost close to the cost of splitting. */
const CHUNK_BYTES = 1 << 20;

/** A run of complete lines; `firstLine` is the 1-based line number of `lines[0]`. */
export interface LineChunk {
  lines: string[];
  firstLine: number;
}

/**
 * Reads a text file as chunks of lines without holding the whole file.
 * Rejects binary content (NUL bytes, invalid UTF-8) with the line where it starts; strips a BOM and
 * the `\r` of CRLF endings. The last line is yielded even without a trailing newline, so a
 * truncated final row reaches the row parser, which rejects it for its missing fields.
 */
export async function* readLineChunks(file: string): AsyncGenerator<LineChunk> {
  const fh = await open(file, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = '';
    let nextLine = 1;
    // Pure-ASCII chunks skip the UTF-8 decoder (several times faster); once a chunk is not ASCII the
    // decoder handles the rest, since it may hold a character split across chunks.
    let ascii = true;
    let sawCR = false;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null);
      const done = bytesRead === 0;
      const bytes = buf.subarray(0, bytesRead);
      if (ascii && !isAscii(bytes)) ascii = false;
      const decoded = ascii ? bytes.toString('latin1') : decodeChunk(decoder, bytes, done, file, nextLine, carry);
      const text = carry + decoded;
      // Byte searches are native and avoid flattening the text; NUL is ASCII, so its byte is exact.
      const nulByte = bytes.indexOf(0);
      if (nulByte !== -1) {
        const before = carry + bytes.subarray(0, nulByte).toString('latin1');
        throw new ReplayInputError(file, nextLine + countNewlines(before, before.length), 'binary content (NUL byte); expected a text file');
      }
      const lines = text.split('\n');
      carry = done ? '' : (lines.pop() as string);
      if (done && lines[lines.length - 1] === '') lines.pop();
      if (sawCR || bytes.indexOf(13) !== -1 || carry.endsWith('\r')) {
        sawCR = true;
        for (let i = 0; i < lines.length; i++) {
          const l = lines[i];
          if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
        }
      }
      if (lines.length > 0) {
        yield { lines, firstLine: nextLine };
        nextLine += lines.length;
      }
      if (done) return;
    }
  } finally {
    await fh.close();
  }
}

function decodeChunk(decoder: TextDecoder, bytes: Uint8Array, done: boolean, file: string, nextLine: number, carry: string): string {
  try {
    return decoder.decode(bytes, { stream: !done });
  } catch {
    // Locate the first undecodable byte by decoding leniently: the replacement character marks it.
    const lenient = carry + new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    throw new ReplayInputError(file, nextLine + countNewlines(lenient, at < 0 ? lenient.length : at), 'invalid UTF-8 (binary file?); expected a text file');
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads a whole (small) text file with the same binary checks, for JSON documents. */
export async function readWholeText(file: string): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of readLineChunks(file)) parts.push(chunk.lines.join('\n'));
  return parts.join('\n');
}
