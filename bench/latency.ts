// Live latency end to end through the network path: the Birdeye WebSocket fake (its own process) on
// loopback -> the real BirdeyeWsSource -> scanEvents on the wall clock -> the store's idempotent signal
// insert and the JSONL writer, flushed per signal line as `scan` does. All of it runs synchronously from
// the ws 'message' event, so "done" (after the write returns) is when the input's consequence is on disk.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject, asyncScheduler, interval } from 'rxjs';
import { loadConfig } from '../src/config/load.js';
import type { Clock } from '../src/clock/clock.js';
import type { Input } from '../src/domain/market.js';
import type { LogLine, ScanEvent } from '../src/domain/signals.js';
import { BirdeyeWsSource } from '../src/sources/birdeye/ws-source.js';
import { scanEvents } from '../src/run/pipeline.js';
import type { Engine } from '../src/run/engine.js';
import { confidenceOf } from '../src/run/commands/replay.js';
import { openJsonlLog } from '../src/outputs/jsonl.js';
import { InputRecorder, openStore, type SignalLine } from '../src/store/index.js';
import { planTokens, setupTokens } from './latency-setup.js';
import type { LatencyPlan } from './latency-fake.js';
import { gc, int, printTable, spread } from './md.js';
import { nextMessage } from './ipc.js';

/** The scan command's signal line types: stored idempotently, written and flushed at once. */
const SIGNAL_TYPES = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss']);
const TOKENS = 100;
const SECONDS = 8;

/**
 * The wall clock with one addition: it notes the high-resolution instant of each reading. The
 * WebSocket reads the clock once per message, in its 'message' handler, to stamp knownAt; the record is
 * then delivered synchronously, so the last reading is that message's receipt time.
 */
class ReceiptClock implements Clock {
  readonly scheduler = asyncScheduler;
  lastReadPerf = 0;
  now(): number {
    this.lastReadPerf = performance.now();
    return Date.now();
  }
}

interface RunResult {
  rate: number; recording: number | null; sent: number; received: number; achieved: number; cpuPct: number; fakeCpuPct: number;
  recvToDone: Float64Array; sentToDone: Float64Array; signal: number[]; signalSent: number[]; lineTypes: Record<string, number>; idMismatches: number;
}

async function runOnce(root: string, rate: number, recording: number | null, seed: number): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pump-latency-'));
  const child = fork(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'latency-fake.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(key: string) => nextMessage<T>(child, key);
  const { url } = await next<{ url: string }>('url');
  const cfg = loadConfig({ presets: ['scan'], env: {} });
  const clock = new ReceiptClock();
  const store = openStore({ ...cfg.store, path: join(dir, 'scanner.db') });
  const sessionId = recording ? store.startSession({ startedAt: clock.now(), configJson: JSON.stringify(cfg), version: 'bench' }) : null;
  const recorder = sessionId && recording ? new InputRecorder(store, sessionId, recording) : null;
  const log = openJsonlLog(join(dir, 'signals.jsonl'), { mode: 'append', types: new Set(cfg.log.types) });
  const inputs$ = new Subject<Input>();
  const lineTypes: Record<string, number> = {};
  let signalLines = 0;
  let engine: Engine | null = null;
  const write = (line: LogLine, flush: boolean) => {
    log.write(line);
    if (flush) {
      log.flush();
      signalLines++;
    }
    lineTypes[line.type] = (lineTypes[line.type] ?? 0) + 1;
  };
  const sub = scanEvents(inputs$, {
    cfg, clock, tickMs: null, confidence: confidenceOf(cfg), views: { staleAfterMs: cfg.scan.staleAfterMs }, onEngine: (e) => (engine = e),
  }).subscribe((e: ScanEvent) => {
    if (e.type === 'token' || e.type === 'window') return;
    if (SIGNAL_TYPES.has(e.type)) {
      if (store.insertSignal(e as SignalLine)) write(e as LogLine, true);
    } else write(e as LogLine, false);
  });
  const push = (i: Input) => {
    recorder?.push(i);
    inputs$.next(i);
  };

  // Warm-up and gate inputs, pushed before the stream as the live feeds would after admitting a token.
  const setups = setupTokens(root, TOKENS, Date.now(), seed);
  for (const s of setups) for (const i of s.inputs) push(i);
  recorder?.flush();
  const eng = engine as unknown as Engine;
  const tokens = planTokens(setups, (m) => eng.tokens.get(m)?.w.vol5m.meanOfLast(cfg.signals.ignition.volumeSmaBars) ?? null, (rate * SECONDS) / TOKENS, cfg.signals.ignition.volumeMultiple);

  const total = Math.round(rate * SECONDS);
  const recvPerf = new Float64Array(total);
  const donePerf = new Float64Array(total);
  const signalIdx: number[] = [];
  const tradeIds: (string | null)[] = new Array(total).fill(null);
  let received = 0;
  const onRecord = (r: Input) => {
    const idx = received++;
    const recv = clock.lastReadPerf;
    const before = signalLines;
    push(r);
    const done = performance.now();
    if (idx >= total) return;
    recvPerf[idx] = recv;
    donePerf[idx] = done;
    if (r.kind === 'trade') tradeIds[idx] = r.id;
    if (signalLines > before) signalIdx.push(idx);
  };
  const source = new BirdeyeWsSource({
    wsUrl: url, apiKey: 'test-birdeye-key', addressesPerConnection: 100, heartbeatTimeoutMs: cfg.sources.birdeyeWs.heartbeatTimeoutMs,
    reconnectMinMs: 500, reconnectMaxMs: 30_000, chartType: '1m', newListings: false, newPairs: false, minListingLiquidityUsd: 0, clock,
  });
  source.candles$.subscribe(onRecord);
  source.trades$.subscribe(onRecord);
  source.setAddresses(tokens.map((t) => t.mint));
  source.start();
  await next('subscribed');
  // The live scanner's tick: a clock input, then the recorder and the log are flushed.
  const ticks = interval(cfg.scan.tickMs).subscribe(() => {
    push({ kind: 'tick', knownAt: clock.now() });
    recorder?.flush();
    log.flush();
  });
  gc();
  const sendTimesFile = join(dir, 'sent.f64');
  const plan: LatencyPlan = { rate, seconds: SECONDS, tokens, ramp: 0.06, candleEvery: 10, sendTimesFile };
  const hrOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  child.send({ go: plan });
  const done = await next<{ sent: number; ms: number; cpuMs: number }>('done');
  const drainBy = performance.now() + 3000;
  while (received < done.sent && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 2));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  ticks.unsubscribe();
  source.stop();
  sub.unsubscribe();
  log.close();
  store.close();
  child.send({ stop: true });
  const sentAt = new Float64Array(readFileSync(sendTimesFile).buffer.slice(0));
  rmSync(dir, { recursive: true, force: true });

  const n = Math.min(received, total);
  const recvToDone = new Float64Array(n);
  const sentToDone = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recvToDone[i] = donePerf[i] - recvPerf[i];
    sentToDone[i] = donePerf[i] + hrOffset - sentAt[i];
  }
  const { signatureLike } = await import('./cbrl.js');
  let idMismatches = 0;
  for (let i = 0; i < n; i++) if (tradeIds[i] !== null && tradeIds[i] !== signatureLike(i)) idMismatches++;
  return {
    rate, recording, sent: done.sent, received, achieved: received / (done.ms / 1000), cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    fakeCpuPct: (done.cpuMs / done.ms) * 100, recvToDone, sentToDone,
    signal: signalIdx.map((i) => recvToDone[i]), signalSent: signalIdx.map((i) => sentToDone[i]), lineTypes, idMismatches,
  };
}

