// Live latency of the chain tap end to end through the network path: the Solana pubsub fake (its own
// process) on loopback -> LogsSubscription -> ChainFeed (decode, dedupe, price, universe) -> scanEvents on
// the wall clock -> session recording and the store's idempotent signal insert + flushed JSONL write, as
// `scan` wires them. Everything from the ws 'message' event to the end of the trade's pipeline work runs
// synchronously, so "done" (after push returns) is when the frame's consequence is in the pipeline and,
// for a signal line, on disk.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { Subject, asyncScheduler, interval } from 'rxjs';
import { loadConfig } from '../src/config/load.js';
import type { Input, Trade } from '../src/domain/market.js';
import type { LogLine, ScanEvent } from '../src/domain/signals.js';
import { scanEvents } from '../src/run/pipeline.js';
import { confidenceOf } from '../src/run/commands/replay.js';
import { openJsonlLog } from '../src/outputs/jsonl.js';
import { InputRecorder, ThreadInputRecorder, openStore, type SignalLine } from '../src/store/index.js';
import { LogsSubscription } from '../src/sources/chain/subscription.js';
import { decodeTx } from '../src/sources/chain/decode.js';
import { ChainFeed } from '../src/run/live/chain-feed.js';
import type { LiveSources } from '../src/run/live/sources.js';
import { admit, newUniverse } from '../src/run/live/universe.js';
import { signatureFor } from '../test/fakes/solana-ws-feed.js';
import { bondingCurveOf } from '../src/sources/chain/programs/pump/pda.js';
import { PUMP_PROGRAM_ID } from '../src/sources/chain/programs/pump/index.js';
import type { ChainPlan } from './latency-chain-fake.js';
import { FIRST_SLOT, tokenOfTrade, type TradeOrder } from './latency-chain-order.js';
import { gc, int, mb, printTable, spread } from './md.js';
import { nextMessage } from './ipc.js';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { frameLog } from '../src/run/live/frame-log.js';
import { warmUpChainPath } from '../src/run/live/chain-warm.js';

const SIGNAL_TYPES = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss']);
const TOKENS = 10_000;
const SECONDS = 8;
type Recording = 'off' | 'thread' | 'inline';

interface RunResult {
  rate: number; recording: Recording; sent: number; received: number; trades: number; achieved: number; cpuPct: number; fakeCpuPct: number;
  recvToDone: Float64Array; sentToDone: Float64Array; steadySent: Float64Array; rssSetupMb: number; rssPeakMb: number; heapMb: number; tapLost: number; pdaUs: number;
  /** GC pauses on the measured thread during the run (ms), minor (scavenges) and major (mark-compact, incremental steps). */
  gc: { minor: number[]; major: number[] }; loopDelayP99: number; loopDelayMax: number;
  /** Time of each clock tick's handler, ms. */
  tickMs: number[];
  /** Token views emitted during the run (each changed token once per tick). */
  views: number;
  /** CPU of the whole measured process (all threads) per trade, us, while every token's first trade was done and after (round robin only). */
  cpuPerTrade: { first: number; later: number };
  /** The tap's warm-up before the run: made-up tokens, wall and CPU ms (tokens 0: none). */
  warmUp: { tokens: number; ms: number; cpuMs: number };
}

