#!/usr/bin/env node
// `npm run fakes`: starts every loopback fake, prints the environment that points the scanner at them,
// and runs until Ctrl-C. The market is CBRL's real 1m candles from samples/cbrl-1m.csv (with ../shared/data
// beside the checkout also CBRL's swaps and a second token, Butterfly).
import { parseArgs } from 'node:util';
import { startAllFakes, fakeRegistry } from './index.js';
import { AcceleratedClock } from '../../src/clock/accelerated.js';

const HELP = `Usage: npm run fakes -- [--only <names>] [--limit <n>] [--clock-start <iso> [--clock-speed <x>]]

Starts loopback fakes of every upstream the scanner uses and prints the environment (base URLs, a fake
Birdeye key) that points the scanner at them. Runs until Ctrl-C.

Options:
  --only <names>        Comma-separated fakes to start (${fakeRegistry.map((f) => f.name).join(', ')}); default all
  --limit <n>           Each HTTP fake answers 429 above n requests per minute (default: no limit)
  --clock-start <iso>   Serve the recorded market "live" as of an accelerated clock reading this time now;
                        prints the matching scan command (the scanner shares the clock)
  --clock-speed <x>     Clock seconds per real second (default 60)
  -h, --help            This help

Example (the README's offline demo):
  npm run fakes -- --only=dexscreener,geckoterminal,jupiter,solana --clock-start=2025-08-23T06:00:00Z --clock-speed=60`;

function fail(message: string): never {
  process.stderr.write(`fakes: ${message}\n`);
  process.exit(2);
}

let values: { only?: string; limit?: string; 'clock-start'?: string; 'clock-speed'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { only: { type: 'string' }, limit: { type: 'string' }, 'clock-start': { type: 'string' }, 'clock-speed': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true, allowPositionals: false,
  }));
} catch (e) {
  fail((e as Error).message.split('\n')[0]);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const known = new Set(fakeRegistry.map((f) => f.name));
const only = values.only?.split(',').filter(Boolean);
for (const name of only ?? []) if (!known.has(name)) fail(`--only: no fake named "${name}" (fakes: ${[...known].join(', ')})`);
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && !(limit > 0)) fail(`--limit expects a positive number of requests per minute, got "${values.limit}"`);
const clockStart = values['clock-start'];
const startMs = clockStart === undefined ? null : Date.parse(clockStart);
if (startMs !== null && !Number.isFinite(startMs)) fail(`--clock-start expects an ISO time, got "${clockStart}"`);
const clockSpeed = Number(values['clock-speed'] ?? '60');
if (!(clockSpeed > 0)) fail(`--clock-speed expects a positive number, got "${values['clock-speed']}"`);
if (values['clock-speed'] !== undefined && startMs === null) fail('--clock-speed needs --clock-start (it sets the speed of that clock)');

const running = await startAllFakes({ only });
// With --clock-start the fakes serve the recorded market as if live, on a clock the scanner shares.
const anchor = Date.now();
if (startMs !== null) {
  const clock = new AcceleratedClock(startMs, clockSpeed, anchor);
  running.universe.now = () => clock.now();
}
for (const f of running.fakes) {
  const faults = f.faults as { limitPerMinute?: number | null };
  if (limit !== undefined && 'limitPerMinute' in faults) faults.limitPerMinute = limit;
}
console.log(`# ${running.fakes.length} fakes serving ${running.universe.list().map((t) => t.symbol).join(', ')}`);
for (const [k, v] of Object.entries(running.env)) console.log(`export ${k}=${v}`);
if (startMs !== null) console.log(`# then scan with: node dist/src/cli.js scan --clock-start ${clockStart} --clock-speed ${clockSpeed} --clock-anchor ${anchor}`);
console.log('# Ctrl-C to stop');

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await running.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
