// The chain tap's hot path, run before the subscription opens so its first real frames meet compiled code.
// A fresh process interprets every function of the path (frame bytes -> decode -> tap -> engine) until V8 has
// compiled it: on the first ~5,000 notifications of a scan each cost about 3x a later one (CPU profiles of the
// latency-chain bench), and at 5,000 swaps/s that backlog was most of the latency tail of a run's first second.
// Everything here is thrown away: its own tap and engine, synthetic mints and signatures, nothing recorded,
// stored or emitted; only V8's compiled code and type feedback stay.
import type { Config } from '../../config/load.js';
import type { Clock } from '../../clock/clock.js';
import { Engine } from '../engine.js';
import { ChainTap, type ChainTapOptions } from '../../sources/chain/tap.js';
import { notificationFromBytes } from '../../sources/chain/frame-bytes.js';
import { logsNotificationFrame } from '../../sources/chain/frames.js';
import { PUMP_PROGRAM_ID, TRADE_EVENT } from '../../sources/chain/programs/pump/index.js';

/** Mints the warm-up trades cycle over (each costs one bonding-curve derivation, ~0.3 ms). */
const MINTS = 32;
/** A pump.fun TradeEvent of the 2025-10 generation (258 bytes: reserves, fees, creator, volume fields). */
const EVENT_BYTES = 258;

/** What one warm-up did (for the scan's status and the tests). */
export interface WarmupResult {
  frames: number;
  trades: number;
  ms: number;
}

/** Runs `frames` synthetic pump.fun trades through a throwaway tap (the live tap's options) and engine. */
export function warmChainPath(cfg: Config, tapOptions: Omit<ChainTapOptions, 'clock' | 'pools'>, clock: Clock, frames: number): WarmupResult {
  const t0 = performance.now();
  let now = clock.now();
  const warmClock: Clock = { now: () => now, scheduler: clock.scheduler };
  const engine = new Engine(cfg, { emit: () => {} });
  let trades = 0;
  const tap = new ChainTap({ ...tapOptions, clock: warmClock, pools: [] }, {
    trade: (t) => {
      trades++;
      engine.push(t);
    },
    pool: (s, impact) => {
      engine.push(s);
      if (impact) engine.push(impact);
    },
  });
  tap.notePolledSolUsd(150, now);
  const mints = Array.from({ length: MINTS }, (_, i) => keyBytes(0xa0, i));
  const ev = Buffer.alloc(EVENT_BYTES);
  Buffer.from(TRADE_EVENT, 'hex').copy(ev, 0);
  for (let i = 0; i < frames; i++) {
    now += 0.2;
    const price = 2e-7 * (1 + (i % 50) / 1000);
    const sol = 0.05 + (i % 7) * 0.01;
    mints[i % MINTS].copy(ev, 8);
    ev.writeBigUInt64LE(BigInt(Math.round(sol * 1e9)), 40);
    ev.writeBigUInt64LE(BigInt(Math.round((sol / price) * 1e6)), 48);
    ev[56] = i % 3 ? 1 : 0;
    keyBytes(0xb0, i % 97).copy(ev, 57);
    ev.writeBigInt64LE(BigInt(Math.floor(now / 1000)), 89);
    ev.writeBigUInt64LE(60_000_000_000n, 97);
    ev.writeBigUInt64LE(BigInt(Math.round((60 / price) * 1e6)), 105);
    const tx = {
      signature: `${'W'.repeat(24)}${i.toString().replaceAll('0', 'z').padStart(40, 'W')}`, slot: 1 + i, err: null,
      logs: [`Program ${PUMP_PROGRAM_ID} invoke [1]`, 'Program log: Instruction: Buy', `Program data: ${ev.toString('base64')}`, `Program ${PUMP_PROGRAM_ID} success`],
    };
    // The live path reads frames from their bytes; the text parser is the fallback for unusual ones.
    const bytes = Buffer.from(logsNotificationFrame(1, tx));
    const read = notificationFromBytes(bytes);
    if (read) tap.ingest({ program: 'pump', tx: read.tx, frame: '', bytes, receivedAt: now });
  }
  engine.push({ kind: 'tick', knownAt: now });
  return { frames, trades, ms: performance.now() - t0 };
}

/** A 32-byte account key, unique by `tag` and `n`. */
function keyBytes(tag: number, n: number): Buffer {
  const b = Buffer.alloc(32, tag);
  b.writeUInt32LE(n, 0);
  return b;
}
