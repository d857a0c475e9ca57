import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonlLog, serialiseLine } from '../../src/outputs/jsonl.js';
import type { LogLine } from '../../src/domain/signals.js';

// The writer encodes lines into one reused buffer: what reaches the file must be the serialised lines, each
// followed by a newline, byte for byte, whatever their length or characters, and only whole lines per flush.

const line = (i: number, detail: string): LogLine => ({ v: 1, type: 'dropped', ts: i, mint: null, pool: null, symbol: null, id: `d${i}`, reason: 'late', detail, inputKind: 'candle', inputTs: i } as unknown as LogLine);

/** Details of many lengths and characters: ASCII, 2-, 3- and 4-byte UTF-8, lone surrogates, control characters. */
function details(): string[] {
  const parts = ['a', 'é', '€', '😀', '\ud800', '\udfff', '\u0000', '\n', '"', '\\', 'ÿ'];
  const out: string[] = [];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  for (let i = 0; i < 400; i++) {
    // Mostly short, some around the buffer size, a few far over it.
    const len = i % 97 === 0 ? 30_000 + (next() % 50_000) : i % 13 === 0 ? 1_000 + (next() % 3_000) : next() % 200;
    let s = '';
    while (s.length < len) s += parts[next() % parts.length];
    out.push(s);
  }
  return out;
}

describe('JSONL writer buffer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jsonl-buffer-'));

  for (const bufferBytes of [1, 100, 4096, undefined]) {
    it(`writes every line as serialised, byte for byte (bufferBytes ${bufferBytes ?? 'default'})`, () => {
      const file = join(dir, `log-${bufferBytes ?? 'default'}.jsonl`);
      const log = openJsonlLog(file, { mode: 'replace', bufferBytes });
      const lines = details().map((d, i) => line(i, d));
      for (const l of lines) log.write(l);
      log.close();
      const want = Buffer.from(lines.map((l) => serialiseLine(l) + '\n').join(''), 'utf8');
      assert.ok(readFileSync(file).equals(want));
      assert.equal(log.lines, lines.length);
    });
  }

  it('flushes whole lines only: after each flush the file ends with a newline', () => {
    const file = join(dir, 'flush.jsonl');
    const log = openJsonlLog(file, { mode: 'append', bufferBytes: 1 << 20 });
    const ds = details();
    let written = 0;
    for (let i = 0; i < ds.length; i++) {
      log.write(line(i, ds[i]));
      written += Buffer.byteLength(serialiseLine(line(i, ds[i])) + '\n');
      if (i % 37 === 0) {
        log.flush();
        assert.equal(statSync(file).size, written);
        assert.equal(readFileSync(file).at(-1), 0x0a);
      }
    }
    log.close();
    assert.equal(statSync(file).size, written);
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