async function runOnce(root: string, rate: number, recording: Recording): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pump-chain-latency-'));
  const child = fork(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'latency-chain-fake.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(key: string) => nextMessage<T>(child, key);
  const { url } = await next<{ url: string }>('url');
  const cfg = loadConfig({ presets: ['scan'], env: {} });
  const clock = { now: () => Date.now(), scheduler: asyncScheduler };
  const dbPath = join(dir, 'scanner.db');
  const store = openStore({ ...cfg.store, path: dbPath });
  const sessionId = recording !== 'off' ? store.startSession({ startedAt: clock.now(), configJson: JSON.stringify(cfg), version: 'bench' }) : null;
  const recorder = !sessionId ? null : recording === 'thread' ? new ThreadInputRecorder(dbPath, sessionId, 5000, (m) => console.error(m)) : new InputRecorder(store, sessionId);
  // Recording on = what `scan` records: the inputs (SQLite, writer thread) and the raw frames (frames/<session>.ndjson).
  // LATENCY_CHAIN_NO_FRAMES=1 (diagnosis): inputs recorded, raw frames not.
  const frames = recorder && !process.env.LATENCY_CHAIN_NO_FRAMES ? frameLog(recorder.appendFile(join(dir, 'frames', `${sessionId}.ndjson`)), () => clock.now()) : null;
  const writes = recorder instanceof ThreadInputRecorder ? recorder.deferredWrites() : undefined;
  const log = openJsonlLog(join(dir, 'signals.jsonl'), { mode: 'append', types: new Set(cfg.log.types) });
  const inputs$ = new Subject<Input>();
  let views = 0;
  const sub = scanEvents(inputs$, { cfg, clock, tickMs: null, confidence: confidenceOf(cfg), views: { staleAfterMs: cfg.scan.staleAfterMs } }).subscribe((e: ScanEvent) => {
    if (e.type === 'token') views++;
    if (e.type === 'token' || e.type === 'window') return;
    if (SIGNAL_TYPES.has(e.type)) {
      if (store.insertSignal(e as SignalLine)) {
        log.write(e as LogLine);
        log.flush();
      }
    } else log.write(e as LogLine);
  });

  // The universe already holds 10,000 tapped tokens (admitted earlier), their decimals are known and a
  // polled SOL/USD stands: the steady state of a long-running scan.
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  const mints = Array.from({ length: TOKENS }, (_, i) => {
    const b = Buffer.alloc(32, 3);
    b.writeUInt32LE(i, 0);
    return new PublicKey(b).toBase58();
  });
  for (const m of mints) admit(universe, m, 'chain', clock.now());
  // A running scan has derived each tapped token's bonding-curve PDA once (cached): done here, and timed.
  const pda0 = performance.now();
  for (const m of mints) bondingCurveOf(m, PUMP_PROGRAM_ID);
  const pdaUs = ((performance.now() - pda0) * 1000) / TOKENS;
  const subscription = new LogsSubscription({
    wsUrl: url, programs: ['pump', 'pump_amm', 'raydium_cpmm', 'raydium_clmm'], commitment: 'confirmed', heartbeatTimeoutMs: 60_000, pingIntervalMs: 20_000,
    maxPayloadBytes: 32 * 1024 * 1024, reconnectMinMs: 500, reconnectMaxMs: 30_000, clock,
  });
  const total = Math.round(rate * SECONDS);
  // Trade k of the plan is in slot FIRST_SLOT + k (the fake's numbering): found by arithmetic, not by a map of
  // 40,000 id strings that each trade's fresh id would be hashed against (the bench's own work, ~7% of the thread).
  const recvPerf = new Float64Array(total);
  const donePerf = new Float64Array(total);
  let received = 0;
  let trades = 0;
  let lastRecv = 0;
  let cpuAtFirsts: NodeJS.CpuUsage | null = null;
  /** Process CPU (us) at the run's start and after every 5,000th trade done (LATENCY_CHAIN_TRACE). */
  const cpuSteps: number[] = [];
  subscription.logs$.subscribe(() => {
    lastRecv = performance.now();
    received++;
  });
  const push = (i: Input) => {
    recorder?.push(i);
    inputs$.next(i);
    if (i.kind === 'trade') {
      const k = ((i as Trade).provenance?.slot ?? -1) - FIRST_SLOT;
      if (k >= 0 && k < total && donePerf[k] === 0) {
        recvPerf[k] = lastRecv;
        donePerf[k] = performance.now();
        trades++;
        // Round robin: the first TOKENS trades are every token's first; the process's CPU to there, and after.
        if (trades === TOKENS) cpuAtFirsts = process.cpuUsage();
        if (trades % 5000 === 0) cpuSteps.push(((c) => c.user + c.system)(process.cpuUsage()));
      }
    }
  };
  // No RPC calls in this run: the tap's pools and decimals are known; the holder reader is only told which accounts are pools.
  const sources = { solana: { knowPools: () => {} }, jup: null } as unknown as LiveSources;
  const feed = new ChainFeed({
    cfg, clock, sources, subscription, decode: decodeTx, universe, store, writes, push, admit: () => false, evicted: () => {}, warn: (w, e) => console.error(w, e), frames,
  });
  for (const m of mints) feed.tap.noteDecimals(m, 6);
  feed.tap.notePolledSolUsd(150, clock.now());
  feed.start();
  await next('subscribed');
  // The scan's clock tick, timed: its work (the engine's tick, the recorder's hand-over) is one stall a second.
  const tickMs: number[] = [];
  const tickAt: number[] = [];
  const ticks = interval(cfg.scan.tickMs).subscribe(() => {
    const t = performance.now();
    push({ kind: 'tick', knownAt: clock.now() });
    recorder?.flush();
    feed.flush();
    log.flush();
    tickMs.push(performance.now() - t);
    tickAt.push(t, performance.now() - t);
  });
  gc();
  const rssSetup = process.memoryUsage().rss;
  // The tap's warm-up as `scan` runs it before subscribing (sources.chain.warmUpTokens, or LATENCY_CHAIN_WARM_UP=<tokens>),
  // here after the bench's own gc() and just before the first frame: its garbage is still in the heap, as in `scan`.
  const warmTokens = process.env.LATENCY_CHAIN_WARM_UP !== undefined ? Number(process.env.LATENCY_CHAIN_WARM_UP) : cfg.sources.chain.warmUpTokens;
  const warmCpu0 = process.cpuUsage();
  const warm = warmTokens > 0 ? await warmUpChainPath(cfg, clock, warmTokens) : null;
  const warmCpuMs = ((c) => (c.user + c.system) / 1000)(process.cpuUsage(warmCpu0));
  let rssPeak = rssSetup;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const gcs = { minor: [] as number[], major: [] as number[] };
  /** Every GC pause as (start, duration, kind) triples on performance.now()'s time line (LATENCY_CHAIN_TRACE). */
  const gcAt: number[] = [];
  // perf_hooks 'gc' entries: kind 1 = scavenge (minor), 2/4 = mark-compact (major) / incremental marking.
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = ((e as unknown as { detail?: { kind?: number } }).detail)?.kind;
      (kind === 1 ? gcs.minor : gcs.major).push(e.duration);
      gcAt.push(e.startTime, e.duration, kind ?? 0);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const sendTimesFile = join(dir, 'sent.f64');
  const plan: ChainPlan = { rate, seconds: SECONDS, mints, sendTimesFile, fixtures: join(root, 'test', 'fixtures', 'chain'), order: orderWanted() };
  child.send({ prepare: plan });
  await next('prepared');
  const hrOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const cpu0 = process.cpuUsage();
  cpuSteps.push(cpu0.user + cpu0.system);
  const t0 = performance.now();
  loopDelay.enable();
  const profile = await startProfile();
  child.send({ go: true });
  const done = await next<{ sent: number; ms: number; cpuMs: number }>('done');
  const drainBy = performance.now() + 5000;
  while (trades < done.sent && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 2));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuEnd = process.cpuUsage();
  const usOf = (c: NodeJS.CpuUsage) => c.user + c.system;
  const firstsUs = cpuAtFirsts && plan.order === 'round-robin' ? usOf(cpuAtFirsts) - usOf(cpu0) : NaN;
  const cpuPerTrade = { first: firstsUs / TOKENS, later: (usOf(cpuEnd) - usOf(cpuAtFirsts ?? cpuEnd)) / Math.max(1, trades - TOKENS) };
  clearInterval(sampler);
  loopDelay.disable();
  await profile?.(`${rate}-${recording}`);
  gcObserver.disconnect();
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const heap = process.memoryUsage().heapUsed;
  ticks.unsubscribe();
  const c = feed.tap.counters;
  await feed.stop();
  recorder?.flush();
  if (recorder instanceof ThreadInputRecorder) await recorder.close();
  sub.unsubscribe();
  log.close();
  store.close();
  child.send({ stop: true });
  const sentAt = new Float64Array(readFileSync(sendTimesFile).buffer.slice(0));
  rmSync(dir, { recursive: true, force: true });
  if (process.env.LATENCY_CHAIN_TRACE) {
    // Every trade's send / receipt / done and every GC pause and tick, on performance.now()'s time line (analyse-chain-trace).
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(process.env.LATENCY_CHAIN_TRACE, { recursive: true });
    const sent = Array.from(sentAt, (x) => x - hrOffset);
    writeFileSync(join(process.env.LATENCY_CHAIN_TRACE, `${rate}-${recording}-${plan.order}.json`), JSON.stringify({
      rate, recording, order: plan.order, tokens: TOKENS, t0, t0Hr: t0 + hrOffset, sent, recv: Array.from(recvPerf), done: Array.from(donePerf), mintOf: Array.from({ length: total }, (_, i) => tokenOfTrade(i, total, TOKENS, plan.order)), gc: gcAt, ticks: tickAt, cpuSteps,
    }));
  }

  const recvToDone: number[] = [];
  const sentToDone: number[] = [];
  const steady: number[] = [];
  const seen = new Uint8Array(TOKENS);
  for (let i = 0; i < total; i++) {
    if (donePerf[i] === 0) continue;
    recvToDone.push(donePerf[i] - recvPerf[i]);
    const s = donePerf[i] + hrOffset - sentAt[i];
    sentToDone.push(s);
    const token = tokenOfTrade(i, total, TOKENS, plan.order);
    if (seen[token]) steady.push(s);
    seen[token] = 1;
  }
  return {
    cpuPerTrade, warmUp: { tokens: warm?.tokens ?? 0, ms: warm?.ms ?? 0, cpuMs: warm ? warmCpuMs : 0 }, rate, recording, sent: done.sent, received, trades, achieved: trades / (done.ms / 1000), cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, fakeCpuPct: (done.cpuMs / done.ms) * 100,
    recvToDone: Float64Array.from(recvToDone), sentToDone: Float64Array.from(sentToDone), steadySent: Float64Array.from(steady),
    rssSetupMb: rssSetup / 2 ** 20, rssPeakMb: rssPeak / 2 ** 20, heapMb: heap / 2 ** 20, tapLost: c.heldLost + c.noPrice + c.truncatedLost, pdaUs,
    tickMs, views, gc: gcs, loopDelayP99: loopDelay.percentile(99) / 1e6, loopDelayMax: loopDelay.max / 1e6,
  };
}

