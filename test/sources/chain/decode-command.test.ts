// `pump-scanner decode` end to end: real recorded transactions in, NDJSON swaps out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAINBUFF, CHAINSTACK, STREAMER, TX_PARSER, fixturePath, recordedOne, vixen, wrapAsFrame } from './fixtures.js';

const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'decode', ...args], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

test('USDC-quoted pump buy: priceQuote and priceUsd from quote_amount / token_amount with 6 and 6 decimals, no SOL price needed', () => {
  const r = run(['--input', fixturePath(`${CHAINSTACK}/raw_buy_tx_from_gettransaction.json`)]);
  assert.equal(r.code, 0, r.err);
  const [l] = lines(r.out);
  assert.equal(l.program, 'pump');
  assert.equal(l.side, 'buy');
  assert.equal(l.baseAmountRaw, '445377137871');
  assert.equal(l.quoteAmountRaw, '3517192');
  // 3.517192 USDC for 445,377.137871 tokens.
  assert.ok(Math.abs((l.priceQuote as number) - 3.517192 / 445377.137871) < 1e-15);
  assert.equal(l.priceUsd, l.priceQuote);
  assert.equal(l.ts, 1785328584000);
});

test('SOL-quoted swaps get priceUsd only with --sol-usd; the SOL/USDC CLMM swap is priced in USD by itself', () => {
  const inputs = [fixturePath(`${STREAMER}/pumpswap_cpi_tx.json`), fixturePath(vixen('vRYN'))].flatMap((f) => ['--input', f]);
  const without = lines(run(inputs).out);
  assert.equal(without[0].priceUsd, null);
  // 2.092254175 SOL bought for 472.821137 USDC.
  assert.equal(without[1].mint, 'So11111111111111111111111111111111111111112');
  assert.ok(Math.abs((without[1].priceUsd as number) - 472.821137 / 2.092254175) < 1e-9);
  const withSol = lines(run([...inputs, '--sol-usd', '180']).out);
  // 0.960546212 SOL for 5,544.465819 tokens (6 decimals from the balances), at 180 USD per SOL.
  assert.ok(Math.abs((withSol[0].priceUsd as number) - (0.960546212 / 5544.465819) * 180) < 1e-12);
  assert.ok(Math.abs((withSol[0].volumeUsd as number) - 0.960546212 * 180) < 1e-9);
});

test('several files and frames: one line per swap, duplicates (the same tx as a file and as a wrapped frame) printed once, failed tx none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'decode-cmd-'));
  const frames = join(dir, 'frames.ndjson');
  writeFileSync(frames, wrapAsFrame(recordedOne(`${TX_PARSER}/pumpfun_buy_bundle.json`)) + '\n');
  const r = run(['--input', fixturePath(`${TX_PARSER}/pumpfun_buy_bundle.json`), '--input', frames, '--input', fixturePath(`${CHAINBUFF}/error.json`), '--input', fixturePath(vixen('5UWc'))]);
  assert.equal(r.code, 0, r.err);
  const got = lines(r.out);
  assert.deepEqual(got.map((l) => l.ordinal), [0, 1, 2, 3]);
  for (const l of got) {
    for (const k of ['signature', 'program', 'ordinal', 'slot', 'ts', 'pool', 'mint', 'quoteMint', 'side', 'baseAmountRaw', 'quoteAmountRaw', 'priceQuote', 'priceUsd']) assert.ok(k in l, k);
  }
  assert.match(r.err, /4 transactions: 4 swaps/);
  assert.match(r.err, /1 failed/);
  assert.match(r.err, /4 duplicates/);
});

test('bad file or flag: one line naming it, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'decode-bad-'));
  const bad = join(dir, 'junk.json');
  writeFileSync(bad, '{"not":"a transaction"}');
  for (const [args, re] of [[['--input', bad], /junk\.json/], [['--input', join(dir, 'nope.json')], /nope\.json: cannot read/], [[], /--input/], [['--input', bad, '--sol-usd', 'x'], /--sol-usd/]] as const) {
    const r = run([...args]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.equal(r.out, '');
  }
});
