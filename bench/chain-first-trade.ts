// What a tapped token's FIRST trade costs the scanning thread, against a trade of a token already seen, with
// no socket, no other process and a warm JIT: the per-token set-up work alone. In process: decoded pump.fun
// TradeEvent transactions (the bundled fixture, mint and amounts rewritten) -> ChainTap -> ChainFeed's sink
// (universe, pool snapshot, lead-pool write to a real SQLite store; recording off) -> scanEvents' engine, on a clock that
// moves 0.2 ms per trade (5,000 swaps/s) and a feed flush every 5,000 trades (the scan's 1 s tick).
//   node --expose-gc dist/bench/chain-first-trade.js [--tokens 10000] [--rounds 3] [--cold]
// (--cold: no warm-up trades on other tokens first, so the measured first trades also meet a cold JIT;
//  --warm-tokens <n>: the 8,000 warm-up trades cycle over n tokens instead of 2,000.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { PublicKey } from '@solana/web3.js';
import { Subject, asyncScheduler } from 'rxjs';
import { loadConfig } from '../src/config/load.js';
import type { Input } from '../src/domain/market.js';
import { scanEvents } from '../src/run/pipeline.js';
import { openStore } from '../src/store/index.js';
import { decodeTx } from '../src/sources/chain/decode.js';
import { readRecordedTxs } from '../src/sources/chain/recorded/index.js';
import type { LogsSubscription } from '../src/sources/chain/subscription.js';
import type { TxLogs } from '../src/sources/chain/types.js';
import { ChainFeed } from '../src/run/live/chain-feed.js';
import type { LiveSources } from '../src/run/live/sources.js';
import { admit, newUniverse } from '../src/run/live/universe.js';
import { pumpTradeTx, signatureFor } from '../test/fakes/solana-ws-feed.js';
import { bondingCurveOf } from '../src/sources/chain/programs/pump/pda.js';
import { PUMP_PROGRAM_ID } from '../src/sources/chain/programs/pump/index.js';
import { gc, hasGc, printTable } from './md.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const TOKENS = arg('tokens', 10_000);
const ROUNDS = arg('rounds', 3);
const WARM_TOKENS = 2_000;
const COLD = process.argv.includes('--cold');

const root = process.cwd();
const template = readRecordedTxs(join(root, 'test/fixtures/chain/0xfnzero__solana-streamer/tests/fixtures/pumpfun_direct_tx.json'))[0].tx;
const mintOf = (i: number) => {
  const b = Buffer.alloc(32, 5);
  b.writeUInt32LE(i, 0);
  return new PublicKey(b).toBase58();
};

let slot = 390_000_000;
function txOf(mint: string, i: number, ts: number): TxLogs {
  const price = 2e-7 * (1 + 0.0001 * (i % 100));
  const sol = 0.05 + (i % 7) * 0.01;
  const s = slot++;
  return pumpTradeTx(template, {
    mint, side: i % 3 ? 'buy' : 'sell', solRaw: BigInt(Math.round(sol * 1e9)), tokenRaw: BigInt(Math.round((sol / price) * 1e6)), ts,
    virtualSolRaw: 60_000_000_000n, virtualTokenRaw: BigInt(Math.round((60 / price) * 1e6)),
  }, signatureFor(s), s);
}

interface Phase { us: number; cpuUs: number; scavenges: number; scavengeMs: number; majors: number; majorMs: number }

