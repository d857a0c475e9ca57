import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openReplayInputs } from '../../../src/sources/recorded/index.js';
import type { Candle, Trade } from '../../../src/domain/market.js';
import { CBRL_MINT, CBRL_POOL, birdeyeDoc, col, collect, gecko, naiveCsv, tempDir, writeTemp } from './helpers.js';
import { needsShared } from '../../support/shared-data.js';

const SOL = 'So11111111111111111111111111111111111111112';

test('CASE_STUDY trades: mislabelled -06 block times corrected against trade ids and matched by the 1m candle', needsShared(), async () => {
  const file = gecko('CASE_STUDY/trades_2025_10_05.csv');
  const { header, rows } = naiveCsv(file);
  const inputs = await openReplayInputs([file]);
  const trades = (await collect(inputs)) as Trade[];
  assert.equal(trades.length, rows.length);
  assert.ok(inputs.series.every((s) => s.notes.some((n) => n.includes('shifted by -6h'))));
  // Each trade's time now sits seconds before the unix time GeckoTerminal put in its id.
  const idTime = new Map(rows.map((r) => [r[col(header, 'tx_hash')], Number(r[0].split('_').pop()) * 1000]));
  for (const t of trades) {
    const lag = idTime.get(t.id!.split(':')[0])! - t.ts;
    assert.ok(lag >= 0 && lag < 120_000, `lag ${lag}`);
    assert.equal(t.knownAt, t.ts);
  }
  // The CASE_STUDY 1m candle at the corrected minute holds the first sell of the file: same close, same volume.
  const first = rows[0];
  const trade = trades.find((t) => t.id === `${first[col(header, 'tx_hash')]}:${first[0].split('_')[3]}`)!;
  const candles = (await collect(await openReplayInputs([gecko('CASE_STUDY/ohlcv_data_2025_10_05.csv')]))) as Candle[];
  const minute = candles.find((c) => c.pool === trade.pool && c.start === Math.floor(trade.ts / 60_000) * 60_000)!;
  assert.equal(minute.close, trade.priceUsd);
  assert.equal(minute.volumeUsd, trade.volumeUsd);
});

test('collector trades: price_usd of a buy is the SOL price, so buys are priced by volume / token amount; sells keep price_usd', needsShared(), async () => {
  for (const rel of ['specs/QA/trades.csv', 'CASE_STUDY/trades_2025_10_05.csv']) {
    const file = gecko(rel);
    const { header, rows } = naiveCsv(file);
    const trades = (await collect(await openReplayInputs([file]))) as Trade[];
    const byTx = new Map(trades.map((t) => [t.id!.split(':')[0], t]));
    for (const r of rows) {
      const t = byTx.get(r[col(header, 'tx_hash')])!;
      const [price, volume] = [Number(r[col(header, 'price_usd')]), Number(r[col(header, 'volume_usd')])];
      if (r[col(header, 'side')] === 'buy') {
        assert.ok(price > 100, `${rel}: a buy's price_usd ${price} is SOL's price`);
        assert.equal(t.priceUsd, volume / Number(r[col(header, 'to_token_amount')]));
      } else assert.equal(t.priceUsd, price);
    }
  }
});

test('specs/QA/trades.csv: naive .0 block times are UTC; pool from pool_id; mint from poolMints', needsShared(), async () => {
  const file = gecko('specs/QA/trades.csv');
  const { header, rows } = naiveCsv(file);
  const trades = (await collect(await openReplayInputs([file], { poolMints: { [CBRL_POOL]: CBRL_MINT } }))) as Trade[];
  assert.equal(trades.length, rows.length);
  const r = rows[0];
  const t = trades.find((x) => x.id!.startsWith(r[col(header, 'tx_hash')]))!;
  assert.equal(t.ts, Date.parse(r[col(header, 'block_timestamp')].replace(' ', 'T') + 'Z'));
  assert.equal(t.pool, CBRL_POOL);
  assert.equal(t.mint, CBRL_MINT);
  assert.equal(t.side, r[col(header, 'side')]);
});

