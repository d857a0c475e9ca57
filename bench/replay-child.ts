// One measurement in a fresh process so that peak memory (maxRSS) belongs to it alone.
import { countRows, openReplayInputs } from '../src/sources/recorded/index.js';
import { replayBatches } from '../src/run/replay.js';
import { loadConfig } from '../src/config/load.js';

const [mode, file, log] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
if (mode === 'parse') {
  rows = (await countRows([file])).rows;
} else {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const inputs = await openReplayInputs([file]);
  const r = await replayBatches(inputs.batches(), { cfg, logPath: log });
  rows = r.summary.inputs;
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ mode, rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