/**
 * LATENCY_CHAIN_PROFILE=<dir>: a CPU profile and a sampled allocation profile (objects collected by GC included)
 * of the measured window, written to <dir>/<rate>-<recording>.{cpuprofile,heapprofile}. Profiling slows the run.
 */
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  const dir = process.env.LATENCY_CHAIN_PROFILE;
  if (!dir) return null;
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: 200 });
  await s.post('Profiler.start');
  await s.post('HeapProfiler.enable');
  // LATENCY_CHAIN_PROFILE_LIVE=1: only what is still alive at the end (what the run retains), not every allocation.
  const all = !process.env.LATENCY_CHAIN_PROFILE_LIVE;
  await s.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: all, includeObjectsCollectedByMinorGC: all } as never);
  return async (name) => {
    const { profile } = await s.post('Profiler.stop');
    const heap = await s.post('HeapProfiler.stopSampling');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    writeFileSync(join(dir, `${name}.heapprofile`), JSON.stringify(heap.profile));
    s.disconnect();
  };
}

/** LATENCY_CHAIN_ORDER=late-half: tokens 5,000-9,999 trade only in the second half of the run (their first trades after ~4 s of warm JIT). */
function orderWanted(): TradeOrder {
  return process.env.LATENCY_CHAIN_ORDER === 'late-half' ? 'late-half' : 'round-robin';
}