function run(): { first: Phase; repeat: Phase; retainedBytesPerToken: number } {
  const dir = mkdtempSync(join(tmpdir(), 'pump-first-trade-'));
  const cfg = loadConfig({ presets: ['scan'], env: {} });
  // Trades 0.2 ms apart; the clock, like every Clock, tells whole milliseconds (the store keeps times as integers).
  let now = Date.now();
  const clock = { now: () => Math.floor(now), scheduler: asyncScheduler };
  const store = openStore({ ...cfg.store, path: join(dir, 'scanner.db') });
  const inputs$ = new Subject<Input>();
  const sub = scanEvents(inputs$, { cfg, clock, tickMs: null }).subscribe(() => {});
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  const warm = Array.from({ length: WARM_TOKENS }, (_, i) => mintOf(1_000_000 + i));
  const mints = Array.from({ length: TOKENS }, (_, i) => mintOf(i));
  for (const m of [...warm, ...mints]) admit(universe, m, 'chain', now);
  // As in latency-chain: each token's bonding-curve PDA is already cached (a new one costs ~0.27 ms more, once).
  for (const m of [...warm, ...mints]) bondingCurveOf(m, PUMP_PROGRAM_ID);
  const sources = { solana: { knowPools: () => {} }, jup: null } as unknown as LiveSources;
  const feed = new ChainFeed({
    cfg, clock, sources, subscription: { state: 'ok', emit: () => {}, stop: async () => {} } as unknown as LogsSubscription, decode: decodeTx, universe, store, push: (i) => inputs$.next(i),
    admit: () => false, evicted: () => {}, warn: (w, e) => console.error(w, e), frames: null,
  });
  for (const m of [...warm, ...mints]) feed.tap.noteDecimals(m, 6);
  feed.tap.notePolledSolUsd(150, now);
  let n = 0;
  const ingest = (tx: TxLogs) => {
    now += 0.2;
    feed.tap.ingest({ program: 'pump', tx, frame: '', receivedAt: clock.now() });
    if (++n % 5000 === 0) feed.flush();
  };
  // Warm-up on other tokens: first and later trades, so every path is compiled before the measured phases.
  // --cold: none (a fresh process's first trades).
  // --warm-tokens <n>: the warm-up's 8,000 trades go round robin over n of those tokens only (default all 2,000).
  const spread = Math.min(WARM_TOKENS, arg('warm-tokens', WARM_TOKENS));
  if (!COLD) for (let i = 0; i < 4 * WARM_TOKENS; i++) ingest(txOf(warm[i % spread], i, now));
  const gcs: Array<{ kind: number; ms: number }> = [];
  const obs = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) gcs.push({ kind: (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0, ms: e.duration });
  });
  obs.observe({ entryTypes: ['gc'] });
  const phase = async (txs: TxLogs[]): Promise<Phase> => {
    gc();
    await new Promise((r) => setTimeout(r, 20));
    gcs.length = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < txs.length; i++) ingest(txs[i]);
    const us = ((performance.now() - t0) * 1000) / txs.length;
    const c = process.cpuUsage(c0);
    await new Promise((r) => setTimeout(r, 20));
    const minor = gcs.filter((g) => g.kind === 1);
    const major = gcs.filter((g) => g.kind !== 1);
    return {
      us, cpuUs: (c.user + c.system) / txs.length, scavenges: minor.length, scavengeMs: minor.reduce((a, g) => a + g.ms, 0),
      majors: major.length, majorMs: major.reduce((a, g) => a + g.ms, 0),
    };
  };
  return ((async () => {
    let firstTxs: TxLogs[] | null = mints.map((m, i) => txOf(m, i, now + i * 0.2));
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const stop = await profileIf('first');
    const first = await phase(firstTxs);
    await stop?.();
    firstTxs = null;
    gc();
    const retainedBytesPerToken = (process.memoryUsage().heapUsed - heap0) / TOKENS;
    const repeat = await phase(mints.map((m, i) => txOf(m, TOKENS + i, now + i * 0.2)));
    obs.disconnect();
    await feed.stop();
    sub.unsubscribe();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    return { first, repeat, retainedBytesPerToken };
  })() as unknown) as ReturnType<typeof run>;
}

/** CHAIN_FIRST_TRADE_PROFILE=<dir>: a CPU profile of each round's first-trade phase (<dir>/first.cpuprofile, the last round's). */
async function profileIf(name: string): Promise<(() => Promise<void>) | null> {
  const dir = process.env.CHAIN_FIRST_TRADE_PROFILE;
  if (!dir) return null;
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: 100 });
  await s.post('Profiler.start');
  return async () => {
    const { profile } = await s.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    s.disconnect();
  };
}

if (!hasGc()) console.error('run with --expose-gc for the retained-heap figure');
console.log(`\n## a tapped token's first trade vs a later one (in process, warm JIT, ${TOKENS.toLocaleString('en-US')} new tokens, ${ROUNDS} rounds)`);
const rows: string[][] = [];
for (let r = 0; r < ROUNDS; r++) {
  const x = await (run() as unknown as Promise<ReturnType<typeof run>>);
  const cell = (p: Phase) => [p.us.toFixed(1), p.cpuUs.toFixed(1), `${p.scavenges} / ${p.scavengeMs.toFixed(1)}`, `${p.majors} / ${p.majorMs.toFixed(1)}`];
  rows.push([String(r + 1), ...cell(x.first), ...cell(x.repeat), (x.retainedBytesPerToken / 1024).toFixed(2), COLD ? 'cold' : 'warm']);
}
printTable(
  ['round', 'first trade: us wall', 'us CPU', 'scavenges n / ms', 'major GC n / ms', 'later trade: us wall', 'us CPU', 'scavenges n / ms', 'major GC n / ms', 'heap retained per new token, KiB', 'JIT'],
  rows,
);
