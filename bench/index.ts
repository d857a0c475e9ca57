// `npm run bench` runs every suite; `npm run bench -- replay latency` runs the named ones. Prints
// markdown; nothing here asserts on time.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchReplay } from './replay.js';
import { benchLatency } from './latency.js';
import { benchLatencyChain } from './latency-chain.js';
import { benchScale } from './scale.js';
import { benchPeer } from './peer.js';
import { benchRateLimit } from './rate-limit.js';
import { benchBus } from './bus.js';
import { hasGc } from './md.js';
import { benchChainDecode } from './chain-decode.js';
import { scriptNodeFlags } from './node-flags.js';

const root = process.cwd();
const here = import.meta.dirname ?? new URL('.', import.meta.url).pathname;

/** The standalone scripts run as they are, in their own process; their markdown goes to our stdout. */
const script = (file: string, args: string[] = []) => async () => {
  process.stdout.write(execFileSync(process.execPath, ['--expose-gc', join(here, file), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }));
};

/**
 * A suite that measures the running scan in this process, in a node started with the flags `npm start` gives it
 * (V8's heap sizes can only be set when node starts): re-run in a child with them when this process lacks them.
 */
const asStarted = (name: string, run: () => Promise<void>) => async () => {
  const flags = scriptNodeFlags(join(root, 'package.json'), 'start', 'scan');
  if (flags.every((f) => process.execArgv.includes(f))) return run();
  process.stdout.write(execFileSync(process.execPath, [...process.execArgv, ...flags, process.argv[1], name], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, BENCH_CHILD: '1' } }));
};

const suites: Array<[string, () => Promise<void>]> = [
  ['replay', () => benchReplay(root)],
  ['latency', () => benchLatency(root)],
  ['latency-chain', asStarted('latency-chain', () => benchLatencyChain(root))],
  ['scale', () => benchScale()],
  ['peer', () => benchPeer(root)],
  ['bus', () => benchBus(root)],
  ['store', script('store.js')],
  ['table', script('table-cpu.js', ['--seconds', '3'])],
  ['chain-decode', async () => benchChainDecode(root)],
  ['chain-first-trade', script('chain-first-trade.js', ['--rounds', '3'])],
  ['metadata', script('metadata.js')],
  ['holders', script('holders.js')],
  ['alerts', script('alerts.js')],
  ['ratelimit', () => benchRateLimit()],
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !suites.some(([s]) => s === n));
if (unknown.length) {
  console.error(`unknown suite ${unknown.join(', ')}; suites: ${suites.map(([s]) => s).join(', ')}`);
  process.exit(2);
}
const cpu = cpus();
const load = loadavg();
if (!process.env.BENCH_CHILD) console.log('# pump-scanner benchmarks');
if (!process.env.BENCH_CHILD) console.log(`Machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version} (${process.platform} ${process.arch}); load average ${load.map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min)${load[0] > cpu.length / 2 ? ' - the machine was shared, figures are pessimistic' : ''}${hasGc() ? '' : '; run with --expose-gc for memory figures'}; ${new Date().toISOString()}.`);
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