const gcCell = (xs: number[]) => `${xs.length} / ${xs.reduce((a, b) => a + b, 0).toFixed(0)} / ${xs.length ? Math.max(...xs).toFixed(1) : '-'}`;

/** The runs: every configuration, or LATENCY_CHAIN_RUNS="5000:thread,20000:off" (a profiling session's choice). */
function runsWanted(): Array<[number, Recording]> {
  const env = process.env.LATENCY_CHAIN_RUNS;
  if (!env) return [[5_000, 'off'], [5_000, 'thread'], [20_000, 'off'], [20_000, 'thread']];
  return env.split(',').map((x) => {
    const [rate, rec] = x.split(':');
    return [Number(rate), (rec ?? 'thread') as Recording];
  });
}

export async function benchLatencyChain(root: string): Promise<void> {
  console.log('\n## live latency of the chain tap: pubsub fake -> LogsSubscription -> ChainFeed -> pipeline -> store + JSONL (ms)');
  console.log(`${int(TOKENS)} tapped tokens already in the universe (decimals known, a polled SOL/USD), one WebSocket. The fake runs in its own process and sends logsNotification frames of a real pump.fun TradeEvent transaction (bundled fixture) with mint, amounts, timestamp and reserves rewritten, round-robin over the tokens, built before the run and sent for ${SECONDS} s on a ~1 ms timer. "sent" = just before the fake serialised the frame (process.hrtime, shared by both processes); "receipt" = the subscription's frame event; "done" = after the trade's pipeline work returned (signal lines: after the SQLite insert and the flushed JSONL write). "steady" leaves out each token's first trade of the run. Each token's pump bonding-curve PDA is derived before the run, as a running scan has it cached or a restarted one loads it from the store (a token never seen costs one derivation: see below). Before the first frame the process runs the tap's start-up warm-up as scan does (sources.chain.warmUpTokens made-up tokens through a private feed and pipeline; LATENCY_CHAIN_WARM_UP=<tokens> overrides, 0 = none). Session recording as scan does it: "thread" = the ThreadInputRecorder (inputs serialised into a byte buffer, raw frame bytes copied into another, both handed to the writer thread each tick or MiB, which writes SQLite and frames/<session>.ndjson; the tap's store writes go there too), "off" = none (the tap's store writes on the event loop). GC pauses come from perf_hooks; the tick handler is the scan's 1 s tick (engine tick, the first ~1 ms slice of the token views - the rest follow in ~1 ms slices on later turns of the event loop - and the recorder hand-over).`);
  console.log(`The measured process runs node ${process.execArgv.join(' ')} (the flags of \`npm start\`, plus --expose-gc).`);
  const results: RunResult[] = [];
  for (const [rate, recording] of runsWanted()) {
    results.push(await runOnce(root, rate, recording));
    gc();
  }
  printTable(
    ['target frames/s', 'session recording', 'warm-up: tokens / wall / CPU ms', 'GC pauses minor: n / total / max ms', 'GC major: n / total / max ms', 'event-loop delay p99 / max ms', 'tick handler: n / p50 / max ms', 'token views emitted', 'frames received', 'trades delivered', 'achieved trades/s', 'CPU of the measured process (% of one core)', 'process CPU per trade, us: first trades / later', 'CPU of the fake', 'receipt -> done p50 / p99 / max', 'sent -> done p50 / p99 / max', 'steady: sent -> done p50 / p99 / max', 'RSS after setup / peak (MB)', 'heap used at end (MB)', 'lost in the tap'],
    results.map((r) => [int(r.rate), r.recording, `${int(r.warmUp.tokens)} / ${r.warmUp.ms.toFixed(0)} / ${r.warmUp.cpuMs.toFixed(0)}`, gcCell(r.gc.minor), gcCell(r.gc.major), `${r.loopDelayP99.toFixed(1)} / ${r.loopDelayMax.toFixed(1)}`, `${r.tickMs.length} / ${spread(r.tickMs, 1)[0]} / ${spread(r.tickMs, 1)[2]}`, int(r.views), int(r.received), int(r.trades), int(r.achieved), r.cpuPct.toFixed(0), `${r.cpuPerTrade.first.toFixed(0)} / ${r.cpuPerTrade.later.toFixed(0)}`, r.fakeCpuPct.toFixed(0), spread(r.recvToDone).join(' / '), spread(r.sentToDone).join(' / '), spread(r.steadySent).join(' / '), `${r.rssSetupMb.toFixed(0)} / ${r.rssPeakMb.toFixed(0)}`, r.heapMb.toFixed(0), r.tapLost]),
  );
  void mb;
  if (!process.env.LATENCY_CHAIN_RUNS) await flushStalls(root);
  const first = results.find((r) => r.pdaUs > 0);
  if (first) console.log(`Bonding-curve PDA derivation of a new pump.fun token (once per token, then cached): ${first.pdaUs.toFixed(0)} us.`);
}

