import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readByteRegions } from '../../../src/sources/recorded/byte-regions.js';
import { seeded } from '../../fakes/http-base.js';
import { tempDir, writeTemp } from './helpers.js';

// The byte reader reads a file as regions of whole lines, into two buffers that take turns (the next chunk
// is read while the caller parses this one). Whatever the line lengths, the regions must be the file's bytes,
// in order, each cut after a newline.

/** Lines of random lengths (1 B to 3 KB), one of 2.5 MB (longer than the 1 MiB chunk and its buffer). */
function content(seed: number, withBom: boolean, trailingNewline: boolean): Buffer {
  const rnd = seeded(seed);
  const parts: string[] = [];
  let size = 0;
  let long = false;
  while (size < 5_000_000) {
    const n: number = !long && size > 1_500_000 ? 2_500_000 : 1 + Math.floor(rnd() * 3000);
    long ||= n === 2_500_000;
    const line = String.fromCharCode(97 + Math.floor(rnd() * 26)).repeat(n);
    parts.push(line);
    size += n + 1;
  }
  const text = parts.join('\n') + (trailingNewline ? '\n' : '');
  return Buffer.concat([withBom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text)]);
}

describe('byte regions over two buffers', () => {
  for (const [withBom, trailing] of [[true, true], [false, false]] as const) {
    it(`gives every byte once, in order, cut after newlines (${withBom ? 'BOM' : 'no BOM'}, ${trailing ? '' : 'no '}newline at the end)`, async () => {
      const bytes = content(withBom ? 1 : 2, withBom, trailing);
      const file = writeTemp(tempDir(), 'lines.txt', bytes);
      const seen: Buffer[] = [];
      let regions = 0;
      for await (const r of readByteRegions(file)) {
        regions++;
        // Copied: the buffer is only valid until the next region is asked for.
        const part = Buffer.from(r.buf.subarray(r.from, r.to));
        assert.ok(part.length > 0, 'no empty region');
        seen.push(part);
      }
      const all = Buffer.concat(seen);
      assert.ok(regions >= 4, `${regions} regions`);
      assert.ok(all.equals(withBom ? bytes.subarray(3) : bytes), 'the regions are the file without its BOM');
      for (const part of seen.slice(0, -1)) assert.equal(part[part.length - 1], 10, 'a region ends after a newline');
    });
  }

  it('each region carries a DataView of its own buffer, also after a buffer grew for a long line', async () => {
    const file = writeTemp(tempDir(), 'lines.txt', content(4, false, true));
    let regions = 0;
    for await (const r of readByteRegions(file)) {
      regions++;
      assert.equal(r.view.buffer, r.buf.buffer);
      assert.equal(r.view.byteOffset, r.buf.byteOffset);
      assert.equal(r.view.byteLength, r.buf.byteLength);
      // The view reads the region's bytes.
      assert.equal(r.view.getUint8(r.to - 1), r.buf[r.to - 1]);
    }
    assert.ok(regions >= 4, `${regions} regions`);
  });

  it('a reader stopped early closes the file without waiting for the end', async () => {
    const file = writeTemp(tempDir(), 'lines.txt', content(3, false, true));
    const it = readByteRegions(file)[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(first.done, false);
    // return() runs the reader's finally: the read in flight ends, then the file is closed.
    assert.deepEqual(await it.return(undefined), { done: true, value: undefined });
    assert.deepEqual(await it.next(), { done: true, value: undefined });
  });
});
