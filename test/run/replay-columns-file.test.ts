import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/load.js';
import { openReplayInputs, type ReplayInputs } from '../../src/sources/recorded/index.js';
import { replayBatches } from '../../src/run/replay.js';
import { seriesEndsOf } from '../../src/run/series-end.js';
import { confidenceOf } from '../../src/run/commands/replay.js';
import { isCandleBlock } from '../../src/domain/candle-block.js';
import { seeded } from '../fakes/http-base.js';
import { needsShared, sharedPath } from '../support/shared-data.js';
import { tempDir, writeTemp } from '../sources/recorded/helpers.js';

// A file replayed through columns (blocks, no Candle per row) writes the log the object path writes, byte
// for byte: on the bundled sample (against the golden file), on a generated multi-pool file, and on real
// time-sorted collector files. Files are forced into columns by a memory budget just under their size.

const SAMPLE = join(process.cwd(), 'samples', 'cbrl-1m.csv');
const GOLDEN = join(process.cwd(), 'test', 'fixtures', 'golden', 'cbrl-1m.jsonl');

/** The CLI's configuration for `replay` (the replay preset over the defaults). */
const cfgOf = (): Config => loadConfig({ presets: ['replay'], env: {} });

async function columnsOf(file: string): Promise<ReplayInputs> {
  return openReplayInputs([file], { keepInMemoryBytes: statSync(file).size - 1 });
}

/** Replays `inputs` as blocks or as batches into a log file; returns the log and the summary. */
async function replayLog(inputs: ReplayInputs, asBlocks: boolean, dir: string, name: string) {
  const cfg = cfgOf();
  const log = join(dir, name);
  const source = asBlocks ? inputs.blocks() : inputs.batches();
  const r = await replayBatches(source, { cfg, logPath: log, confidence: confidenceOf(cfg), seriesEnds: seriesEndsOf(inputs.series, cfg.replay.windowEnd) });
  return { log: readFileSync(log), summary: r.summary, lines: r.logLines };
}

async function blockCount(inputs: ReplayInputs): Promise<number> {
  let n = 0;
  for await (const b of inputs.blocks()) if (isCandleBlock(b)) n++;
  return n;
}

const MINTS = ['5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump', '', 'So11111111111111111111111111111111111111112'];
const POOLS = ['7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP', 'H59JH47VjoYMsBpgWhXodpEw5iJbjjT6i3hANLkHfUTn', 'GcFy6xq5UVwXFH8HRuScm7LyiQCB7u6hFmHAQwpGExkc', 'AVvZBLi26TnvuS2KMpuANsy9zyHkmvEyAgXDRTaJjBbY'];

/**
 * A time-sorted canonical file: four pools (the last two of one mint), 1m rows for three days with gaps, zero
 * volumes, rallies, duplicates, zero prices, a few quoted rows (the string parser's) and one pool that
 * stops inside a 4h window.
 */
function generatedFile(seed: number): string {
  const rnd = seeded(seed);
  const t0 = 1755993600;
  const price = POOLS.map(() => 0.001 * (1 + rnd()));
  let out = 'mint,pool,interval,timestamp,open,high,low,close,volume_usd\n';
  for (let m = 0; m < 72 * 60; m++) {
    for (let p = 0; p < POOLS.length; p++) {
      if (rnd() < 0.1 || (p === 1 && m > 50 * 60 + 97)) continue;
      const rally = m % 300 < 60;
      const o = price[p];
      const c = o * (1 + (rally ? 0.005 : (rnd() - 0.5) * 0.01));
      price[p] = c;
      const v = rnd() < 0.05 ? 0 : (rally ? 20 : 1) * 1000 * rnd();
      const mint = MINTS[Math.min(p, 2)];
      const pool = rnd() < 0.01 ? `"${POOLS[p]}"` : POOLS[p];
      const row = `${mint},${pool},1m,${t0 + 60 * m},${o},${Math.max(o, c) * 1.002},${Math.min(o, c) * 0.998},${c},${v}\n`;
      out += row;
      const f = rnd();
      if (f < 0.01) out += row;
      else if (f < 0.015) out += `${mint},${POOLS[p]},1m,${t0 + 60 * m},0,${Math.max(o, c)},0,${c},${v}\n`;
    }
  }
  return out;
}

describe('replay through columns: the same log as the object path', () => {
  it('the bundled sample through columns reproduces the golden log byte for byte', async () => {
    const inputs = await columnsOf(SAMPLE);
    assert.ok((await blockCount(inputs)) > 0, 'the sample is replayed as blocks');
    const { log } = await replayLog(inputs, true, tempDir(), 'sample.jsonl');
    assert.ok(log.equals(readFileSync(GOLDEN)), 'log differs from test/fixtures/golden/cbrl-1m.jsonl');
  });

  for (const seed of [11, 12]) {
    it(`a generated multi-pool file (seed ${seed}): blocks and batches write the same log and summary`, async () => {
      const dir = tempDir();
      const file = writeTemp(dir, 'pools.csv', generatedFile(seed));
      const inputs = await columnsOf(file);
      assert.ok((await blockCount(inputs)) > 0, 'replayed as blocks');
      const blocks = await replayLog(inputs, true, dir, 'blocks.jsonl');
      const batches = await replayLog(inputs, false, dir, 'batches.jsonl');
      assert.ok(blocks.log.equals(batches.log), 'logs differ');
      assert.deepStrictEqual(blocks.summary, batches.summary);
      const types = new Set(blocks.log.toString().trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type));
      for (const t of ['ignition', 'confirmation', 'dropped']) assert.ok(types.has(t), `${t} lines in the log`);
      assert.ok(blocks.summary.windowsOpenAtEnd > 0, 'a window left open where a series ends');
    });
  }

  it('real time-sorted collector files (TROLL_2): blocks and batches write the same log', needsShared(), async () => {
    const dirOf = sharedPath('snogcel__geckoterminal_collector', 'docs', 'TROLL_2');
    const files = readdirSync(dirOf).filter((f) => f.endsWith('.csv')).sort().slice(0, 12).map((f) => join(dirOf, f));
    const dir = tempDir();
    let asBlocks = 0;
    let lines = 0;
    for (const file of files) {
      const inputs = await columnsOf(file);
      if ((await blockCount(inputs)) === 0) continue;
      asBlocks++;
      const blocks = await replayLog(inputs, true, dir, 'blocks.jsonl');
      const batches = await replayLog(inputs, false, dir, 'batches.jsonl');
      assert.ok(blocks.log.equals(batches.log), `${file}: logs differ`);
      lines += blocks.lines;
    }
    assert.ok(asBlocks >= 6, `${asBlocks} files replayed as blocks`);
    assert.ok(lines > 0, 'the files give log lines');
  });
});
