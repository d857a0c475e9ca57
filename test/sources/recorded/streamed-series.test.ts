import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplayInputs } from '../../../src/sources/recorded/index.js';
import { poolId } from '../../../bench/gen.js';

// Large files are streamed (read twice) instead of held in memory. A file with several interleaved
// pools must yield exactly the same records either way: no series lost, none merged into another.
describe('streamed multi-pool files', () => {
  it('yields every row of every pool whether the file is held in memory or streamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pump-streamed-'));
    try {
      const pools = [0, 1, 2, 3, 4].map(poolId);
      let text = 'pool,interval,timestamp,open,high,low,close,volume_usd\n';
      const minutes = 3000;
      for (let m = 0; m < minutes; m++) for (const [i, p] of pools.entries()) text += `${p},1m,${1_755_726_000 + m * 60},${1 + i},${1 + i},${1 + i},${1 + i},${m}\n`;
      const file = join(dir, 'multi.csv');
      writeFileSync(file, text);
      const read = async (keepInMemoryBytes: number) => {
        const inputs = await openReplayInputs([file], { keepInMemoryBytes });
        const perPool = new Map<string, number>();
        let last = -Infinity;
        for await (const batch of inputs.batches()) {
          for (const x of batch) {
            assert.ok(x.knownAt >= last, 'non-decreasing knownAt');
            last = x.knownAt;
            assert.ok(x.kind === 'candle');
            // Each pool's price was written as 1 + its index: a row assigned to another pool shows here.
            assert.equal(x.open, 1 + pools.indexOf(x.pool!), `row of ${x.pool} carries another pool's price`);
            perPool.set(x.pool!, (perPool.get(x.pool!) ?? 0) + 1);
          }
        }
        return { series: inputs.series.length, perPool: [...perPool.entries()].sort() };
      };
      const inMemory = await read(1e9);
      const streamed = await read(10_000);
      assert.equal(inMemory.series, pools.length);
      assert.deepEqual(inMemory.perPool, pools.map((p) => [p, minutes]).sort());
      assert.deepEqual(streamed, inMemory);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
