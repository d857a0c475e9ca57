import { MINUTE_MS } from '../domain/time.js';
import { closeTier } from '../candles/windows.js';
import { TimeQueue } from './heap.js';
import type { EngineConfig } from './decide.js';
import type { TokenRec } from './token.js';
import { newEngineStats, type EngineStats } from './stats.js';
import type { EngineHooks } from './engine-hooks.js';

/**
 * Where each token waits for the clock (engine-clock.ts moves it): in a queue at the end of its earliest
 * forming bucket, or, after a final 1m candle of a column block, at its 5m end with its 1m end kept aside
 * (registerPast1m, settle1m); and each token's series end.
 */
export abstract class EngineQueue {
  readonly tokens = new Map<string, TokenRec>();
  readonly stats: EngineStats = newEngineStats();
  protected now = -Infinity;
  protected readonly boundaries = new TimeQueue<TokenRec>();
  /**
   * No boundary (plus lateness) or deadline is earlier than this, so an input at or before it needs no
   * advance(): lowered by every push to either queue, set exactly when advance() runs out of due work.
   */
  protected dueAt = Infinity;
  /** Buckets wait out this lateness allowance before the clock closes them (watermarks close them sooner). */
  protected readonly lateMs: number;
  /** Series ends received as inputs (bus partitions), by token key; see EngineHooks.seriesEnd. */
  protected readonly seriesEnds = new Map<string, number>();

  constructor(protected readonly cfg: EngineConfig, protected readonly hooks: EngineHooks) {
    this.lateMs = cfg.input.lateToleranceMs;
  }

  /** Queues the token at the end of its earliest forming bucket (once per boundary). */
  protected register(rec: TokenRec): void {
    rec.unqueued1mEnd = NaN;
    this.queueAt(rec, true);
  }

  /**
   * register() for a token whose 1m bucket was just filled by a final 1m candle, known at its end with no
   * lateness allowance: the token waits at the end of its 5m (or 4h) bucket instead. Its 1m bucket closes
   * as the clock would have closed it (settle1m), by roll-over, or with the 5m bucket. A 1m close emits
   * nothing, and the token takes the place in the 5m queue it would have taken at its 1m close: every token
   * queued at that 5m end meanwhile was queued in the same order of knownAt and input (see
   * test/run/replay-columns-order.test.ts).
   */
  protected registerPast1m(rec: TokenRec): void {
    rec.unqueued1mEnd = rec.w.t1m.start + MINUTE_MS;
    this.queueAt(rec, false);
  }

  /**
   * Queues the token at the earliest end of its forming buckets, the 1m one counted or not (nothing forming:
   * not queued), unless it waits there already. It takes no number: a double passed to a call that is not
   * inlined is boxed, and this runs per input.
   */
  private queueAt(rec: TokenRec, with1m: boolean): void {
    const w = rec.w;
    // Summed as in nextBoundary(): a tier with nothing forming has a NaN start, its end compares false.
    let nb = Infinity;
    if (with1m && w.t1m.start + w.t1m.intervalMs < nb) nb = w.t1m.start + w.t1m.intervalMs;
    if (w.t5m.start + w.t5m.intervalMs < nb) nb = w.t5m.start + w.t5m.intervalMs;
    if (w.t4h.start + w.t4h.intervalMs < nb) nb = w.t4h.start + w.t4h.intervalMs;
    if (nb !== Infinity && nb !== rec.registered) {
      rec.registered = nb;
      this.boundaries.push(nb, rec);
      const due = nb + this.lateMs;
      if (due < this.dueAt) this.dueAt = due;
    }
  }

  /**
   * Closes a 1m bucket left out of the queue (registerPast1m) if the clock now would have closed it: its end
   * (plus lateness) is before the clock (or at it when inclusive), within the series. It takes no number (the
   * clock's time is read from its field): a double passed to a call that is not inlined is boxed, and this
   * runs per row.
   */
  protected settle1m(rec: TokenRec, inclusive: boolean): void {
    const end = rec.unqueued1mEnd + this.lateMs;
    const t = this.now;
    if (inclusive ? end <= t : end < t) this.close1m(rec);
  }

  /** Closes the 1m bucket left out of the queue (its end is due), unless the token's series ends before it. */
  protected close1m(rec: TokenRec): void {
    const b = rec.unqueued1mEnd;
    rec.unqueued1mEnd = NaN;
    const seriesEnd = this.seriesEndAt(rec);
    if (seriesEnd !== null && b > seriesEnd) return;
    const t1m = rec.w.t1m;
    if (t1m.start + MINUTE_MS <= b) closeTier(t1m);
  }

  private readonly seriesEndOf = (key: string): number | undefined => this.hooks.seriesEnd?.(key) ?? this.seriesEnds.get(key);

  /** The token's series end (null: none), asked once per token; a series_end input makes it ask again. */
  protected seriesEndAt(rec: TokenRec): number | null {
    if (rec.seriesEnd === undefined) rec.seriesEnd = this.seriesEndOf(rec.key) ?? null;
    return rec.seriesEnd;
  }
}