/**
 * What one recorder flush of 5,000 tapped trades costs the event loop, measured directly (a machine-load
 * independent view of the stall): the inline recorder writes the SQLite batch right there; the thread
 * recorder serialises into a byte buffer per push and only transfers it (no copy) on flush.
 */
export async function flushStalls(root: string): Promise<void> {
  void root;
  const dir = mkdtempSync(join(tmpdir(), 'pump-chain-flush-'));
  const path = join(dir, 's.db');
  const store = openStore({ path });
  const trade = (i: number): Trade => ({
    kind: 'trade', knownAt: 1_700_000_000_000 + i, mint: `Mint${i % 10_000}`, pool: `Pool${i % 10_000}`, source: 'chain', ts: 1_700_000_000_000 + i, priceUsd: 0.00003 + i * 1e-12,
    volumeUsd: 12.5, side: 'buy', id: `${signatureFor(i % 1000)}:pump:0`, user: 'User', creator: null, provenance: { program: 'pump', pool: `Pool${i % 10_000}`, signature: 'Sig', slot: 380_000_000 + i },
  });
  const rows: string[][] = [];
  const trades = Array.from({ length: 5000 }, (_, i) => trade(i));
  for (const kind of ['inline', 'thread'] as const) {
    const id = store.startSession({ startedAt: Date.now(), configJson: '{}', version: `bench-${kind}` });
    // Each with the batch size `scan` gives it: 5,000 inline (InputRecorder's default), 5,000 inputs or 1 MiB for the thread.
    const rec = kind === 'inline' ? new InputRecorder(store, id) : new ThreadInputRecorder(path, id, 5000, (m) => console.error(m));
    const stalls: number[] = [];
    const perInput: number[] = [];
    for (let round = 0; round < 6; round++) {
      let total = 0;
      for (const t of trades) {
        const t0 = performance.now();
        rec.push(t);
        const dt = performance.now() - t0;
        total += dt;
        if (dt > 0.05) stalls.push(dt);
      }
      const t1 = performance.now();
      rec.flush();
      const dt = performance.now() - t1;
      stalls.push(dt);
      perInput.push(((total + dt) * 1000) / trades.length);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (rec instanceof ThreadInputRecorder) await rec.close();
    rows.push([kind, spread(perInput, 2).slice(0, 2).join(' / '), spread(stalls, 2).slice(1).join(' / ')]);
  }
  store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log('\nEvent-loop time of the session recorder, 6 rounds of 5,000 tapped trades pushed and flushed (a push that writes or posts a batch is one stall; "inline" is the in-thread InputRecorder, kept for in-memory stores):');
  printTable(['recorder', 'event-loop time per input, us: p50 / p99 of rounds', 'longest single stall (a batch written or posted), ms: p99 / max'], rows);
}
