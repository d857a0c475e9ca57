import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cbrlVariant, startLiveMarket, startScan, untilClock, type LiveMarket } from '../helpers/live-harness.js';
import { needsNats, startNatsServer, type NatsServer } from './nats-server.js';
import { startWorker, stopWorker, type WorkerProc } from './workers.js';

// `scan --bus` end to end: the real scan process against the loopback fakes (real CBRL candles on an
// accelerated clock), two real worker processes on a real nats-server, and `tail` following the lines.
// The scan records its inputs as usual, so the single-process replay of that session is the reference.
const START = Date.parse('2025-08-22T00:30:00Z');

const readLines = (f: string): string[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l !== '') : []);
const engineLines = (lines: string[]) => lines.filter((l) => !/^\{"v":1,"type":"(status|bad_data)"/.test(l)).sort();

describe('scan over NATS JetStream with 2 workers (end to end)', { timeout: 120_000, ...needsNats() }, () => {
  let server: NatsServer;
  let m: LiveMarket;
  const workers: WorkerProc[] = [];
  let tailed = '';
  let exit: number | null = null;
  let log = '';
  let db = '';

  before(async () => {
    server = await startNatsServer();
    m = await startLiveMarket({
      start: START, speed: 1200,
      tokens: (base) => [
        { ...base.list().find((t) => t.symbol === 'CBRL')!, liquidityUsd: 120_000, volume24hUsd: 500_000 },
        cbrlVariant(base, 1, { symbol: 'MINTAUTH', liquidityUsd: 120_000, volume24hUsd: 500_000, mintAuthority: 'Borqy3dEjw9az7Uj9nW69A9ZDansFGHWEggUx7tkv44f' }),
        cbrlVariant(base, 2, { symbol: 'QUIET', liquidityUsd: 120_000, volume24hUsd: 50_000 }),
      ],
    });
    log = join(m.dir, 'signals.jsonl');
    db = join(m.dir, 'scanner.db');
    workers.push(startWorker(server.url, 0, 2), startWorker(server.url, 1, 2));
    const { spawn } = await import('node:child_process');
    const tailProc = spawn(process.execPath, [CLI, 'tail', '--bus', server.url], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
    tailProc.stdout!.on('data', (d: Buffer) => (tailed += d.toString()));
    const mints = m.universe.list().flatMap((t) => ['--mint', t.mint]);
    const run = startScan(m, ['--no-discovery', '--no-table', '--log', log, '--db', db, '--bus', server.url, '--partitions', '2', ...mints]);
    await untilClock(m, Date.parse('2025-08-22T04:20:00Z'));
    exit = await run.stop();
    // tail runs on its own: wait (bounded) until it has printed as many lines as the scan logged.
    const want = engineLines(readLines(log)).length;
    for (let i = 0; i < 400 && engineLines(tailed.split('\n').filter((l) => l !== '')).length < want; i++) await new Promise((r) => setTimeout(r, 50));
    tailProc.kill('SIGINT');
    await new Promise((r) => tailProc.once('exit', r));
  });

  after(async () => {
    for (const w of workers) await stopWorker(w);
    await m?.stop();
    await server?.stop();
  });

  it('stops cleanly on SIGINT', () => {
    assert.equal(exit, 0);
  });

  it('logs the same engine lines as the single-process replay of its recorded session', () => {
    const sessions = execFileSync(process.execPath, [CLI, 'sessions', '--db', db], { encoding: 'utf8' }).trim().split('\n');
    const out = join(m.dir, 'parity.jsonl');
    execFileSync(process.execPath, [CLI, 'replay', '--session', sessions[0].split(' ')[0], '--db', db, '--log', out], { env: { PATH: process.env.PATH ?? '' } });
    const live = engineLines(readLines(log));
    const types = new Set(live.map((l) => (JSON.parse(l) as { type: string }).type));
    // Not vacuous: signals and gate rejections came through the bus (on a loaded machine the accelerated
    // market may deliver the ignition's candles late, so either signal kind counts).
    assert.ok((types.has('ignition') || types.has('confirmation')) && types.has('rejected'), `types ${[...types].join(',')}`);
    const replayed = engineLines(readLines(out));
    const onlyLive = live.filter((l) => !replayed.includes(l));
    const onlyReplay = replayed.filter((l) => !live.includes(l));
    assert.deepEqual({ onlyLive, onlyReplay }, { onlyLive: [], onlyReplay: [] });
  });

  it('tail prints every signal line the scan logged, as JSONL', () => {
    const scanned = engineLines(readLines(log));
    assert.ok(scanned.length > 0);
    assert.deepEqual(engineLines(tailed.split('\n').filter((l) => l !== '')), scanned);
  });
});
