import { LOG_SCHEMA_VERSION, type DroppedLine } from '../domain/signals.js';
import type { MarketRecord } from '../domain/market.js';
import { zeroInputCounts, type InputCounts } from '../domain/status.js';
import { eventId } from '../signals/ids.js';

export interface EngineStats {
  /** Market records pushed (ticks not counted). */
  inputs: number;
  ticks: number;
  applied: number;
  /** Inputs of a token's non-lead pools, used for cross-pool figures only. */
  secondary: number;
  dropped: { late: number; duplicate: number; invalid: number };
  /** The same accounting per record source (`dexscreener`, `birdeye`, ...). */
  bySource: Map<string, InputCounts>;
}

export function newEngineStats(): EngineStats {
  return { inputs: 0, ticks: 0, applied: 0, secondary: 0, dropped: { late: 0, duplicate: 0, invalid: 0 }, bySource: new Map() };
}

/** The counters of one source, created on first use. */
export function countsOf(stats: EngineStats, source: string): InputCounts {
  let c = stats.bySource.get(source);
  if (!c) {
    c = zeroInputCounts();
    stats.bySource.set(source, c);
  }
  return c;
}

/** The counters of a source, for inputs that come in runs from one source: the last ones are reused. */
export class SourceCounts {
  private lastSource = '';
  private last: InputCounts | null = null;
  constructor(private readonly stats: EngineStats) {}

  of(source: string): InputCounts {
    if (source === this.lastSource && this.last !== null) return this.last;
    this.lastSource = source;
    return (this.last = countsOf(this.stats, source));
  }
}

/** Sequence numbers of dropped lines, counted per token key. */
export class DropSeqs {
  private readonly seqs = new Map<string | null, number>();

  next(key: string | null): number {
    const seq = this.seqs.get(key) ?? 0;
    this.seqs.set(key, seq + 1);
    return seq;
  }
}

/** The `dropped` line of an input that was not applied; `seq` keeps ids of repeated drops apart. */
export function droppedLine(r: MarketRecord, reason: DroppedLine['reason'], detail: string, ts: number, key: string | null, symbol: string | null, seq: number): DroppedLine {
  const inputTs = r.kind === 'candle' ? r.start : r.ts;
  return {
    v: LOG_SCHEMA_VERSION, type: 'dropped', ts, mint: r.mint, pool: r.pool, symbol,
    id: eventId('dropped', key, r.kind, inputTs, seq), reason, detail, inputKind: r.kind, inputTs,
  };
}
