// Builds a large, time-sorted input file for benchmarks from the real CBRL 1m candles (the bundled
// sample): `tokens` copies of the series, each under its own pool, played `periods` times back to back.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { base58Encode } from '../src/domain/mint.js';

interface Row { t: number; o: string; h: string; l: string; c: string; v: string }

export function sampleRows(root: string): Row[] {
  const lines = readFileSync(join(root, 'samples', 'cbrl-1m.csv'), 'utf8').split('\n').filter((l) => l.trim());
  const header = lines[0].split(',');
  const ix = (n: string) => header.indexOf(n);
  const [it, io, ih, il, ic, iv] = ['timestamp', 'open', 'high', 'low', 'close', 'volume_usd'].map(ix);
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    return { t: Number(f[it]), o: f[io], h: f[ih], l: f[il], c: f[ic], v: f[iv] };
  });
}

/** Deterministic, valid pool addresses: base58 of 32 pseudo-random bytes. */
export function poolId(i: number): string {
  const bytes = new Uint8Array(32);
  let x = i + 1;
  for (let k = 0; k < 32; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    bytes[k] = (x >> 16) & 0xff;
  }
  bytes[0] |= 1; // no leading zero bytes
  return base58Encode(bytes);
}

/**
 * `maxRows` keeps the first rows of the sample only (1,000 rows x 1,000 pools = the 1M-candle file); pools are
 * numbered from `firstPool` (files of distinct pools, to replay together).
 */
export async function writeBenchInput(path: string, root: string, tokens: number, periods: number, maxRows = Infinity, firstPool = 0): Promise<number> {
  const rows = sampleRows(root).slice(0, maxRows);
  const span = rows[rows.length - 1].t - rows[0].t + 60;
  const pools = Array.from({ length: tokens }, (_, i) => poolId(firstPool + i));
  const out = createWriteStream(path);
  out.write('pool,interval,timestamp,open,high,low,close,volume_usd\n');
  let n = 0;
  for (let p = 0; p < periods; p++) {
    for (const r of rows) {
      const t = r.t + p * span;
      let chunk = '';
      for (const pool of pools) chunk += `${pool},1m,${t},${r.o},${r.h},${r.l},${r.c},${r.v}\n`;
      n += pools.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return n;
}
