// The chain tap end to end: the real `scan` process on an accelerated clock against the Solana pubsub fake
// (frames), the Solana RPC fake (mint and pool accounts) and the HTTP fakes. Frames are WRAPPED from real
// recorded transactions: a real Raydium CLMM SOL/USDC swap (vixen vRYN) sets SOL/USD, and a scripted pump
// market reuses a real pump.fun TradeEvent (0xfnzero pumpfun_direct_tx, 225 B) with its mint, amounts, side,
// timestamp and reserves rewritten. The connection is dropped twice and frames are duplicated on the way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { openStore } from '../../src/store/index.js';
import { USDC_MINT, WSOL_MINT } from '../../src/sources/chain/orient.js';
import { TAP_PROGRAMS } from '../../src/sources/chain/frames.js';
import type { Trade } from '../../src/domain/market.js';
import { FakeSolanaWs } from '../fakes/solana-ws.js';
import type { FakeSolanaRpc } from '../fakes/solana-rpc.js';
import { clmmPoolAccount, pumpTradeTx, signatureFor } from '../fakes/solana-ws-feed.js';
import { CLI, startLiveMarket, startScan, untilClock, type LiveMarket } from '../helpers/live-harness.js';
import { STREAMER, recordedOne, vixen } from '../sources/chain/fixtures.js';
import { loadConfig } from '../../src/config/load.js';
import { warmTokens } from '../../src/sources/chain/warm-frames.js';
import { bondingCurveOf } from '../../src/sources/chain/programs/pump/pda.js';
import { PUMP_PROGRAM_ID } from '../../src/sources/chain/programs/pump/index.js';

const WINDOW = Date.parse('2025-08-01T00:00:00Z');
const START = WINDOW + 30_000;
const SPEED = 300;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Two PumpSwap pools stored by earlier sessions (addresses only: nothing trades them here). */
const QUIET_POOL = new PublicKey(Buffer.alloc(32, 7)).toBase58();
const ACTIVE_POOL = new PublicKey(Buffer.alloc(32, 8)).toBase58();
const MINT = new PublicKey(Buffer.alloc(32, 0x42)).toBase58();
const CLMM_POOL = 'CYbD9RaToYMtWKA7QZyoLahnHdWq553Vm62Lh6qWtuxq';
const SOL_USD = 472.821137 / 2.092254175;
/** Quiet price, SOL per token, and the pump's rise. */
const P0 = 2e-7;
const RISE = 1.05;

type Line = Record<string, unknown> & { type: string; id: string; mint: string | null };
const readLog = (f: string): Line[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line) : []);

