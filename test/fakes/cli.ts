#!/usr/bin/env node
// `npm run fakes`: starts every loopback fake, prints the environment that points the scanner at them,
// and runs until Ctrl-C. Options: --only=dexscreener,jupiter  --limit=<requests per minute per fake>
// --clock-start=<iso> --clock-speed=<x>: serve the recorded market live on an accelerated clock.
import { startAllFakes } from './index.js';
import { AcceleratedClock } from '../../src/clock/accelerated.js';

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

const only = arg('only')?.split(',').filter(Boolean);
const limit = arg('limit');
const clockStart = arg('clock-start');
const clockSpeed = Number(arg('clock-speed') ?? '60');
const running = await startAllFakes({ only });
// With --clock-start the fakes serve the recorded market as if live, on a clock the scanner shares.
const anchor = Date.now();
if (clockStart !== undefined) {
  const clock = new AcceleratedClock(Date.parse(clockStart), clockSpeed, anchor);
  running.universe.now = () => clock.now();
}
for (const f of running.fakes) {
  const faults = f.faults as { limitPerMinute?: number | null };
  if (limit !== undefined && 'limitPerMinute' in faults) faults.limitPerMinute = Number(limit);
}
console.log(`# ${running.fakes.length} fakes serving ${running.universe.list().map((t) => t.symbol).join(', ')}`);
for (const [k, v] of Object.entries(running.env)) console.log(`export ${k}=${v}`);
if (clockStart !== undefined) console.log(`# scan with: npm start -- --clock-start ${clockStart} --clock-speed ${clockSpeed} --clock-anchor ${anchor}`);
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
