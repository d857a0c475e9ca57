// One reference parse in a fresh process, so that its time and peak memory (maxRSS) are its own.
// Modes: readline | bytes (bench/replay-limits.ts). The replay itself is measured as the CLI runs it.
import { byteParse, readlineParse } from './replay-limits.js';

// Several files (a replay of several --input) are parsed one after the other.
const [mode, ...files] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
for (const file of files) rows += mode === 'bytes' ? (await byteParse(file)).rows : (await readlineParse(file)).rows;
const ms = performance.now() - t0;
const u = process.resourceUsage();
process.stdout.write(JSON.stringify({ mode, rows, ms, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }) + '\n');
