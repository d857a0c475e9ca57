// One measurement in a fresh process, so that its time and peak memory (maxRSS) are its own.
// Modes: readline | bytes (the reference parses, bench/replay-limits.ts), parse (our readers and merge,
// no engine), replay (read, parse, merge, engine, JSONL log written).
import { countRows, openReplayInputs } from '../src/sources/recorded/index.js';
import { replayBatches } from '../src/run/replay.js';
import { loadConfig } from '../src/config/load.js';
import { confidenceOf } from '../src/run/commands/replay.js';
import { byteParse, readlineParse } from './replay-limits.js';

const [mode, file, log] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
if (mode === 'readline') rows = (await readlineParse(file)).rows;
else if (mode === 'bytes') rows = (await byteParse(file)).rows;
else if (mode === 'parse') rows = (await countRows([file])).rows;
else {
  // As `replay` runs it: replay preset, confidence on every signal, the log written through a temp file.
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const inputs = await openReplayInputs([file]);
  const r = await replayBatches(inputs.batches(), { cfg, logPath: log, confidence: confidenceOf(cfg) });
  rows = r.summary.inputs;
}
const ms = performance.now() - t0;
const u = process.resourceUsage();
process.stdout.write(JSON.stringify({ mode, rows, ms, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }) + '\n');
