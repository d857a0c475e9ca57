import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReplayInputs, type ReplayInputs } from '../../../src/sources/recorded/index.js';
import { candleOfRow, isCandleBlock } from '../../../src/domain/candle-block.js';
import type { Input } from '../../../src/domain/market.js';
import { loadConfig } from '../../../src/config/load.js';
import { replayBatches } from '../../../src/run/replay.js';
import { seriesEndsOf } from '../../../src/run/series-end.js';
import { confidenceOf } from '../../../src/run/commands/replay.js';
import { poolId } from '../../../bench/gen.js';
import { seeded } from '../../fakes/http-base.js';
import { collect, naiveCsv, tempDir, writeTemp } from './helpers.js';

// Several files that are all columns (held or streamed) replay as blocks merged over all their series
// (block-merge.ts): the inputs must be those the record merge (batches()) gives, in the same order. With a file
// of other records among them, blocks() is the record merge itself.

/** What blocks() stands for: every used row as its candle, other inputs as they come, and how many blocks. */
async function blockInputs(inputs: ReplayInputs): Promise<{ all: Input[]; blocks: number }> {
  const all: Input[] = [];
  let blocks = 0;
  for await (const b of inputs.blocks()) {
    if (!isCandleBlock(b)) {
      all.push(...b);
      continue;
    }
    blocks++;
    for (let i = b.from; i < b.to; i++) {
      const c = candleOfRow(b, i);
      if (c !== null) all.push(c);
    }
  }
  return { all, blocks };
}

const T0 = 1755993600;

/** 1m rows of `pools` for `minutes` minutes from minute `from`, some minutes missing, ties with other files. */
function candleCsv(pools: string[], minutes: number, seed: number, from = 0): string {
  const rnd = seeded(seed);
  let out = 'pool,interval,timestamp,open,high,low,close,volume_usd\n';
  for (let m = from; m < from + minutes; m++) {
    for (const pool of pools) {
      if (rnd() < 0.1) continue;
      const o = 1 + rnd();
      out += `${pool},1m,${T0 + 60 * m},${o},${o * 1.1},${o * 0.9},${o * (1 + (rnd() - 0.5) / 10)},${Math.floor(rnd() * 1000)}\n`;
    }
  }
  return out;
}

/** Our NDJSON: plain file candles (rows of a block), candles of another source and ticks (passed as objects). */
function inputsNdjson(pool: string, minutes: number): string {
  const lines: string[] = [];
  for (let m = 0; m < minutes; m++) {
    const start = (T0 + 60 * m) * 1000;
    const source = m % 7 === 0 ? 'geckoterminal' : 'file';
    lines.push(JSON.stringify({ kind: 'candle', knownAt: start + 60_000, mint: null, pool, source, start, intervalMs: 60_000, open: 2, high: 3, low: 1, close: 2.5, volumeUsd: m, final: true }));
    if (m % 50 === 0) lines.push(JSON.stringify({ kind: 'tick', knownAt: start + 60_000 }));
  }
  return lines.join('\n') + '\n';
}

