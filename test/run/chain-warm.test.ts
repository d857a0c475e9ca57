// The chain tap's JIT warm-up (run/live/chain-warm.ts): made-up frames through a private feed and pipeline.
// Its trades must take the real path, and it must leave nothing behind: a real feed and engine built after it
// end up exactly as ones built before it, with no made-up token anywhere. The real frames here are WRAPPED:
// a real pump.fun TradeEvent transaction (0xfnzero pumpfun_direct_tx) with mint, amounts and reserves rewritten,
// and a real Raydium CLMM SOL/USDC swap (vixen vRYN), as logsNotification frames.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PublicKey } from '@solana/web3.js';
import { Subject } from 'rxjs';
import { loadConfig } from '../../src/config/load.js';
import { VirtualClock } from '../../src/clock/clock.js';
import type { Input } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { openStore } from '../../src/store/index.js';
import { decodeTx } from '../../src/sources/chain/decode.js';
import { notificationFromBytes } from '../../src/sources/chain/frame-bytes.js';
import { Received, type LogsSubscription } from '../../src/sources/chain/subscription.js';
import { bondingCurveDerivations, cachedBondingCurve } from '../../src/sources/chain/programs/pump/pda.js';
import { warmTokens } from '../../src/sources/chain/warm-frames.js';
import type { ChainProgram, TxLogs } from '../../src/sources/chain/types.js';
import { ChainFeed } from '../../src/run/live/chain-feed.js';
import { warmUpChainPath } from '../../src/run/live/chain-warm.js';
import type { LiveSources } from '../../src/run/live/sources.js';
import { admit, newUniverse } from '../../src/run/live/universe.js';
import { confidenceOf } from '../../src/run/commands/replay.js';
import { scanEvents } from '../../src/run/pipeline.js';
import type { Engine } from '../../src/run/engine.js';
import { logsNotificationFrame } from '../../src/sources/chain/frames.js';
import { pumpTradeTx, signatureFor } from '../fakes/solana-ws-feed.js';
import { STREAMER, recordedOne, vixen } from '../sources/chain/fixtures.js';

const START = Date.parse('2025-08-01T00:10:00Z');
const cfg = loadConfig({ presets: ['scan'], env: {} });
const MINTS = [0x31, 0x32, 0x33].map((b) => new PublicKey(Buffer.alloc(32, b)).toBase58());

/** Real frames: a CLMM SOL/USDC swap (SOL/USD), then 40 pump trades over three tokens, rising 1% a trade. */
function realFrames(): Array<{ program: ChainProgram; tx: TxLogs }> {
  const template = recordedOne(`${STREAMER}/pumpfun_direct_tx.json`).tx;
  const out: Array<{ program: ChainProgram; tx: TxLogs }> = [{ program: 'raydium_clmm', tx: recordedOne(vixen('vRYN')).tx }];
  for (let n = 0; n < 40; n++) {
    const price = 2e-7 * 1.01 ** n;
    const sol = 0.4 + (n % 5) * 0.1;
    out.push({ program: 'pump', tx: pumpTradeTx(template, {
      mint: MINTS[n % 3], side: n % 4 === 3 ? 'sell' : 'buy', solRaw: BigInt(Math.round(sol * 1e9)), tokenRaw: BigInt(Math.round((sol / price) * 1e6)),
      ts: START + n * 15_000, virtualSolRaw: 40_000_000_000n, virtualTokenRaw: BigInt(Math.round((40 / price) * 1e6)),
    }, signatureFor(n, 77), 370_000_000 + n) });
  }
  return out;
}

/** A scan's tap and engine (in-memory store, virtual clock) fed the real frames: everything they emit and hold. */
function runReal() {
  const clock = new VirtualClock(START);
  const store = openStore({ path: ':memory:' });
  const events: ScanEvent[] = [];
  const inputs$ = new Subject<Input>();
  let engine: Engine | null = null;
  const sub = scanEvents(inputs$, { cfg, clock, tickMs: null, confidence: confidenceOf(cfg), views: { staleAfterMs: cfg.scan.staleAfterMs }, onEngine: (e) => (engine = e) })
    .subscribe((e) => events.push(e));
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  for (const m of MINTS.slice(0, 2)) admit(universe, m, 'chain', START);
  const feed = new ChainFeed({
    cfg, clock, sources: { solana: { knowPools: () => {} }, jup: null } as unknown as LiveSources, subscription: {} as LogsSubscription, decode: decodeTx,
    universe, store, push: (i) => inputs$.next(i), admit: (m, now) => admit(universe, m, 'chain', now).admitted, evicted: () => {}, warn: () => {}, frames: null,
  });
  feed.tap.notePolledSolUsd(150, START);
  for (const [k, f] of realFrames().entries()) {
    clock.advanceTo(START + k * 15_000);
    const bytes = Buffer.from(logsNotificationFrame(1, f.tx));
    const n = notificationFromBytes(bytes)!;
    feed.onLogs(new Received(f.program, n.tx, { text: '', bytes }, clock.now()));
    if (k % 10 === 9) inputs$.next({ kind: 'tick', knownAt: clock.now() });
  }
  feed.flush();
  inputs$.complete();
  sub.unsubscribe();
  const held = engine as Engine | null;
  const out = {
    events, counters: { ...feed.tap.counters }, pools: store.loadChainPools().map((p) => [p.pool, p.program, p.baseMint, p.quoteMint]),
    leads: MINTS.map((m) => store.poolsOfMint(m).map((p) => [p.pool, p.lead])), universe: [...universe.tokens.keys()], engineTokens: [...(held?.tokens.keys() ?? [])],
  };
  store.close();
  return out;
}

describe('chain tap warm-up', () => {
  // Runs first in this file's process: the reference run has never seen a warm-up.
  const before = runReal();

  it('leaves no trace: a tap and engine built after it emit, hold and store exactly what ones built before it did', async () => {
    assert.ok(before.events.some((e) => e.type === 'token'), 'the reference run emits token views');
    assert.ok(before.counters.trades >= 40);
    const w = await warmUpChainPath(cfg, new VirtualClock(START), 400);
    assert.ok(w.trades > 0);
    const after = runReal();
    assert.deepEqual(after, before);
  });

  it('sends its made-up frames down the real path: decoded, priced and delivered, with no bonding curve derived', async () => {
    const derivations = bondingCurveDerivations();
    const w = await warmUpChainPath(cfg, new VirtualClock(START), 200);
    assert.equal(w.frames, 600);
    // Every trade of a token already in the universe, and those of admitted tokens, reach the pipeline.
    assert.ok(w.trades >= w.frames * 0.75, `${w.trades} trades of ${w.frames} frames`);
    assert.equal(bondingCurveDerivations(), derivations);
  });

  it('forgets its made-up bonding curves, and no made-up token reaches the real feed, engine or store', async () => {
    const made = warmTokens(400);
    await warmUpChainPath(cfg, new VirtualClock(START), 400);
    for (const t of made) assert.equal(cachedBondingCurve(t.mint), undefined);
    const after = runReal();
    const madeUp = new Set(made.flatMap((t) => [t.mint, t.pool]));
    const text = JSON.stringify(after);
    for (const k of madeUp) assert.ok(!text.includes(k), `made-up key ${k} in the real run`);
  });
});
