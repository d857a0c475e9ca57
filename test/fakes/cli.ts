#!/usr/bin/env node
// `npm run fakes`: starts every loopback fake, prints the environment that points the scanner at them,
// and runs until Ctrl-C. Options: --only=dexscreener,jupiter  --limit=<requests per minute per fake>.
import { startAllFakes } from './index.js';

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

const only = arg('only')?.split(',').filter(Boolean);
const limit = arg('limit');
const running = await startAllFakes({ only });
for (const f of running.fakes) {
  const faults = f.faults as { limitPerMinute?: number | null };
  if (limit !== undefined && 'limitPerMinute' in faults) faults.limitPerMinute = Number(limit);
}
console.log(`# ${running.fakes.length} fakes serving ${running.universe.list().map((t) => t.symbol).join(', ')}`);
for (const [k, v] of Object.entries(running.env)) console.log(`export ${k}=${v}`);
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
