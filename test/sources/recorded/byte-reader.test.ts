import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Input } from '../../../src/domain/market.js';
import { openFormat } from '../../../src/sources/recorded/formats.js';
import { openReplayInputs } from '../../../src/sources/recorded/index.js';
import { scanFile } from '../../../src/sources/recorded/scan.js';
import type { CandleRowSink } from '../../../src/sources/recorded/csv-fast-candles.js';
import { needsShared, sharedPath } from '../../support/shared-data.js';
import { collect, tempDir, writeTemp } from './helpers.js';

// The byte reader (csv-fast-candles.ts) must read every candle CSV exactly as the string reader does:
// the same records, and the same error at the same line. Each file is read both ways and compared.

const P1 = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
const P2 = 'H59JH47VjoYMsBpgWhXodpEw5iJbjjT6i3hANLkHfUTn';
const M1 = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
const T0 = 1755726000;

type Outcome = { records: Input[] } | { error: string; line: number | null };

async function readAll(file: string, byteReader: boolean, keysOnly: boolean, poolMints: Record<string, string> = {}): Promise<Outcome> {
  try {
    const reader = await openFormat(file, poolMints, { byteReader });
    const records: Input[] = [];
    for await (const b of reader.batches(keysOnly)) records.push(...b);
    return { records };
  } catch (e) {
    return { error: (e as Error).message, line: (e as { line?: number | null }).line ?? null };
  }
}

/** A full pass handing rows to a sink (a pass into columns), turned back into records the way a file candle is made. */
async function readIntoSink(file: string, poolMints: Record<string, string> = {}): Promise<Outcome> {
  try {
    const reader = await openFormat(file, poolMints);
    const records: Input[] = [];
    const sink: CandleRowSink = {
      row: (key, v) => records.push({ kind: 'candle', knownAt: v[0] + key.intervalMs, mint: key.mint, pool: key.pool, source: 'file', start: v[0], intervalMs: key.intervalMs, open: v[1], high: v[2], low: v[3], close: v[4], volumeUsd: v[5], final: true }),
      record: (r) => records.push(r),
    };
    for await (const b of reader.batches(false, sink)) records.push(...b);
    return { records };
  } catch (e) {
    return { error: (e as Error).message, line: (e as { line?: number | null }).line ?? null };
  }
}

async function sameBothWays(file: string, poolMints: Record<string, string> = {}): Promise<Outcome> {
  let full: Outcome | null = null;
  for (const keysOnly of [true, false]) {
    const slow = await readAll(file, false, keysOnly, poolMints);
    const fast = await readAll(file, true, keysOnly, poolMints);
    assert.deepStrictEqual(fast, slow, `${file} (${keysOnly ? 'keys only' : 'full'})`);
    if (!keysOnly) full = fast;
  }
  assert.deepStrictEqual(await readIntoSink(file, poolMints), full, `${file} (into a sink)`);
  return full!;
}

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

