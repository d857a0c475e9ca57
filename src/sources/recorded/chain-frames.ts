import type { Clock } from '../../clock/clock.js';
import type { Input } from '../../domain/market.js';
import { asyncScheduler } from 'rxjs';
import { ChainTap } from '../chain/tap.js';
import { parsePubsubFrame } from '../chain/frames.js';
import type { DecodedTx, TxLogs } from '../chain/types.js';
import { ReplayInputError } from './errors.js';

export { looksLikeChainFrame } from './frame-sniff.js';

export interface ChainFramesReplay {
  /** Records from one line (a frame or a context line), in order. */
  line(text: string, line: number): Input[];
  /** Counters of the tap (failed, duplicates, held, lost...), for the replay's notes. */
  notes(): string[];
}

/**
 * Replays recorded `logsNotification` frames through the live tap's decoder and pricing. Pools,
 * decimals and SOL/USD come only from the recording's `tapContext` lines (or the events themselves):
 * no network. knownAt is the frame's `receivedAt`; a frame without one (wrapped, not recorded) uses
 * its swap's event time, and a swap without one (CPMM, CLMM) the newest event time seen before it.
 */
export function chainFramesReplay(file: string, decode: (tx: TxLogs) => DecodedTx, impactTradeUsd: number): ChainFramesReplay {
  let now = 0;
  let stamped = true;
  /** Newest event time seen: the arrival time of an unstamped frame whose swap carries none (CPMM, CLMM). */
  let newestTs = 0;
  const clock: Clock = { now: () => now, scheduler: asyncScheduler };
  let out: Input[] = [];
  const tap = new ChainTap({
    decode, clock, dedupeCapacity: 1_000_000, snapshotEveryMs: 5000, impactTradeUsd, holdMaxMs: Number.MAX_SAFE_INTEGER, holdMax: 1_000_000,
    solUsd: { window: 15, maxAgeMs: 120_000, minSwapUsd: 50 },
  }, {
    trade: (t) => {
      newestTs = Math.max(newestTs, t.ts);
      out.push(stamped ? t : { ...t, knownAt: t.ts });
    },
    pool: (s, i) => {
      out.push(stamped ? s : { ...s, knownAt: s.ts });
      if (i) out.push(stamped ? i : { ...i, knownAt: i.ts });
    },
  });
  return {
    line(text, line) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(text) as Record<string, unknown>;
      } catch (e) {
        throw new ReplayInputError(file, line, `not valid JSON (${(e as Error).message})`);
      }
      stamped = typeof o.receivedAt === 'number';
      now = Math.max(now, stamped ? (o.receivedAt as number) : newestTs);
      out = [];
      if (o.method === 'tapContext') context(o.params as Record<string, unknown>, file, line);
      else {
        const f = parsePubsubFrame(text);
        if (f.type !== 'notification') throw new ReplayInputError(file, line, f.type === 'bad' ? `bad logsNotification (${f.field}: ${f.reason})` : 'not a logsNotification');
        tap.ingest({ program: 'pump', tx: f.tx, frame: text, receivedAt: now });
      }
      return out;
    },
    notes() {
      const c = tap.counters;
      return [`chain frames: ${c.notifications} notifications, ${c.trades} trades, ${c.failed} failed, ${c.duplicates} duplicates, ${c.held} still waiting for a pool or decimals, ${c.noPrice} without a USD price, ${c.truncatedLost} truncated (events after the cut lost)`];
    },
  };

  function context(p: Record<string, unknown> | undefined, f: string, line: number): void {
    if (!p || typeof p !== 'object') throw new ReplayInputError(f, line, 'tapContext without params');
    if (p.pool && typeof p.pool === 'object') tap.notePoolTokens(p.pool as Parameters<ChainTap['notePoolTokens']>[0]);
    const d = p.decimals as { mint?: unknown; decimals?: unknown } | undefined;
    if (d && typeof d.mint === 'string' && typeof d.decimals === 'number') tap.noteDecimals(d.mint, d.decimals);
    if (typeof p.solUsd === 'number') tap.notePolledSolUsd(p.solUsd, now);
  }
}