describe('several files replayed as merged blocks', () => {
  const dir = tempDir();
  const pools = [0, 1, 2, 3, 4, 5].map(poolId);
  const files = [
    writeTemp(dir, 'a.csv', candleCsv(pools.slice(0, 3), 4000, 1)),
    writeTemp(dir, 'b.csv', candleCsv(pools.slice(3, 5), 1200, 2, 200)),
    writeTemp(dir, 'c.ndjson', inputsNdjson(pools[5], 900)),
  ];
  // Default budget: the CSVs held as columns; no budget: both streamed.
  for (const [label, keepInMemoryBytes] of [['held', undefined], ['streamed', 0]] as const) {
    it(`two candle files: the same inputs in the same order as the record merge (${label})`, async () => {
      const inputs = await openReplayInputs(files.slice(0, 2), { keepInMemoryBytes });
      const { all, blocks } = await blockInputs(inputs);
      const records = await collect(inputs);
      assert.ok(blocks >= 2, `${blocks} blocks: more rows than one merged block`);
      assert.equal(all.length, records.length);
      assert.equal(all.length, inputs.totalRows, 'every row once');
      for (let i = 0; i < all.length; i++) assert.deepStrictEqual(all[i], records[i], `input ${i}`);
      assert.equal(new Set(all.map((x) => (x.kind === 'candle' ? x.pool : null))).size, 5, 'the rows of both files');
    });
  }

  it('with a file of other records among them, blocks() gives the record merge', async () => {
    const inputs = await openReplayInputs(files);
    const { all, blocks } = await blockInputs(inputs);
    assert.equal(blocks, 0);
    assert.deepStrictEqual(all, await collect(inputs));
    assert.equal(all.filter((x) => x.kind === 'tick').length, 18);
  });

  it('the bundled sample split into two files replays to the golden log', async () => {
    const lines = readFileSync(join(process.cwd(), 'samples', 'cbrl-1m.csv'), 'utf8').trimEnd().split('\n');
    const [odd, even] = [1, 0].map((r) => [lines[0], ...lines.slice(1).filter((_, i) => i % 2 === r)].join('\n') + '\n');
    const split = [writeTemp(dir, 'odd.csv', odd), writeTemp(dir, 'even.csv', even)];
    const inputs = await openReplayInputs(split);
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    const log = join(dir, 'split.jsonl');
    await replayBatches(inputs.blocks(), { cfg, logPath: log, confidence: confidenceOf(cfg), seriesEnds: seriesEndsOf(inputs.series, cfg.replay.windowEnd) });
    assert.ok(readFileSync(log).equals(readFileSync(join(process.cwd(), 'test', 'fixtures', 'golden', 'cbrl-1m.jsonl'))), 'log differs from the golden file');
  });
});

describe('small time-sorted files held as columns keep the replay order of held records', () => {
  /** Inputs in the order a reading independent of the reader gives: by knownAt, then series first seen. */
  function expectedOrder(file: string): string[] {
    const { header, rows } = naiveCsv(file);
    const [p, t] = [header.indexOf('pool'), header.indexOf('timestamp')];
    const firstSeen = [...new Set(rows.map((r) => r[p]))];
    return rows.map((r, i) => ({ r, i })).sort((x, y) => Number(x.r[t]) - Number(y.r[t]) || firstSeen.indexOf(x.r[p]) - firstSeen.indexOf(y.r[p]) || x.i - y.i).map(({ r }) => `${r[p]}@${r[t]}`);
  }
  const order = (xs: Input[]) => xs.map((x) => (x.kind === 'candle' ? `${x.pool}@${x.start / 1000}` : x.kind));

  for (const [label, swapAt] of [['ties in series order: columns', -1], ['a tie out of series order: records', 700]] as const) {
    it(label, async () => {
      const rows = candleCsv([poolId(0), poolId(1), poolId(2)], 1000, 3).trimEnd().split('\n');
      // Two rows of one minute swapped: still time-sorted, but the later-seen pool first.
      const tie = rows.findIndex((r, i) => i >= swapAt && swapAt > 0 && r.split(',')[2] === rows[i + 1]?.split(',')[2]);
      if (swapAt > 0) [rows[tie], rows[tie + 1]] = [rows[tie + 1], rows[tie]];
      const file = writeTemp(tempDir(), 'small.csv', rows.join('\n') + '\n');
      const inputs = await openReplayInputs([file]);
      const { all, blocks } = await blockInputs(inputs);
      assert.equal(blocks > 0, swapAt < 0, swapAt < 0 ? 'held as columns' : 'held as records');
      assert.deepEqual(order(all), expectedOrder(file));
      assert.deepEqual(order(await collect(inputs)), expectedOrder(file));
    });
  }
});