const GOOD: Record<string, string | Buffer> = {
  'canonical.csv': 'mint,pool,interval,timestamp,open,high,low,close,volume_usd\n' +
    rows(40, (i) => `${i % 2 ? '' : M1},${i % 2 ? P2 : P1},1m,${T0 + 60 * (i >> 1)},7.73E-05,0.000120678,6.48E-05,${(9 + i) / 1e5},${37859.40901 + i}`) + '\n',
  'bench-layout.csv': 'pool,interval,timestamp,open,high,low,close,volume_usd\n' +
    rows(30, (i) => `${[P1, P2, P1][i % 3]},${i % 3 === 2 ? '5m' : '1m'},${T0 + 300 * Math.floor(i / 3)},1.5,2,1,1.75,10`) + '\n',
  'collector.csv': 'id,pool_id,timeframe,timestamp,open_price,high_price,low_price,close_price,volume_usd,datetime,created_at\n' +
    rows(20, (i) => `${i + 1},solana_${i % 2 ? P2 : P1},${i % 4 < 2 ? '1h' : '4h'},${1756569600 + 3600 * i},2.24E-05,5.56E-05,2.24E-05,4.63E-05,8473.332505,00:00.0,8/30/2025 17:52`) + '\n',
  'inferred-ms.csv': 'timestamp,open,high,low,close,volume_usd\n' + rows(12, (i) => `${(T0 + 300 * i) * 1000},1,1.2,0.9,1.1,${i}`),
  'crlf-bom-blanks.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\npool,interval,timestamp,open,high,low,close,volume_usd\r\n' +
    rows(8, (i) => (i === 3 ? '   ' : i === 5 ? '' : `${P1},1m,${T0 + 60 * i},1,2,0.5,1.5,3`)).split('\n').join('\r\n'))]),
  'quoted.csv': 'id,pool_id,timeframe,timestamp,open_price,high_price,low_price,close_price,volume_usd,created_at\n' +
    rows(9, (i) => [`${i},"solana_${P1}",1m,${T0 + 60 * i},1,2,0.5,1.5,3,"8/30/2025, 17:52"`, `${i},solana_${P1},1m,${T0 + 60 * i},1,2,0.5,1.5,3,x`,
      `${i},solana_${P1},1m,${T0 + 60 * i},1,2,0.5,1.5,3,"late ""quote"", here"`][i % 3]) + '\n',
  'slow-numbers.csv': 'timestamp,open,high,low,close,volume_usd,note\n' +
    [`${T0},0x10,20,1e-30,1.2345678901234567890,1e300,a`, `${T0 + 60},-0,1,0,+1, 5,b`, `${T0 + 120}.5,1,1,1,1,1,c`, `${T0 + 180},1,1,1,1,1,ü`].join('\n') + '\n',
  // The one-pass row reader: series whose order changes and repeats, an interval label that begins
  // another's, values its grammar stops early on, a last column it does not read (quoted, empty, spaces).
  'one-pass-order.csv': 'pool,interval,timestamp,open,high,low,close,volume_usd,note\n' +
    rows(48, (i) => {
      const pool = [P1, P2, P1, P2, P2, P1][i % 6];
      const label = i % 5 === 4 ? '15m' : '1m';
      const value = ['1.5', '1e0', ' 1.5', '1.50', '15E-1', '.15e1'][i % 6];
      const note = ['', 'x', '"a, b"', ' ', '"q ""r"""', 'z'][(i >> 1) % 6];
      return `${pool},${label},${T0 + 60 * (i >> 1)},1,2,0.5,${value},${i % 7 === 3 ? '3.' : '3'},${note}`;
    }) + '\n',
  'one-pass-crlf-no-final-newline.csv': 'timestamp,pool,interval,open,high,low,close,volume_usd\r\n' +
    rows(7, (i) => `${T0 + 60 * i},${i % 2 ? P2 : P1},1m,1,2,0.5,1.5,${i}`).split('\n').join('\r\n') + '\r',
  'symbol-pools.csv': 'datetime,symbol,open,high,low,close,volume\n' + rows(6, (i) => `2025-09-0${1 + (i >> 1)} 0${i % 2}:00:00,solana_${i % 2 ? P1 : P2},1,2,0.5,1.5,7`) + '\n',
};

for (const [name, body] of Object.entries(GOOD)) {
  test(`byte reader reads ${name} exactly as the string reader`, async () => {
    const out = await sameBothWays(writeTemp(tempDir(), name, body), { [P2]: M1 });
    assert.ok('records' in out && out.records.length > 0, JSON.stringify(out).slice(0, 200));
  });
}

