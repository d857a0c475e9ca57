// A process that delivers alerts and can be killed at any moment: the crash test's child. It loads the
// config from its environment (the sinks' URLs point at the parent's fakes), opens the store, and runs
// the same dispatcher the scanner runs. `offer` offers the signals of a file first; `resume` only sends
// what an earlier life left pending. Prints `ready` once started and `drained` when nothing is pending.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../../src/config/index.js';
import { openStore } from '../../../src/store/index.js';
import { alertsFor } from '../../../src/run/commands/alerts.js';
import type { LogLine } from '../../../src/domain/signals.js';

const [dbPath, mode, signalsFile] = process.argv.slice(2);
const cfg = loadConfig({ env: process.env });
const store = openStore({ path: dbPath });
const alerts = alertsFor(cfg, store, Date.now);
if (!alerts) throw new Error('crash-child: no sink configured');
if (mode === 'offer') for (const l of JSON.parse(readFileSync(signalsFile, 'utf8')) as LogLine[]) alerts.offer(l);
process.stdout.write('ready\n');
await alerts.drain();
process.stdout.write('drained\n');
await alerts.close();
store.close();
