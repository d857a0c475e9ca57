import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countRows, openReplayInputs, ReplayInputError } from '../../../src/sources/recorded/index.js';
import { tempDir, writeTemp } from './helpers.js';

const HEADER = 'timestamp,open,high,low,close,volume_usd\n';
const ROW = (t: number) => `${t},1.0,1.2,0.9,1.1,100\n`;

/** Expects a REPLAY_INPUT_INVALID error naming the file and line, whether found on open or while streaming. */
async function rejects(file: string, line: number | null, pattern: RegExp, opts = {}): Promise<void> {
  await assert.rejects(countRows([file], opts), (e: unknown) => {
    assert.ok(e instanceof ReplayInputError, String(e));
    assert.equal(e.code, 'REPLAY_INPUT_INVALID');
    assert.equal(e.file, file);
    assert.equal(e.line, line);
    assert.match(e.message, pattern);
    assert.ok(e.message.startsWith(file), 'message names the file');
    return true;
  });
}

const cases: [string, string | Buffer, number | null, RegExp][] = [
  ['empty.csv', '', null, /empty/],
  ['blank.csv', '\n\n  \n', null, /empty/],
  ['header-only.csv', HEADER, null, /no data rows/],
  ['binary.csv', Buffer.concat([Buffer.from(HEADER + ROW(1755720000)), Buffer.from([0x50, 0x4b, 0x00, 0x03])]), 3, /binary/],
  ['latin1.csv', Buffer.concat([Buffer.from(HEADER + ROW(1755720000) + '1755720060,1,1,1,1,'), Buffer.from([0xe9, 0xff, 0x0a])]), 3, /UTF-8/],
  ['truncated.csv', HEADER + ROW(1755720000) + '1755720060,1.0,1.2', 3, /3 fields but the header has 6/],
  ['unknown.csv', 'name,symbol,decimals\nfoo,FOO,6\n', 1, /unknown CSV layout.*name,symbol,decimals/],
  ['mixed-units.csv', HEADER + ROW(1755720000) + ROW(1755720060) + ROW(1755720120000), 4, /mixes seconds and milliseconds/],
  ['non-numeric.csv', HEADER + ROW(1755720000) + '1755720060,1.0,abc,0.9,1.1,100\n', 3, /column high: value "abc" is not a finite number/],
  ['nan.csv', HEADER + ROW(1755720000) + '1755720060,NaN,1.2,0.9,1.1,100\n', 3, /column open/],
  ['negative.csv', HEADER + ROW(1755720000) + '1755720060,1.0,1.2,0.9,-1.1,100\n', 3, /column close.*negative/],
  ['empty-price.csv', HEADER + ROW(1755720000) + '1755720060,1.0,,0.9,1.1,100\n', 3, /column high.*empty/],
  ['high-below-low.csv', HEADER + ROW(1755720000) + '1755720060,1.0,0.8,0.9,1.1,100\n', 3, /below low/],
  ['bad-date.csv', 'datetime,open,high,low,close,volume\n2025-09-19 07:00:00,1,1,1,1,1\n19.09.2025 08:00,1,1,1,1,1\n', 3, /not in the column's format/],
  ['odd-spacing.csv', HEADER + ROW(1755720000) + ROW(1755720000 + 7 * 60), null, /not a known candle interval/],
  ['one-candle.csv', HEADER + ROW(1755720000), null, /cannot be inferred/],
  ['bad-interval.csv', 'timeframe,timestamp,open,high,low,close,volume_usd\n1M,1755720000,1,1,1,1,1\n', 2, /not a known candle interval/],
  ['bad.json', '{"data": {"attributes": ', 1, /not valid JSON/],
  ['other.json', '{"export_date": "2025-09-28"}', null, /unknown JSON layout/],
];

for (const [name, content, line, pattern] of cases) {
  test(`rejects ${name} with file and line`, async () => {
    const file = writeTemp(tempDir(), name, content);
    await rejects(file, line, pattern);
  });
}

test('a streamed (large) file reports a bad row the same way while it is read', async () => {
  let body = HEADER;
  for (let i = 0; i < 2000; i++) body += ROW(1755720000 + 60 * i);
  body += '1755840000,1.0,oops,0.9,1.1,100\n';
  const file = writeTemp(tempDir(), 'streamed.csv', body);
  await rejects(file, 2002, /column high/, { keepInMemoryBytes: 0 });
});

test('a folder with nothing readable is an error; a missing path is an error', async () => {
  const dir = tempDir();
  writeTemp(dir, 'notes.txt', 'hello');
  await assert.rejects(openReplayInputs([dir]), /no readable files/);
  await assert.rejects(openReplayInputs([dir + '/missing.csv']), /no such file/);
});

test('trade times that disagree with the trade ids by a non-whole number of hours are an error', async () => {
  const header = 'id,pool_id,tx_hash,price_usd,volume_usd,side,block_timestamp\n';
  const row = 'solana_1_5abc_3_1759486946,solana_P1,5abc,0.5,10,sell,2025-10-03 10:52:16\n';
  const file = writeTemp(tempDir(), 'trades.csv', header + row);
  await rejects(file, null, /disagrees with the unix time in the trade ids/);
});
