import { loadConfig } from '../src/config/load.js';
import { Engine } from '../src/run/engine.js';
import { loadSeries, GT, CBRL_POOL, CBRL_MINT } from '../test/helpers/gt-csv.js';
import { join } from 'node:path';
const cfg = loadConfig({ presets: ['replay'], env: {} });
const series = loadSeries(join(GT, 'specs/QA/ohlcv_data_2.csv'), CBRL_POOL, '1m', CBRL_MINT);
const span = 20 * 86400000;
const reps = Number(process.argv[2] ?? 60);
let n = 0; let ev = 0;
const e = new Engine(cfg, { emit: () => { ev++; } });
const t0 = performance.now();
for (let r = 0; r < reps; r++) for (const c of series) { e.push({ ...c, start: c.start + r * span, knownAt: c.knownAt + r * span }); n++; }
e.finish();
const ms = performance.now() - t0;
console.log('inputs', n, 'events', ev, 'ms', ms.toFixed(0), 'per sec', Math.round(n / ms * 1000));
