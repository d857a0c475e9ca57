import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { openReplayInputs } from '../../../src/sources/recorded/index.js';
import type { Candle } from '../../../src/domain/market.js';
import { CBRL_MINT, CBRL_POOL, collect, gecko, tempDir, writeTemp } from './helpers.js';
import { needsShared } from '../../support/shared-data.js';

const SAMPLE = resolve(process.cwd(), 'samples/cbrl-1m.csv');

test('the bundled sample gives the same candles as the CBRL 1m series of ohlcv_data_2.csv', needsShared(), async () => {
  const sample = (await collect(await openReplayInputs([SAMPLE]))) as Candle[];
  const source = ((await collect(await openReplayInputs([gecko('specs/QA/ohlcv_data_2.csv')], { poolMints: { [CBRL_POOL]: CBRL_MINT } }))) as Candle[])
    .filter((c) => c.pool === CBRL_POOL);
  assert.equal(sample.length, source.length);
  assert.deepEqual(sample, source);
  assert.ok(sample.every((c) => c.mint === CBRL_MINT && c.intervalMs === 60_000));
});

test('many files and layouts merge into one non-decreasing knownAt stream; two runs are identical', needsShared(), async () => {
  const paths = [
    gecko('specs/QA/ohlcv_data_2.csv'), gecko('CASE_STUDY/trades_2025_10_05.csv'), gecko('specs/QA/trades.csv'),
    gecko('docs/TROLL'), gecko('specs/OHLCV_validation_test.json'), SAMPLE,
  ];
  const a = await openReplayInputs(paths);
  const first = await collect(a);
  assert.equal(first.length, a.totalRows);
  for (let i = 1; i < first.length; i++) assert.ok(first[i].knownAt >= first[i - 1].knownAt, `order at ${i}`);
  const again = await collect(a);
  const fresh = await collect(await openReplayInputs(paths));
  assert.equal(JSON.stringify(again), JSON.stringify(first));
  assert.equal(JSON.stringify(fresh), JSON.stringify(first));
});

test('ties in knownAt follow the order the paths were given', async () => {
  const dir = tempDir();
  const body = (v: number) => `timestamp,open,high,low,close,volume_usd\n1755720000,${v},${v},${v},${v},1\n1755720060,${v},${v},${v},${v},1\n`;
  const x = writeTemp(dir, 'solana_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.csv', body(1));
  const y = writeTemp(dir, 'solana_YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY.csv', body(2));
  const xy = ((await collect(await openReplayInputs([x, y]))) as Candle[]).map((c) => c.open);
  const yx = ((await collect(await openReplayInputs([y, x]))) as Candle[]).map((c) => c.open);
  assert.deepEqual(xy, [1, 2, 1, 2]);
  assert.deepEqual(yx, [2, 1, 2, 1]);
});

test('a streamed file (beyond the memory budget) yields exactly what the in-memory path yields', needsShared(), async () => {
  const paths = [SAMPLE, gecko('docs/TROLL_2/solana_2Zya4XnGCrzAXBXw8ZpfNAifwH3xsCoLo1RB3FFdaRMj.csv'), gecko('specs/get_ohlcv.csv')];
  const held = await collect(await openReplayInputs(paths));
  const streamed = await openReplayInputs(paths, { keepInMemoryBytes: 0, batchSize: 1000 });
  const got = await collect(streamed);
  assert.equal(JSON.stringify(got), JSON.stringify(held));
  assert.equal(got.length, streamed.totalRows);
});

test('a multi-timeframe file streamed beyond the budget still drops its coarser timeframes', needsShared(), async () => {
  const file = gecko('CASE_STUDY/ohlcv_data_2025_10_05.csv');
  const held = await collect(await openReplayInputs([file]));
  const forced = await collect(await openReplayInputs([file], { keepInMemoryBytes: 0 }));
  assert.deepEqual(forced, held);
  assert.ok(held.every((r) => r.kind === 'candle' && r.intervalMs === 60_000));
});