const HEADER = 'pool,interval,timestamp,open,high,low,close,volume_usd\n';
const ok = (i: number) => `${P1},1m,${T0 + 60 * i},1,2,0.5,1.5,3\n`;
const BAD: Record<string, string | Buffer> = {
  'bad-price.csv': HEADER + ok(0) + ok(1) + `${P1},1m,${T0 + 120},1,abc,0.5,1.5,3\n` + `${P1},1m,oops,1,2,0.5,1.5,3\n`,
  'high-below-low.csv': HEADER + ok(0) + `${P1},1m,${T0 + 60},1,0.4,0.5,1.5,3\n`,
  'truncated.csv': HEADER + ok(0) + `${P1},1m,${T0 + 60},1,2`,
  'extra-field.csv': HEADER + ok(0) + `${P1},1m,${T0 + 60},1,2,0.5,1.5,3,9\n`,
  'bad-interval.csv': HEADER + ok(0) + `${P1},1M,${T0 + 60},1,2,0.5,1.5,3\n`,
  'mixed-units.csv': HEADER + ok(0) + `${P1},1m,${(T0 + 60) * 1000},1,2,0.5,1.5,3\n`,
  'negative.csv': HEADER + ok(0) + `${P1},1m,${T0 + 60},1,2,0.5,-1.5,3\n`,
  'empty-price.csv': HEADER + ok(0) + `${P1},1m,${T0 + 60},1,,0.5,1.5,3\n`,
  'nul.csv': Buffer.concat([Buffer.from(HEADER + ok(0) + ok(1)), Buffer.from([0x50, 0x00, 0x0a])]),
  'latin1.csv': Buffer.concat([Buffer.from(HEADER + ok(0)), Buffer.from([0xe9, 0xff, 0x0a]), Buffer.from(ok(2))]),
};

for (const [name, body] of Object.entries(BAD)) {
  test(`byte reader rejects ${name} with the string reader's error and line`, async () => {
    const out = await sameBothWays(writeTemp(tempDir(), name, body));
    assert.ok('error' in out && out.line !== null, `${name}: ${JSON.stringify(out).slice(0, 200)}`);
  });
}

/**
 * Three pools interleaved at 1m in knownAt order; with an interval column one pool also has 5m candles
 * (skipped: finest interval only), each placed where it becomes known.
 */
function interleaved(n: number, interval: boolean): string {
  const head = interval ? HEADER : 'pool,timestamp,open,high,low,close,volume_usd\n';
  let body = head;
  for (let i = 0; i < n; i++) {
    if (interval && i >= 5 && i % 5 === 0) body += `${P1},5m,${T0 + 60 * i - 300},1,1,1,1,1\n`;
    for (const [k, p] of [P1, P2, M1].entries()) {
      const price = (1 + ((i * 7 + k) % 13) / 10).toFixed(3);
      body += interval ? `${p},1m,${T0 + 60 * i},${price},${price},${price},${price},${i + k}\n` : `${p},${T0 + 60 * i},${price},${price},${price},${price},${i + k}\n`;
    }
  }
  return body;
}

for (const withInterval of [true, false]) {
  test(`a large time-sorted file held as columns replays the same records as streamed and in-memory reads (${withInterval ? 'interval column' : 'inferred interval'})`, async () => {
    const file = writeTemp(tempDir(), 'big.csv', interleaved(2000, withInterval));
    const bytes = Buffer.byteLength(interleaved(2000, withInterval));
    const scanned = await scanFile(await openFormat(file, {}), { bytes: bytes - 1 });
    assert.ok(scanned.columns !== null, 'held as columns');
    assert.ok(!scanned.inMemory);
    const asColumns = await collect(await openReplayInputs([file], { keepInMemoryBytes: bytes - 1 }));
    const streamed = await collect(await openReplayInputs([file], { keepInMemoryBytes: 0 }));
    const held = await collect(await openReplayInputs([file], { keepInMemoryBytes: bytes * 10 }));
    assert.equal(asColumns.length, 6000);
    assert.deepStrictEqual(asColumns, streamed);
    assert.deepStrictEqual(asColumns, held);
  });
}

test('real collector candle CSVs: the byte reader gives the string reader\'s records', needsShared(), async () => {
  const gt = (...p: string[]) => sharedPath('snogcel__geckoterminal_collector', ...p);
  const troll = readdirSync(gt('docs', 'TROLL_2')).filter((f) => f.endsWith('.csv')).slice(0, 10).map((f) => join(gt('docs', 'TROLL_2'), f));
  const files = [gt('specs', 'QA', 'ohlcv_data_2.csv'), gt('specs', 'QA', 'ohlcv_data.csv'), gt('CASE_STUDY', 'ohlcv_data_2025_10_05.csv'), gt('specs', 'get_ohlcv.csv'), ...troll];
  let records = 0;
  for (const f of files) {
    const out = await sameBothWays(f);
    assert.ok('records' in out, `${f}: ${JSON.stringify(out)}`);
    records += out.records.length;
  }
  assert.ok(records > 20_000, `${records} records`);
});
