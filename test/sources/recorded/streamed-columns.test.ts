import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReplayInputs, ReplayInputError, type ReplayInputs } from '../../../src/sources/recorded/index.js';
import { candleOfRow, isCandleBlock, type CandleBlock } from '../../../src/domain/candle-block.js';
import type { Input } from '../../../src/domain/market.js';
import { SeriesKeyTable } from '../../../src/sources/recorded/series-keys.js';
import { loadConfig } from '../../../src/config/load.js';
import { replayBatches } from '../../../src/run/replay.js';
import { seriesEndsOf } from '../../../src/run/series-end.js';
import { confidenceOf } from '../../../src/run/commands/replay.js';
import { poolId } from '../../../bench/gen.js';
import { seeded } from '../../fakes/http-base.js';
import { needsShared, sharedPath } from '../../support/shared-data.js';
import { collect, tempDir, writeTemp } from './helpers.js';

// A file too large for the memory budget is read twice: a first pass of keys and times, then a second read
// that goes straight into reused column blocks (streamed-columns.ts). Each block row must be the candle the
// streamed record path yields, in the same order, and a replay of the blocks must write the same log.

/** A budget of 0 bytes: every file is streamed. */
const streamed = (file: string): Promise<ReplayInputs> => openReplayInputs([file], { keepInMemoryBytes: 0 });

/** Every used row of every block as the candle it stands for, in order, and the number of blocks. */
async function blockRows(inputs: ReplayInputs): Promise<{ rows: Input[]; blocks: number }> {
  const rows: Input[] = [];
  let blocks = 0;
  for await (const b of inputs.blocks()) {
    assert.ok(isCandleBlock(b), 'a streamed candle file is replayed as blocks');
    blocks++;
    const block = b as CandleBlock;
    for (let i = block.from; i < block.to; i++) {
      const c = candleOfRow(block, i);
      if (c !== null) rows.push(c);
    }
  }
  return { rows, blocks };
}

// Two pools equal but for their last byte, and one equal but for a byte inside a 32-bit word of the key.
const base = poolId(7);
const POOLS = [poolId(0), poolId(1), poolId(2), base, base.slice(0, -1) + (base.endsWith('A') ? 'B' : 'A'), base.slice(0, 8) + (base[8] === 'z' ? 'y' : 'z') + base.slice(9)];

/**
 * Interleaved 1m rows of every pool for `minutes` minutes (a few quoted, which the string parser reads;
 * prices in plain, exponent and integer forms), plus 5m rows of the first pool (a coarser interval, skipped).
 */
function layoutFile(seed: number, minutes: number, withInterval: boolean): string {
  const rnd = seeded(seed);
  const t0 = 1755993600;
  let out = withInterval ? 'pool,interval,timestamp,open,high,low,close,volume_usd\n' : 'pool,timestamp,open,high,low,close,volume_usd\n';
  for (let m = 0; m < minutes; m++) {
    POOLS.forEach((pool, p) => {
      const o = (p + 1) * (1 + rnd());
      const forms = [`${o}`, `${(o * 1e-5).toExponential(3).toUpperCase()}`, `${Math.round(o * 1000)}`];
      const open = forms[m % 3];
      const name = rnd() < 0.02 ? `"${pool}"` : pool;
      out += withInterval ? `${name},1m,` : `${name},`;
      out += `${t0 + 60 * m},${open},${o * 2000},0,${o},${Math.floor(rnd() * 5000)}\n`;
    });
    // Known when the 1m rows of its last minute are: the file stays time-sorted (else it is held, not streamed).
    if (withInterval && m % 5 === 4) out += `${POOLS[0]},5m,${t0 + 60 * (m - 4)},1,2,0.5,1.5,100\n`;
  }
  return out;
}

