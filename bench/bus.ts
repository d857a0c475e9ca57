// Scale-out over NATS JetStream: inputs per second from publish to the last partition's end report, with
// 1 and 2 worker processes (and the single process for reference), and the latency the bus adds to each
// signal line: the same inputs go to an in-process engine and over the bus at the same instant, and a
// line's added latency is its arrival from the bus minus its emission by the in-process engine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { loadConfig, type Config } from '../src/config/load.js';
import type { Input } from '../src/domain/market.js';
import { isLogLine } from '../src/domain/signals.js';
import { VirtualClock } from '../src/clock/clock.js';
import { scanEvents } from '../src/run/pipeline.js';
import { replayBatches } from '../src/run/replay.js';
import { replayOverBus } from '../src/run/bus-replay.js';
import { newRunId } from '../src/run/bus-replay.js';
import { confidenceOf } from '../src/run/commands/replay.js';
import { NatsBus } from '../src/bus/nats/bus.js';
import { batchesOf, busTestInputs } from '../test/bus/inputs.js';
import { int, printTable, spread } from './md.js';

const SIGNAL_TYPES = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss']);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

function startWorkers(root: string, url: string, n: number, name: string): ChildProcess[] {
  return Array.from({ length: n }, (_, k) => spawn(process.execPath, [join(root, 'dist', 'src', 'cli.js'), 'worker', '--bus', url, '--partition', String(k), '--partitions', String(n), '--set', `bus.name=${name}`], { stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } }));
}

async function stopAll(ps: ChildProcess[]): Promise<void> {
  await Promise.all(ps.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : (p.once('exit', r), p.kill('SIGTERM'))))));
}

const cfgFor = (base: Config, url: string, partitions: number, name: string): Config => ({ ...base, bus: { ...base.bus, url, partitions, name } });

async function throughput(root: string, base: Config, url: string, inputs: Input[], workers: number): Promise<number> {
  const name = `tp${workers}`;
  const cfg = cfgFor(base, url, workers, name);
  const bus = await NatsBus.open(cfg.bus);
  const procs = startWorkers(root, url, workers, name);
  try {
    // A first small run waits for the workers to be up, so start-up is not timed.
    await replayOverBus(batchesOf(inputs.slice(0, 100)), { cfg, bus, logPath: null });
    const t0 = performance.now();
    await replayOverBus(batchesOf(inputs, 4096), { cfg, bus, logPath: null });
    return performance.now() - t0;
  } finally {
    await stopAll(procs);
    await bus.close();
  }
}

async function addedLatency(root: string, base: Config, url: string, inputs: Input[], perSec: number): Promise<Float64Array> {
  const name = 'lat';
  const cfg = cfgFor(base, url, 2, name);
  cfg.bus.batchInputs = 64;
  const bus = await NatsBus.open(cfg.bus);
  const procs = startWorkers(root, url, 2, name);
  const local = new Map<string, number>();
  const added: number[] = [];
  try {
    await replayOverBus(batchesOf(inputs.slice(0, 100)), { cfg, bus, logPath: null });
    const run = newRunId();
    const follower = await bus.followSignals('new');
    const arrived = new Map<string, number>();
    let ends = 0;
    const reading = (async () => {
      for await (const m of follower) {
        if (m.run !== run) continue;
        if (m.kind === 'end' && ++ends === 2) break;
        if (m.kind === 'line' && SIGNAL_TYPES.has(m.line.type)) arrived.set(m.line.id, performance.now());
      }
    })();
    const inputs$ = new Subject<readonly Input[]>();
    scanEvents(inputs$, { cfg: base, clock: new VirtualClock(), tickMs: null, confidence: confidenceOf(base) }).subscribe((e) => {
      if (isLogLine(e) && SIGNAL_TYPES.has(e.type) && !local.has(e.id)) local.set(e.id, performance.now());
    });
    const pub = bus.inputPublisher(run);
    await pub.start();
    // Paced: batches of 20 inputs at `perSec`, so the figure is the bus's delay, not a queue's.
    const step = 20;
    const t0 = performance.now();
    for (let i = 0; i < inputs.length; i += step) {
      const due = t0 + (i / perSec) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const b = inputs.slice(i, i + step);
      await pub.publish(b);
      inputs$.next(b);
    }
    await pub.end(inputs[inputs.length - 1].knownAt);
    inputs$.complete();
    await reading;
    await follower.stop();
    for (const [id, t] of local) {
      const a = arrived.get(id);
      if (a !== undefined) added.push(a - t);
    }
    return Float64Array.from(added);
  } finally {
    await stopAll(procs);
    await bus.close();
  }
}

export async function benchBus(root: string): Promise<void> {
  console.log('\n## Bus (NATS JetStream scale-out)\n');
  const v = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) {
    console.log('skipped: nats-server not found (apt-get install -y nats-server)');
    return;
  }
  const base = loadConfig({ presets: ['replay'], env: {} });
  const inputs = busTestInputs(12);
  const dir = mkdtempSync(join(tmpdir(), 'pump-bench-bus-'));
  const port = await freePort();
  const server = spawn('nats-server', ['-js', '-sd', dir, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `nats://127.0.0.1:${port}`;
  await new Promise((r) => setTimeout(r, 500));
  try {
    const t0 = performance.now();
    await replayBatches(batchesOf(inputs, 4096), { cfg: base, logPath: null, confidence: confidenceOf(base) });
    const single = performance.now() - t0;
    const one = await throughput(root, base, url, inputs, 1);
    const two = await throughput(root, base, url, inputs, 2);
    console.log(`${v.stdout.trim()}, ${int(inputs.length)} inputs (12 tokens from the real CBRL series), loopback, workers are child processes.\n`);
    printTable(['path', 'wall s', 'inputs/s'], [
      ['single process (no bus)', (single / 1000).toFixed(2), int(inputs.length / (single / 1000))],
      ['bus, 1 worker', (one / 1000).toFixed(2), int(inputs.length / (one / 1000))],
      ['bus, 2 workers', (two / 1000).toFixed(2), int(inputs.length / (two / 1000))],
    ]);
    const rate = 2000;
    const lat = await addedLatency(root, base, url, inputs.slice(0, 12_000), rate);
    const [p50, p99, max] = spread(lat, 2);
    console.log(`\nAdded latency per signal line (bus arrival minus in-process emission), 2 workers, inputs paced at ${int(rate)}/s: ${lat.length} lines, p50 ${p50} ms, p99 ${p99} ms, max ${max} ms.`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
