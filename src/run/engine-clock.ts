import type { Input } from '../domain/market.js';
import { timeoutTracker, type OutcomeTracker } from '../risk/outcome.js';
import { DeadlineList } from './heap.js';
import { emitOutcome, type DecideCtx, type EngineConfig } from './decide.js';
import type { TokenRec } from './token.js';
import { NO_CONFIDENCE, type EngineHooks } from './engine-hooks.js';
import { newIgnitionFigures } from '../signals/ignition.js';
import { EngineQueue } from './engine-queue.js';

/**
 * The engine's clock: time moves with the inputs; each token waits in a queue at the end of its earliest
 * forming bucket (engine-queue.ts), outcome trackers in a list by deadline, and advance() runs what falls
 * due, in time order. What a close does is engine-closes.ts' (closeThrough).
 */
export abstract class EngineClock extends EngineQueue {
  protected readonly deadlines = new DeadlineList<OutcomeTracker>();
  protected readonly ctx: DecideCtx;
  /**
   * Tokens fed warm-up history since the last other input. History arrives all at once (every candle
   * known at the same instant), so its windows must close by roll-over, not by the clock, until the run
   * of warm-up candles ends; then the token is registered and the clock takes over.
   */
  protected readonly warming = new Set<TokenRec>();

  constructor(cfg: EngineConfig, hooks: EngineHooks) {
    super(cfg, hooks);
    this.ctx = {
      cfg,
      emit: hooks.emit,
      confidence: hooks.confidence ?? NO_CONFIDENCE,
      figures: newIgnitionFigures(),
      track: (rec, t) => {
        rec.trackers.push(t);
        this.deadlines.push(t);
        if (t.deadline < this.dueAt) this.dueAt = t.deadline;
      },
    };
  }

  /** Clock time of the last input. */
  get clock(): number {
    return this.now;
  }

  /** Closes every tier of `rec` whose bucket ends at or before `boundary` (the market layer). */
  protected abstract closeThrough(rec: TokenRec, boundary: number): void;

  /** Registers waiting warm-up tokens unless `input` continues their warm-up, and moves the clock to it. */
  protected enter(input: Input): number {
    if (this.warming.size > 0 && !(input.kind === 'candle' && input.warmup)) {
      for (const rec of this.warming) this.register(rec);
      this.warming.clear();
    }
    const t = input.knownAt > this.now ? input.knownAt : this.now;
    if (t > this.dueAt) this.advance(t, false);
    this.now = t;
    return t;
  }

  /** Runs, in time order, every boundary close and outcome deadline before `t` (or at it when inclusive). */
  protected advance(t: number, inclusive: boolean): void {
    const late = this.lateMs;
    for (;;) {
      // Plain numbers (Infinity: none) read from fields: a number-or-null, or a double a call returns, is boxed.
      const dt = this.deadlines.nextAt;
      const boundary = this.boundaries.nextAt;
      const bt = boundary + late;
      const dtDue = dt !== Infinity && (inclusive ? dt <= t : dt < t);
      const btDue = bt !== Infinity && (inclusive ? bt <= t : bt < t);
      if (!dtDue && !btDue) {
        this.dueAt = dt < bt ? dt : bt;
        return;
      }
      if (dtDue && (!btDue || dt <= bt)) {
        const tr = this.deadlines.pop()!;
        if (tr.done) continue;
        const rec = this.tokens.get(tr.tokenKey)!;
        // The token's own data ends before the horizon: open at end of data, not a TIMEOUT at its last price.
        const end = this.seriesEndAt(rec);
        if (end !== null && tr.deadline > end) tr.done = true;
        else emitOutcome(this.ctx, rec, tr, timeoutTracker(tr));
        rec.trackers = rec.trackers.filter((x) => !x.done);
      } else {
        const rec = this.boundaries.pop()!;
        if (rec.registered !== boundary) continue;
        rec.registered = NaN;
        // The token's own data ends before the boundary: its bucket stays open (see EngineHooks.seriesEnd).
        const end = this.seriesEndAt(rec);
        if (end !== null && boundary > end) {
          // settle1m() at `t` rather than the clock's time (not moved yet).
          const due = rec.unqueued1mEnd + late;
          if (inclusive ? due <= t : due < t) this.close1m(rec);
          continue;
        }
        this.closeThrough(rec, boundary);
        this.register(rec);
      }
    }
  }
}
