import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { replayBatches } from '../../src/run/replay.js';
import { replayOverBus } from '../../src/run/bus-replay.js';
import { PartitionEngine } from '../../src/run/partition.js';
import { MemoryBus } from '../../src/bus/memory.js';
import { confidenceOf } from '../../src/run/commands/replay.js';
import { batchesOf, busTestInputs, sortedLines, truncatedTestInputs } from './inputs.js';

const cfg = loadConfig({ presets: ['replay'], env: {} });
// The workers' own settings differ from the publisher's: a run must follow the publisher's (sent with its start).
const workerCfg = loadConfig({ presets: ['replay'], env: {}, sets: [['signals.confirmation.minChangePct', '40', 'test'], ['risk.stopAtrMultiple', '3', 'test'], ['confidence.calibrationPath', '', 'test']] });

describe('replay over the memory bus', () => {
  const inputs = busTestInputs(6);

  for (const n of [1, 2, 3]) {
    it(`writes the same lines as the single-process replay with ${n} partition(s) (sorted), with the publisher's settings`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pump-bus-mem-'));
      try {
        const single = await replayBatches(batchesOf(inputs), { cfg, logPath: join(dir, 'single.jsonl'), confidence: confidenceOf(cfg) });
        const bus = new MemoryBus(n);
        const stop = new AbortController();
        const workers = Array.from({ length: n }, (_, k) => bus.runPartition(k, new PartitionEngine(workerCfg, n, confidenceOf(workerCfg)), stop.signal));
        const res = await replayOverBus(batchesOf(inputs), { cfg, bus, logPath: join(dir, 'bus.jsonl') });
        stop.abort();
        await Promise.all(workers);
        const a = sortedLines(readFileSync(join(dir, 'single.jsonl'), 'utf8'));
        const b = sortedLines(readFileSync(join(dir, 'bus.jsonl'), 'utf8'));
        // The input must exercise every kind of line the parity is about.
        const types = new Set(a.map((l) => (JSON.parse(l) as { type: string }).type));
        for (const t of ['ignition', 'confirmation', 'outcome', 'dropped', 'rejected']) assert.ok(types.has(t), `input produces no ${t} line`);
        assert.deepEqual(b, a);
        assert.equal(res.summary.tokens, single.summary.tokens);
        assert.equal(res.summary.windows4h, single.summary.windows4h);
        assert.equal(res.summary.windowsUp, single.summary.windowsUp);
        assert.equal(res.summary.tokensWith5m, single.summary.tokensWith5m);
        assert.equal(res.summary.windowsOpenAtEnd, single.summary.windowsOpenAtEnd);
        assert.equal(res.inputs, single.summary.inputs);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  // Series that end inside their windows and outcome horizons (replay.windowEnd: series, the file replay default).
  for (const n of [2, 3]) {
    it(`applies the series-end rule like the single-process replay with ${n} partitions (same lines and counts)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pump-bus-mem-'));
      try {
        const { inputs, seriesEnds } = truncatedTestInputs(6);
        const single = await replayBatches(batchesOf(inputs), { cfg, logPath: join(dir, 'single.jsonl'), confidence: confidenceOf(cfg), seriesEnds });
        const byClock = await replayBatches(batchesOf(inputs), { cfg, logPath: join(dir, 'clock.jsonl'), confidence: confidenceOf(cfg) });
        // The input must make the rule matter: windows and outcomes the shared clock would have closed.
        assert.ok(single.summary.windowsOpenAtEnd > byClock.summary.windowsOpenAtEnd, 'no window is left open by the series-end rule');
        assert.ok(single.summary.openOutcomes > byClock.summary.openOutcomes, 'no outcome is left open by the series-end rule');
        const bus = new MemoryBus(n);
        const stop = new AbortController();
        const workers = Array.from({ length: n }, (_, k) => bus.runPartition(k, new PartitionEngine(workerCfg, n, confidenceOf(workerCfg)), stop.signal));
        const res = await replayOverBus(batchesOf(inputs), { cfg, bus, logPath: join(dir, 'bus.jsonl'), seriesEnds });
        stop.abort();
        await Promise.all(workers);
        assert.deepEqual(sortedLines(readFileSync(join(dir, 'bus.jsonl'), 'utf8')), sortedLines(readFileSync(join(dir, 'single.jsonl'), 'utf8')));
        for (const k of ['tokens', 'windows4h', 'windowsUp', 'windowsOpenAtEnd', 'openOutcomes', 'inputs'] as const) assert.equal(res.summary[k], single.summary[k], k);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