describe('streamed files read straight into column blocks', () => {
  for (const withInterval of [true, false]) {
    it(`block rows equal the streamed records, row for row (${withInterval ? 'interval column, a skipped 5m series' : 'interval inferred'})`, async () => {
      const file = writeTemp(tempDir(), 'pools.csv', layoutFile(withInterval ? 1 : 2, 3000, withInterval));
      const inputs = await streamed(file);
      const { rows, blocks } = await blockRows(inputs);
      const records = await collect(inputs);
      assert.ok(blocks >= 2, `${blocks} blocks: the file is larger than one block`);
      assert.equal(rows.length, 3000 * POOLS.length);
      assert.equal(records.length, rows.length);
      for (let i = 0; i < rows.length; i++) assert.deepStrictEqual(rows[i], records[i], `row ${i}`);
      assert.equal(new Set(rows.map((r) => (r.kind === 'candle' ? r.pool : null))).size, POOLS.length, 'pools that differ in one byte stay apart');
      assert.ok(rows.every((r) => r.kind === 'candle' && r.intervalMs === 60_000));
      if (withInterval) assert.deepEqual(inputs.series.find((s) => s.pool === POOLS[0])?.skippedIntervalsMs, [300_000]);
    });
  }

  it('the bundled sample, streamed, replays to the golden log', async () => {
    const inputs = await streamed(join(process.cwd(), 'samples', 'cbrl-1m.csv'));
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    const log = join(tempDir(), 'sample.jsonl');
    await replayBatches(inputs.blocks(), { cfg, logPath: log, confidence: confidenceOf(cfg), seriesEnds: seriesEndsOf(inputs.series, cfg.replay.windowEnd) });
    assert.ok(readFileSync(log).equals(readFileSync(join(process.cwd(), 'test', 'fixtures', 'golden', 'cbrl-1m.jsonl'))), 'log differs from the golden file');
  });

  it('a bad price found on the second read names file and line, and leaves no log', async () => {
    const dir = tempDir();
    const lines = layoutFile(3, 400, true).split('\n');
    lines[1500] = lines[1500].replace(/^([^,]+,[^,]+,[^,]+),[^,]+/, '$1,-5');
    const file = writeTemp(dir, 'bad.csv', lines.join('\n'));
    const inputs = await streamed(file);
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    const log = join(dir, 'logs', 'out.jsonl');
    await assert.rejects(replayBatches(inputs.blocks(), { cfg, logPath: log }), (e: unknown) => e instanceof ReplayInputError && e.file === file && e.line === 1501);
    assert.equal(existsSync(log), false);
    assert.deepEqual(readdirSync(join(dir, 'logs')), []);
  });

  it('real collector files (TROLL_2), streamed: blocks and records write the same log', needsShared(), async () => {
    const dirOf = sharedPath('snogcel__geckoterminal_collector', 'docs', 'TROLL_2');
    const files = readdirSync(dirOf).filter((f) => f.endsWith('.csv')).sort().slice(0, 12).map((f) => join(dirOf, f));
    const dir = tempDir();
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    let asBlocks = 0;
    for (const file of files) {
      const inputs = await streamed(file);
      const it = inputs.blocks()[Symbol.asyncIterator]();
      const first = await it.next();
      await it.return?.();
      if (first.done || !isCandleBlock(first.value)) continue;
      asBlocks++;
      const logOf = async (source: ReturnType<ReplayInputs['blocks']>, name: string) => {
        await replayBatches(source, { cfg, logPath: join(dir, name), confidence: confidenceOf(cfg), seriesEnds: seriesEndsOf(inputs.series, cfg.replay.windowEnd) });
        return readFileSync(join(dir, name));
      };
      assert.ok((await logOf(inputs.blocks(), 'blocks.jsonl')).equals(await logOf(inputs.batches(), 'records.jsonl')), `${file}: logs differ`);
    }
    assert.ok(asBlocks >= 6, `${asBlocks} files replayed as blocks`);
  });
});

describe('series keys compared a word at a time', () => {
  it('tells apart keys that differ in any byte, in a full word or in the bytes after the last word', () => {
    const keys = ['abcdefgh', 'abcdefgi', 'abcdXfgh', 'abcdefghij', 'abcdefghik', 'abc', 'abd', 'Xbcdefgh'];
    const table = new SeriesKeyTable((raw) => ({ pool: raw, mint: null, intervalMs: 60_000 }));
    const rows = [...keys, ...keys, ...keys].map((k) => `${k},1\n`).join('');
    const buf = Buffer.from(rows);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    const seen: string[] = [];
    for (const k of [...keys, ...keys, ...keys]) {
      const guess = table.expected(buf, view, at, buf.length);
      const key = guess ?? table.find(buf, at, at + k.length, 1);
      if (guess !== null) table.took(guess);
      seen.push(key.pool!);
      at += k.length + 3;
    }
    assert.deepEqual(seen, [...keys, ...keys, ...keys]);
  });

  it('finds an empty key and keys of one length that differ in their last byte, each resolved once', () => {
    const resolved: string[] = [];
    const table = new SeriesKeyTable((raw) => (resolved.push(raw), { pool: raw, mint: null, intervalMs: 60_000 }));
    const buf = Buffer.from(',x\nab,x\nac,x\n');
    const seen = [[0, 0], [3, 5], [8, 10], [0, 0], [8, 10], [3, 5]].map(([from, to]) => table.find(buf, from, to, 1).pool);
    assert.deepEqual(seen, ['', 'ab', 'ac', '', 'ac', 'ab']);
    assert.deepEqual(resolved, ['', 'ab', 'ac']);
  });
});