export async function benchLatency(root: string): Promise<void> {
  console.log('\n## live latency: Birdeye WebSocket fake -> BirdeyeWsSource -> pipeline -> store + JSONL (ms)');
  console.log(`${TOKENS} tokens on one WebSocket connection (the per-connection cap), each warmed up as the live scanner does (30 closed CBRL 4h bars, 1m CBRL candles since the 4h boundary >= 180 min ago; the forming window's candles at a flat price) and with passing gate inputs. The fake runs in its own process and streams, per token, TXS_DATA swaps and every 10th message a PRICE_DATA 1m candle, with event times = now and a price ramp of +6% over ${SECONDS} s and sizes set so each token's near miss and ignition fire during the run. Sent in batches on a ~1 ms timer. "receipt" = the ws 'message' event (the clock read that stamps knownAt); "sent" = just before the fake serialised and sent the frame (process.hrtime, same monotonic clock in both processes), so sent -> done adds the loopback hop and the wait behind earlier frames; "done" = after the input's pipeline work and, for a signal line, the SQLite insert and the flushed write returned. Session recording on = every input also goes to the InputRecorder, which writes a batch to SQLite when it holds N inputs and on each 1 s tick, exactly as \`scan\` does (N = 5,000 there); the write runs on the event loop.`);
  const results: RunResult[] = [];
  let seed = 3_000_000;
  // Recording batches: 5,000 is the InputRecorder default that `scan` uses; 500 shows the effect of smaller writes.
  for (const [rate, recording] of [[1_000, 5000], [20_000, 5000], [20_000, 500], [20_000, null]] as const) {
    results.push(await runOnce(root, rate, recording, (seed += 10_000)));
  }
  printTable(
    ['target inputs/s', 'session recording', 'inputs received', 'achieved inputs/s', 'CPU of the measured process (% of one core)', 'CPU of the fake', 'all inputs, receipt -> done: p50 / p99 / max', 'all inputs, sent -> done: p50 / p99 / max'],
    results.map((r) => [int(r.rate), r.recording ? `on, ${int(r.recording)}-input batches` : 'off', int(r.received), int(r.achieved), r.cpuPct.toFixed(0), r.fakeCpuPct.toFixed(0), spread(r.recvToDone).join(' / '), spread(r.sentToDone).join(' / ')]),
  );
  printTable(
    ['target inputs/s', 'session recording', 'inputs that wrote a flushed signal line (n)', 'line types written', 'signal inputs, receipt -> line written: p50 / p99 / max', 'signal inputs, sent -> line written: p50 / p99 / max'],
    results.map((r) => [int(r.rate), r.recording ? `on, ${int(r.recording)}-input batches` : 'off', r.signal.length, Object.entries(r.lineTypes).map(([k, v]) => `${k} ${v}`).join(', '), spread(r.signal).join(' / '), spread(r.signalSent).join(' / ')]),
  );
  const bad = results.filter((r) => r.idMismatches > 0 || r.received !== r.sent);
  if (bad.length) console.log(`Warning: ${bad.map((r) => `${r.rate}/s: ${r.sent - r.received} of ${r.sent} not received, ${r.idMismatches} trade ids out of order`).join('; ')}.`);
}
