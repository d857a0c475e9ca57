import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openReplayInputs } from '../../../src/sources/recorded/index.js';
import type { Candle } from '../../../src/domain/market.js';
import { parseIntervalMs } from '../../../src/domain/time.js';
import { CBRL_MINT, CBRL_POOL, col, collect, gecko, naiveCsv } from './helpers.js';
import { needsShared } from '../../support/shared-data.js';

/** Groups a GeckoTerminal export's rows by (pool, timeframe), the way a reader should. */
function groupsOf(file: string) {
  const { header, rows } = naiveCsv(file);
  const [p, tf, ts] = [col(header, 'pool_id'), col(header, 'timeframe'), col(header, 'timestamp')];
  const groups = new Map<string, string[][]>();
  for (const r of rows) {
    const key = `${r[p].replace(/^solana_/, '')}|${r[tf]}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  return { header, groups, ts };
}

test('ohlcv_data_2.csv: finest timeframe per pool, counts per series match the file, skipped timeframes named', needsShared(), async () => {
  const file = gecko('specs/QA/ohlcv_data_2.csv');
  const { groups } = groupsOf(file);
  const byPool = new Map<string, string[]>();
  for (const key of groups.keys()) {
    const [pool, tf] = key.split('|');
    byPool.set(pool, [...(byPool.get(pool) ?? []), tf]);
  }
  const inputs = await openReplayInputs([file]);
  assert.equal(inputs.series.length, byPool.size);
  for (const [pool, tfs] of byPool) {
    const ms = tfs.map((t) => parseIntervalMs(t)!).sort((a, b) => a - b);
    const s = inputs.series.find((x) => x.pool === pool)!;
    assert.equal(s.intervalMs, ms[0], `finest of ${pool}`);
    assert.deepEqual(s.skippedIntervalsMs, ms.slice(1));
    const label = tfs.find((t) => parseIntervalMs(t) === ms[0])!;
    assert.equal(s.rows, groups.get(`${pool}|${label}`)!.length);
  }
  const cbrl = inputs.series.find((s) => s.pool === CBRL_POOL)!;
  assert.equal(cbrl.intervalMs, 60_000);
  assert.equal(inputs.totalRows, inputs.series.reduce((n, s) => n + s.rows, 0));
});

test('ohlcv_data_2.csv: unsorted rows come out time-sorted; first and last CBRL 1m candles equal their CSV rows', needsShared(), async () => {
  const file = gecko('specs/QA/ohlcv_data_2.csv');
  const { header, groups, ts } = groupsOf(file);
  const rows = [...groups.get(`${CBRL_POOL}|1m`)!].sort((a, b) => Number(a[ts]) - Number(b[ts]));
  const all = await collect(await openReplayInputs([file], { poolMints: { [CBRL_POOL]: CBRL_MINT } }));
  const cbrl = all.filter((r): r is Candle => r.kind === 'candle' && r.pool === CBRL_POOL);
  assert.equal(cbrl.length, rows.length);
  for (const [candle, row] of [[cbrl[0], rows[0]], [cbrl[cbrl.length - 1], rows[rows.length - 1]]] as const) {
    assert.equal(candle.start, Number(row[ts]) * 1000);
    assert.equal(candle.intervalMs, 60_000);
    assert.equal(candle.knownAt, candle.start + 60_000);
    assert.equal(candle.open, Number(row[col(header, 'open_price')]));
    assert.equal(candle.high, Number(row[col(header, 'high_price')]));
    assert.equal(candle.low, Number(row[col(header, 'low_price')]));
    assert.equal(candle.close, Number(row[col(header, 'close_price')]));
    assert.equal(candle.volumeUsd, Number(row[col(header, 'volume_usd')]));
    assert.equal(candle.mint, CBRL_MINT);
    assert.equal(candle.source, 'file');
    assert.equal(candle.final, true);
  }
  for (let i = 1; i < all.length; i++) assert.ok(all[i].knownAt >= all[i - 1].knownAt, `order at ${i}`);
});

test('CASE_STUDY ohlcv: UTC-06 datetime column agrees with timestamp; 1m chosen per pool', needsShared(), async () => {
  const file = gecko('CASE_STUDY/ohlcv_data_2025_10_05.csv');
  const { header, groups, ts } = groupsOf(file);
  const dt = col(header, 'datetime');
  const { parseTimeAs } = await import('../../../src/sources/recorded/time-columns.js');
  for (const rows of groups.values()) for (const r of rows) assert.equal(parseTimeAs(r[dt], 'iso'), Number(r[ts]) * 1000, r[dt]);
  const inputs = await openReplayInputs([file]);
  for (const s of inputs.series) {
    assert.equal(s.intervalMs, 60_000);
    assert.equal(s.rows, groups.get(`${s.pool}|1m`)!.length);
  }
});

test('ohlcv_data.csv (duplicated datetime header, M/D/YY dates) reads timestamp: 15m CBRL', needsShared(), async () => {
  const file = gecko('specs/QA/ohlcv_data.csv');
  const { rows, header } = naiveCsv(file);
  const inputs = await openReplayInputs([file]);
  assert.equal(inputs.series.length, 1);
  assert.equal(inputs.series[0].intervalMs, 15 * 60_000);
  assert.equal(inputs.series[0].rows, rows.length);
  const times = rows.map((r) => Number(r[col(header, 'timestamp')]) * 1000);
  assert.equal(inputs.series[0].firstTs, Math.min(...times));
  assert.equal(inputs.series[0].lastTs, Math.max(...times));
});

test('qlib exports (naive UTC and M/D/YYYY H:MM datetimes): 1h inferred, pool from symbol, counts match', needsShared(), async () => {
  for (const rel of ['docs/TROLL/solana_4w2cysotX6czaUGmmWg13hDpY4QEMG2CzeKYEQyK9Ama.csv', 'docs/TROLL_2/solana_2Zya4XnGCrzAXBXw8ZpfNAifwH3xsCoLo1RB3FFdaRMj.csv', `my_qlib_data/solana_${CBRL_POOL}.csv`]) {
    const file = gecko(rel);
    const { rows, header } = naiveCsv(file);
    const inputs = await openReplayInputs([file]);
    assert.equal(inputs.series.length, 1, rel);
    const s = inputs.series[0];
    assert.equal(s.intervalMs, 3_600_000, rel);
    assert.ok(s.notes.some((n) => n.includes('inferred')), rel);
    assert.equal(s.pool, rows[0][col(header, 'symbol')].replace('solana_', ''));
    assert.equal(s.rows, rows.length, rel);
    const all = await collect(inputs);
    const first = all[0] as Candle;
    assert.equal(first.open, Number(rows[0][col(header, 'open')]));
    assert.equal(first.volumeUsd, Number(rows[0][col(header, 'volume')]));
    const raw = rows[0][col(header, 'datetime')];
    const expected = raw.includes('/')
      ? (([d, t]) => { const [m, day, y] = d.split('/').map(Number); const [h, mi] = t.split(':').map(Number); return Date.UTC(y, m - 1, day, h, mi); })(raw.split(' '))
      : Date.parse(raw.replace(' ', 'T') + 'Z');
    assert.equal(first.start, expected, rel);
  }
});

test('a folder of qlib exports: every CSV read, the export summary JSON skipped and listed', needsShared(), async () => {
  const inputs = await openReplayInputs([gecko('docs/TROLL_2')]);
  const { readdirSync } = await import('node:fs');
  const csvs = readdirSync(gecko('docs/TROLL_2')).filter((f) => f.endsWith('.csv'));
  assert.equal(inputs.series.length, csvs.length);
  assert.deepEqual(inputs.skippedFiles.map((f) => f.file.split('/').pop()), ['export_summary.json']);
  let rows = 0;
  for (const f of csvs) rows += naiveCsv(gecko(`docs/TROLL_2/${f}`)).rows.length;
  assert.equal(inputs.totalRows, rows);
});

test('get_ohlcv.csv: native 4h candles, interval inferred from spacing', needsShared(), async () => {
  const file = gecko('specs/get_ohlcv.csv');
  const { rows, header } = naiveCsv(file);
  const inputs = await openReplayInputs([file]);
  assert.equal(inputs.series[0].intervalMs, 4 * 3_600_000);
  const all = (await collect(inputs)) as Candle[];
  assert.equal(all.length, rows.length);
  assert.equal(all[0].start, Number(rows[0][col(header, 'timestamp')]) * 1000);
  assert.equal(all[0].knownAt, all[0].start + 4 * 3_600_000);
  assert.equal(all[0].high, Number(rows[0][col(header, 'high')]));
});
