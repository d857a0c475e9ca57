// The two reference parses the replay is measured against, on the same file in the same run:
// - readline: `readline` lines split on commas, the time and five prices through Number (what a
//   plain script would do; no checks, no series);
// - bytes: a byte-level single pass into typed columns (line ends and commas in one loop, the same exact
//   decimal fast path as the reader, no series lookup, no checks): close to the physical limit of a
//   JavaScript parse of the file.
// Both take the columns by header name so they read every candle CSV layout the suite uses.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseDecimal, parseDigits } from '../src/sources/recorded/decimal.js';

const NAMES = [['timestamp'], ['open', 'open_price'], ['high', 'high_price'], ['low', 'low_price'], ['close', 'close_price'], ['volume_usd', 'volume']];

function columnsOf(header: string): number[] {
  const h = header.trim().split(',');
  return NAMES.map((alts) => {
    const i = h.findIndex((n) => alts.includes(n));
    if (i === -1) throw new Error(`no ${alts[0]} column in ${header}`);
    return i;
  });
}

/** Rows parsed by readline + split; returns the row count (a checksum keeps the work from being skipped). */
export async function readlineParse(file: string): Promise<{ rows: number; sum: number }> {
  let cols: number[] | null = null;
  let rows = 0;
  let sum = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (cols === null) {
      cols = columnsOf(line);
      continue;
    }
    if (line.length === 0) continue;
    const f = line.split(',');
    for (const c of cols) sum += Number(f[c]);
    rows++;
  }
  return { rows, sum };
}

/** Rows parsed from bytes into typed columns (time, OHLCV), in one pass over 1 MiB reads. */
export async function byteParse(file: string): Promise<{ rows: number; sum: number }> {
  const fh = await open(file, 'r');
  const chunk = 1 << 20;
  let buf = Buffer.allocUnsafe(2 * chunk);
  let carry = 0;
  let cols: number[] | null = null;
  let width = 0;
  const ends = new Int32Array(64);
  const block = 1 << 16;
  const out = Array.from({ length: 6 }, () => new Float64Array(block));
  let rows = 0;
  let sum = 0;
  try {
    for (;;) {
      if (buf.length - carry < chunk) buf = Buffer.concat([buf.subarray(0, carry), Buffer.allocUnsafe(2 * chunk)]);
      const { bytesRead } = await fh.read(buf, carry, chunk, null);
      const end = carry + bytesRead;
      const stop = bytesRead === 0 ? end : buf.lastIndexOf(10, end - 1) + 1;
      let p = 0;
      while (p < stop) {
        let n = 0;
        let i = p;
        for (; i < stop; i++) {
          const b = buf[i];
          if (b === 10) break;
          if (b === 44 && n < 64) ends[n++] = i;
        }
        const s = p;
        const e = i > s && buf[i - 1] === 13 ? i - 1 : i;
        p = i + 1;
        if (e === s) continue;
        if (cols === null) {
          cols = columnsOf(buf.toString('latin1', s, e));
          width = n + 1;
          continue;
        }
        if (n !== width - 1) continue;
        const at = rows % block;
        for (let k = 0; k < 6; k++) {
          const c = cols[k];
          const from = c === 0 ? s : ends[c - 1] + 1;
          const to = c === width - 1 ? e : ends[c];
          out[k][at] = k === 0 ? parseDigits(buf, from, to) : parseDecimal(buf, from, to);
        }
        if (at === block - 1) sum += out[4][at];
        rows++;
      }
      if (bytesRead === 0) break;
      buf.copyWithin(0, stop, end);
      carry = end - stop;
    }
  } finally {
    await fh.close();
  }
  return { rows, sum };
}
