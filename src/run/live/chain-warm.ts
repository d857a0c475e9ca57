import { Subject } from 'rxjs';
import type { Config } from '../../config/load.js';
import type { Clock } from '../../clock/clock.js';
import type { Input } from '../../domain/market.js';
import type { Store } from '../../store/index.js';
import { clearKeyCache } from '../../sources/chain/base58.js';
import { decodeTx } from '../../sources/chain/decode.js';
import { notificationFromBytes } from '../../sources/chain/frame-bytes.js';
import { forgetBondingCurves, noteBondingCurve } from '../../sources/chain/programs/pump/pda.js';
import { Received, type LogsSubscription } from '../../sources/chain/subscription.js';
import { warmFrame, warmTokens } from '../../sources/chain/warm-frames.js';
import { confidenceOf } from '../commands/replay.js';
import { scanEvents } from '../pipeline.js';
import { ChainFeed } from './chain-feed.js';
import type { LiveSources } from './sources.js';
import { admit, newUniverse } from './universe.js';
import { frameLog } from './frame-log.js';
import { ByteBatch } from '../../store/byte-batch.js';

/** Trades per made-up token: the first takes the new-token path, the others the path of every later trade. */
const ROUNDS = 3;
/** Frames between two turns of the event loop: compiled code is installed, and the views' slices run. */
const YIELD_EVERY = 250;
/** SOL/USD of the made-up market. */
const SOL_USD = 151.37;
const SLOT0 = 1_000_000;

/** What a warm-up did, for the start-up line and the bench. */
export interface ChainWarmUp {
  tokens: number;
  frames: number;
  /** Trades that reached the private pipeline (every frame's, unless the path changed under it). */
  trades: number;
  /** Wall time, ms. */
  ms: number;
}

// The private feed's world: no RPC, no subscription, a store that keeps nothing.
const NO_SOURCES = { solana: { knowPools: () => {} }, jup: null } as unknown as LiveSources;
const NO_SUBSCRIPTION = { state: 'connecting', subscribed: 0 } as unknown as LogsSubscription;
const NO_STORE = {
  loadChainPools: () => [], putChainPools: () => {}, touchChainPools: () => {}, setLeadPool: () => {}, inTransaction: (f: () => void) => f(), putMintSecurity: () => {},
  markTokenSeen: () => {}, setTokenEvicted: () => {},
} as unknown as Store;

const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * The chain tap's JIT warm-up, run once before the subscription opens (sources.chain.warmUpTokens).
 *
 * Why: a fresh process runs its first real frames through unoptimised code, thousands of new tokens' first
 * trades included, and that half second was most of the tap's p99 (issue 11). Here made-up frames of
 * `tokens` made-up tokens (pump.fun curves and PumpSwap pools, warm-frames.ts) take the real frame path:
 * the byte reader, decoders, tap, admission, universe, session recording (into batches that are dropped),
 * engine and sliced views, so V8 has compiled it first.
 *
 * Everything it builds is private (its own feed, universe, engine and pipeline, whose events are dropped)
 * and dropped after; the process-wide caches it touches are put back: the made-up bonding curves are
 * forgotten and the base58 key cache emptied. Nothing reaches a store, log, view or bus.
 */
export async function warmUpChainPath(cfg: Config, clock: Clock, tokens: number): Promise<ChainWarmUp> {
  const t0 = performance.now();
  const made = warmTokens(tokens);
  const curves = made.filter((t) => t.program === 'pump').map((t) => t.mint);
  // Made-up curves are noted, not derived: a derivation costs ~0.2 ms, more than the rest of a trade's path.
  for (const t of made) if (t.program === 'pump') noteBondingCurve(t.mint, t.pool);
  const inputs$ = new Subject<Input>();
  let trades = 0;
  let frames = 0;
  const sub = scanEvents(inputs$, { cfg, clock, tickMs: null, confidence: confidenceOf(cfg), views: { staleAfterMs: cfg.scan.staleAfterMs } })
    .subscribe({ error: () => {} });
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  const start = clock.now();
  // Three tokens in four are in the universe already (a restarted scan's), the others pass the admission test.
  made.forEach((t, i) => i % 4 !== 3 && admit(universe, t.mint, 'chain', start));
  // Recording as `scan` does it (inputs serialised into a byte batch, raw frames copied into another), into
  // batches that are emptied and dropped, never handed to a writer.
  const recorded = new ByteBatch(1 << 20);
  const framesBatch = new ByteBatch(1 << 20);
  const drop = (b: ByteBatch) => void (b.byteLength >= 1 << 20 && b.take());
  const feed = new ChainFeed({
    cfg, clock, sources: NO_SOURCES, subscription: NO_SUBSCRIPTION, decode: decodeTx, universe, store: NO_STORE, writes: NO_STORE,
    frames: frameLog({ batch: framesBatch, appended: () => drop(framesBatch) }, () => clock.now()),
    push: (i) => {
      if (i.kind === 'trade') trades++;
      recorded.appendLine(JSON.stringify(i));
      drop(recorded);
      inputs$.next(i);
    },
    admit: (m, now) => admit(universe, m, 'chain', now).admitted, evicted: () => {}, warn: () => {},
  });
  feed.tap.notePolledSolUsd(SOL_USD, start);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < made.length; i++) {
        const now = clock.now();
        const f = warmFrame(made[i], i, round, now, SLOT0 + round * made.length + i);
        const n = notificationFromBytes(f.bytes);
        if (n) feed.onLogs(new Received(f.program, n.tx, { text: '', bytes: f.bytes }, now));
        frames++;
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await turn();
      }
      // The scan's tick: the engine's, and a pass of token views.
      inputs$.next({ kind: 'tick', knownAt: clock.now() });
      await turn();
    }
  } finally {
    sub.unsubscribe();
    inputs$.complete();
    forgetBondingCurves(curves);
    clearKeyCache();
  }
  return { tokens, frames, trades, ms: performance.now() - t0 };
}