test('get_trades.csv: token is the non-SOL side; price from that side; ISO Z times', needsShared(), async () => {
  const file = gecko('specs/get_trades.csv');
  const { header, rows } = naiveCsv(file);
  const trades = (await collect(await openReplayInputs([file]))) as Trade[];
  assert.equal(trades.length, rows.length);
  for (const r of rows.slice(0, 20)) {
    const t = trades.find((x) => x.id === `${r[col(header, 'tx_hash')]}:${r[0].split('_')[3]}`)!;
    const toIsToken = r[col(header, 'from_token_address')] === SOL;
    assert.equal(t.mint, r[col(header, toIsToken ? 'to_token_address' : 'from_token_address')]);
    assert.equal(t.priceUsd, Number(r[col(header, toIsToken ? 'price_to_in_usd' : 'price_from_in_usd')]));
    assert.equal(t.ts, Date.parse(r[col(header, 'block_timestamp')]));
  }
  assert.ok(trades.every((t) => t.mint === CBRL_MINT));
});

test('GeckoTerminal JSON: newest-first list read ascending, interval inferred, mint from meta.base', needsShared(), async () => {
  for (const rel of ['specs/OHLCV_validation_test.json', 'specs/OHLCV_validation_test_hour.json', 'test_data/get_ohlcv.json']) {
    const file = gecko(rel);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const list: number[][] = doc.data.attributes.ohlcv_list;
    const gaps = list.slice(1).map((r, i) => list[i][0] - r[0]).filter((g) => g > 0);
    const inputs = await openReplayInputs([file]);
    assert.equal(inputs.series[0].intervalMs, Math.min(...gaps) * 1000, rel);
    assert.equal(inputs.series[0].mint, doc.meta?.base?.address ?? null);
    const candles = (await collect(inputs)) as Candle[];
    assert.equal(candles.length, list.length);
    const oldest = list[list.length - 1];
    assert.deepEqual([candles[0].start, candles[0].open, candles[0].high, candles[0].low, candles[0].close, candles[0].volumeUsd], [oldest[0] * 1000, ...oldest.slice(1)]);
  }
});

test('Birdeye OHLCV: v1 volume estimated as v * close (noted), v3 uses v_usd; token vs pair address', needsShared(), async () => {
  const v1 = await openReplayInputs([birdeyeDoc('defi__get-defi-ohlcv.json')]);
  const v1doc = JSON.parse(readFileSync(birdeyeDoc('defi__get-defi-ohlcv.json'), 'utf8')).data.items;
  const c1 = (await collect(v1)) as Candle[];
  assert.equal(c1[0].volumeUsd, v1doc[0].v * v1doc[0].c);
  assert.equal(c1[0].mint, v1doc[0].address);
  assert.equal(c1[0].intervalMs, 15 * 60_000);
  assert.ok(v1.series[0].notes.some((n) => n.includes('v * close')));
  const v3doc = JSON.parse(readFileSync(birdeyeDoc('defi__get-defi-v3-ohlcv.json'), 'utf8')).data.items;
  const c3 = (await collect(await openReplayInputs([birdeyeDoc('defi__get-defi-v3-ohlcv.json')]))) as Candle[];
  assert.equal(c3[0].volumeUsd, v3doc[0].v_usd);
  assert.equal(c3[0].start, v3doc[0].unix_time * 1000);
  const pair = (await collect(await openReplayInputs([birdeyeDoc('defi__get-defi-ohlcv-pair.json')]))) as Candle[];
  assert.equal(pair[0].pool, 'Czfq3xZZDmsdGdUyrNLtRhGc47cXcZtLG4crryfu44zE');
  assert.equal(pair[0].mint, null);
});

test('our NDJSON: Input records pass through validated, in knownAt order', async () => {
  const dir = tempDir();
  const candle = { kind: 'candle', knownAt: 120_000, mint: 'M', pool: 'P', source: 'birdeye', start: 60_000, intervalMs: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volumeUsd: 10, final: true };
  const trade = { kind: 'trade', knownAt: 90_000, mint: 'M', pool: 'P', source: 'dexscreener', ts: 89_000, priceUsd: 1.2, volumeUsd: 5, side: 'buy', id: 'sig:1' };
  const pool = { kind: 'pool', knownAt: 100_000, mint: 'M', pool: 'P', source: 'dexscreener', ts: 100_000, liquidityUsd: 5000 };
  const file = writeTemp(dir, 'session.ndjson', [trade, pool, candle].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const inputs = await openReplayInputs([file]);
  assert.deepEqual(await collect(inputs), [trade, pool, candle]);
  assert.deepEqual(inputs.series.map((s) => s.kind), ['trade', 'pool', 'candle']);
  const bad = writeTemp(dir, 'bad.jsonl', JSON.stringify(trade) + '\n' + JSON.stringify({ ...candle, high: 'x' }) + '\n');
  await assert.rejects(openReplayInputs([bad]), (e: any) => e.code === 'REPLAY_INPUT_INVALID' && e.line === 2 && /high/.test(e.message));
});
