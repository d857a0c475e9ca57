// Chain tap decode throughput on one core: logsNotification frames WRAPPED from the bundled real transactions
// (test/fixtures/chain; no recorded frame exists under a license), parsed and decoded the way the tap will.
// The real limit beside it: JSON.parse of the same frames, which every notification costs anyway.
// Run: npx tsc -p . && node dist/bench/chain-decode.js [frames]   (target >= 50,000 notifications/s)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { decodeTx } from '../src/sources/chain/decode.js';
import { clearKeyCache } from '../src/sources/chain/base58.js';
import { readRecordedTxs } from '../src/sources/chain/recorded/index.js';
import { bondingCurveOf } from '../src/sources/chain/programs/pump/pda.js';
import { notificationFromBytes } from '../src/sources/chain/frame-bytes.js';
import { int, printTable } from './md.js';

const FRAMES = 50_000;
const ROUNDS = 5;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.json') ? [join(dir, n)] : []));
}

interface FrameWire { params: { result: { context: { slot: number }; value: { signature: string; err: unknown; logs: string[] } } } }

export function benchChainDecode(root: string, frames = FRAMES): void {
  const txs = files(join(root, 'test', 'fixtures', 'chain')).flatMap((f) => readRecordedTxs(f));
  const texts = txs.map((r) => JSON.stringify({ jsonrpc: '2.0', method: 'logsNotification', params: { result: { context: { slot: r.tx.slot }, value: { signature: r.tx.signature, err: r.tx.err, logs: r.tx.logs } }, subscription: 1 } }));
  const stream = Array.from({ length: frames }, (_, i) => texts[i % texts.length]);
  const bytes = stream.reduce((s, t) => s + t.length, 0);
  let events = 0;
  const parseOnly = () => {
    let n = 0;
    for (const t of stream) n += (JSON.parse(t) as FrameWire).params.result.context.slot & 1;
    return n;
  };
  const parseAndDecode = (cold: boolean) => () => {
    events = 0;
    for (const t of stream) {
      const v = (JSON.parse(t) as FrameWire).params.result;
      if (cold) clearKeyCache();
      events += decodeTx({ signature: v.value.signature, slot: v.context.slot, err: v.value.err, logs: v.value.logs }).events.length;
    }
  };
  // The live socket hands the tap the frame's bytes: decoded to text and parsed, or read as bytes (the live path).
  const raw = texts.map((t) => Buffer.from(t));
  const byteStream = Array.from({ length: frames }, (_, i) => raw[i % raw.length]);
  const textOfBytes = () => {
    for (const b of byteStream) {
      const v = (JSON.parse(b.toString()) as FrameWire).params.result;
      decodeTx({ signature: v.value.signature, slot: v.context.slot, err: v.value.err, logs: v.value.logs });
    }
  };
  const fromBytes = () => {
    for (const b of byteStream) decodeTx(notificationFromBytes(b)!.tx);
  };
  // Rounds interleaved, best and median kept: on a shared machine other work only ever slows a round down.
  const runs: Array<[string, () => unknown, number[]]> = [
    ['JSON.parse of the frame (the real limit)', parseOnly, []],
    ['JSON.parse + decodeTx (target >= 50,000/s)', parseAndDecode(false), []],
    ['JSON.parse + decodeTx, key cache cleared before every frame', parseAndDecode(true), []],
    ['frame bytes: toString + JSON.parse + decodeTx', textOfBytes, []],
    ['frame bytes: notificationFromBytes + decodeTx (the live path)', fromBytes, []],
  ];
  for (const [, fn] of runs) fn(); // warm-up: JIT and the curve PDA cache
  for (let round = 0; round < ROUNDS; round++) {
    for (const [, fn, rates] of runs) {
      const t0 = process.hrtime.bigint();
      fn();
      rates.push(frames / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
  }
  const best = (xs: number[]) => Math.max(...xs);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const limit = best(runs[0][2]);
  // A mint never seen before costs a PDA derivation (SHA-256 loop + curve check) once, then it is cached.
  const mints = Array.from({ length: 2000 }, () => PublicKey.unique().toBase58());
  const t0 = process.hrtime.bigint();
  for (const m of mints) bondingCurveOf(m, '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P');
  const pdaUs = Number(process.hrtime.bigint() - t0) / 1e3 / mints.length;
  console.log(`\n## chain decode: logsNotification frames -> swaps, one core\n${int(frames)} frames wrapped from ${texts.length} real transactions (${int(bytes / frames)} bytes each on average; ${int(events)} events decoded per pass); ${ROUNDS} interleaved rounds.`);
  printTable(['what', 'notifications/s (best)', 'median', 'best vs JSON.parse alone'],
    runs.map(([what, , rates]) => [what, int(best(rates)), int(median(rates)), (best(rates) / limit).toFixed(2)]));
  console.log(`First trade of a new pump mint: +${pdaUs.toFixed(1)} µs for its bonding-curve PDA (cached after).`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchChainDecode(process.cwd(), Number(process.argv[2] ?? FRAMES));