describe('scan with the chain tap against the pubsub fake (end to end)', { timeout: 180_000 }, () => {
  let m: LiveMarket;
  let ws: FakeSolanaWs;
  let log: string;
  let db: string;
  let exit: number | null;
  let lines: Line[] = [];
  const sent: Array<{ id: string; ts: number; priceSol: number; sol: number }> = [];

  before(async () => {
    m = await startLiveMarket({ start: START, speed: SPEED, tokens: () => [], tap: true });
    ws = new FakeSolanaWs();
    await ws.start();
    const rpc = m.fakes.fakes.find((f) => f.name === 'solana') as FakeSolanaRpc;
    rpc.addMint(MINT, { decimals: 6, mintAuthority: null, freezeAuthority: null, supply: 1_000_000_000_000_000n });
    rpc.addAccount(CLMM_POOL, { owner: new PublicKey(TAP_PROGRAMS.raydium_clmm), data: clmmPoolAccount(WSOL_MINT, USDC_MINT), lamports: 1 });
    log = join(m.dir, 'signals.jsonl');
    db = join(m.dir, 'scanner.db');
    // Timeouts in clock time shrink 300-fold on this clock: the hold and the heartbeat get real-time room.
    const slow = ['sources.chain.holdMaxMs=3600000', 'sources.chain.heartbeatTimeoutMs=3600000'].flatMap((x) => ['--set', x]);
    // A store from earlier sessions: a pool the tap last saw trade 40 days ago (past store.chainPoolRetentionDays)
    // and one seen yesterday.
    const earlier = openStore({ path: db });
    const pool = (p: string) => ({ pool: p, program: 'pump_amm', baseMint: MINT, quoteMint: WSOL_MINT, learnedFrom: 'event' as const, updatedAt: START - 90 * DAY });
    earlier.putChainPools([pool(QUIET_POOL), pool(ACTIVE_POOL)]);
    earlier.touchChainPools([{ pool: QUIET_POOL, seenAt: START - 40 * DAY }, { pool: ACTIVE_POOL, seenAt: START - DAY }]);
    earlier.close();
    const run = startScan(m, ['--no-discovery', '--no-table', '--log', log, '--db', db, ...slow], ws.env());
    const until = async (ok: () => boolean) => {
      const end = Date.now() + 30_000;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`scan never subscribed: ${run.stderr()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until(() => ws.subscribedPrograms().length === 4);
    ws.faults.duplicateEvery = 7;
    ws.send({ program: 'raydium_clmm', tx: recordedOne(vixen('vRYN')).tx });
    const template = recordedOne(`${STREAMER}/pumpfun_direct_tx.json`).tx;
    let n = 0;
    const trade = (priceSol: number, sol: number, side: 'buy' | 'sell') => {
      const ts = m.clock.now();
      const solRaw = BigInt(Math.round(sol * 1e9));
      const tokenRaw = BigInt(Math.round((sol / priceSol) * 1e6));
      const vSol = 120;
      const tx = pumpTradeTx(template, { mint: MINT, side, solRaw, tokenRaw, ts, virtualSolRaw: BigInt(vSol * 1e9), virtualTokenRaw: BigInt(Math.round((vSol / priceSol) * 1e6)) }, signatureFor(++n), 360_000_000 + n);
      sent.push({ id: `${tx.signature}:pump:0`, ts: Math.floor(ts / 1000) * 1000, priceSol: Number(solRaw) / 1e9 / (Number(tokenRaw) / 1e6), sol: Number(solRaw) / 1e9 });
      ws.send({ program: 'pump', tx });
    };
    // Quiet trading: one small trade per clock minute for 110 minutes (twenty-two 5m bars of history).
    await untilClock(m, WINDOW + 5 * MINUTE);
    for (let k = 5; k < 115; k++) {
      await untilClock(m, WINDOW + k * MINUTE);
      trade(P0, 0.05, k % 2 ? 'sell' : 'buy');
      if (k === 30 || k === 70) ws.dropAll();
    }
    // The pump: +5% on heavy buying, a trade every 20 s, past the gates' grace period.
    for (let s = 0; s < 30; s++) {
      await untilClock(m, WINDOW + 115 * MINUTE + s * 20_000);
      trade(P0 * RISE, 2, 'buy');
    }
    await untilClock(m, WINDOW + 127 * MINUTE);
    exit = await run.stop();
    lines = readLog(log);
    if (process.env.TAP_E2E_DEBUG) console.error(run.stderr(), lines.filter((l) => l.type === "status" || l.type === "bad_data" || l.mint !== null).map((l) => JSON.stringify(l)).join("\n"));
  });

  after(async () => {
    await ws?.stop();
    await m?.stop();
  });

  it('stops cleanly', () => assert.equal(exit, 0));

  it('pruned the chain pool not seen trading within store.chainPoolRetentionDays at start-up, kept the active one, learned the tapped curve', () => {
    const store = openStore({ path: db });
    const pools = store.loadChainPools().map((p) => p.pool);
    store.close();
    assert.ok(!pools.includes(QUIET_POOL));
    assert.ok(pools.includes(ACTIVE_POOL));
    assert.ok(pools.includes(bondingCurveOf(MINT, PUMP_PROGRAM_ID)));
  });

  it('records every tapped trade exactly once across two reconnects and duplicated frames, priced through the on-chain SOL/USD', () => {
    assert.ok(ws.connectionsOpened >= 3, `connections ${ws.connectionsOpened}`);
    const store = openStore({ path: db });
    const [session] = store.listSessions();
    const trades = [...store.readSessionInputs(session.id)].filter((i): i is Trade => i.kind === 'trade' && i.mint === MINT);
    store.close();
    assert.deepEqual(trades.map((t) => t.id).sort(), sent.map((s) => s.id).sort());
    const byId = new Map(trades.map((t) => [t.id, t]));
    for (const s of sent) {
      const t = byId.get(s.id)!;
      assert.equal(t.source, 'chain');
      assert.equal(t.ts, s.ts);
      assert.ok(Math.abs(t.priceUsd / (s.priceSol * SOL_USD) - 1) < 1e-9, `${t.priceUsd} vs ${s.priceSol * SOL_USD}`);
      assert.ok(Math.abs(t.volumeUsd - s.sol * SOL_USD) < 1e-6);
      assert.equal(t.provenance?.program, 'pump');
    }
  });

  it('decides the pump on candles built from the tapped trades: +5% in the forming 4h window, gates measured from the chain', () => {
    const sig = lines.find((l) => l.mint === MINT && ['ignition', 'rejected'].includes(l.type) && l.window4hStart === WINDOW);
    assert.ok(sig, `no ignition or rejection for the tapped token: ${lines.map((l) => l.type).join(',')}`);
    assert.ok(Math.abs((sig.changePct as number) - 5) < 0.01, String(sig.changePct));
    const gates = (sig.gates ?? []) as Array<{ gate: string; value: number | null }>;
    if (sig.type === 'rejected') {
      const liq = gates.find((g) => g.gate.startsWith('liquidity'));
      // Both sides of the curve's virtual reserves, 120 SOL each side's worth, in USD.
      assert.ok(liq && liq.value !== null && Math.abs(liq.value / (2 * 120 * SOL_USD) - 1) < 0.06, JSON.stringify(liq));
    }
  });

  it('replay --session of the tapped session (inputs recorded by the writer thread) decides the pump as live did', () => {
    const store = openStore({ path: db });
    const [session] = store.listSessions();
    store.close();
    const out = join(m.dir, 'session-replay.jsonl');
    execFileSync(process.execPath, [CLI, 'replay', '--session', session.id, '--db', db, '--log', out, '--no-progress'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    const decided = (ls: Line[]) => ls.filter((l) => l.mint === MINT && l.type !== 'status').map((l) => [l.type, l.window4hStart, l.changePct]);
    assert.ok(decided(lines).length > 0);
    assert.deepEqual(decided(readLog(out)), decided(lines));
  });

  it('the start-up warm-up (on by default) leaves none of its made-up tokens in the log, the recorded inputs, the frame file or the store', () => {
    const tokens = loadConfig({ presets: ['scan'], env: {} }).sources.chain.warmUpTokens;
    assert.ok(tokens > 0);
    const madeUp = warmTokens(tokens).flatMap((t) => [t.mint, t.pool]);
    const store = openStore({ path: db });
    const [session] = store.listSessions();
    const texts = [readFileSync(log, 'utf8'), JSON.stringify([...store.readSessionInputs(session.id)]), JSON.stringify(store.loadChainPools()), JSON.stringify(store.listTokens())];
    store.close();
    const dir = join(m.dir, 'frames');
    for (const f of readdirSync(dir)) texts.push(readFileSync(join(dir, f), 'utf8'));
    // Every base58 word of every output, against the made-up keys.
    const words = new Set(texts.flatMap((t) => t.match(/[1-9A-HJ-NP-Za-km-z]{32,44}/g) ?? []));
    assert.ok(words.has(MINT), 'the real token is found the same way');
    assert.deepEqual(madeUp.filter((k) => words.has(k)), []);
  });

  it('writes the chain source status and records the raw frames; replay --input of them decides the same pump', () => {
    assert.ok(lines.some((l) => l.type === 'status' && l.source === 'chain' && l.state === 'ok'));
    const dir = join(m.dir, 'frames');
    const [file] = readdirSync(dir);
    const framesFile = join(dir, file);
    const text = readFileSync(framesFile, 'utf8');
    assert.ok(text.includes('"tapContext"'));
    const out = join(m.dir, 'replay.jsonl');
    execFileSync(process.execPath, [CLI, 'replay', '--input', framesFile, '--log', out, '--no-progress'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    const live = lines.find((l) => l.mint === MINT && ['ignition', 'rejected'].includes(l.type))!;
    const replayed = readLog(out).find((l) => l.mint === MINT && ['ignition', 'rejected'].includes(l.type));
    assert.ok(replayed, 'no decision in the replay of the frames');
    assert.equal(replayed.window4hStart, live.window4hStart);
    assert.equal(replayed.changePct, live.changePct);
  });
});
