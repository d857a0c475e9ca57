// Deep rxjs imports: the package index loads all 223 of its files, the replay path needs about 30.
import { Observable } from 'rxjs/internal/Observable';
import type { SchedulerAction, Subscription } from 'rxjs';
import type { Candle, Input } from '../domain/market.js';
import type { Confidence, ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import { candleOfRow, isCandleBlock, type CandleBlock } from '../domain/candle-block.js';
import { VirtualClock, type Clock } from '../clock/clock.js';
import { Engine } from './engine.js';
import { SlicedViews } from './view-slices.js';
import type { EngineConfig } from './decide.js';

export interface PipelineOptions {
  cfg: EngineConfig;
  clock: Clock;
  /** Clock ticks every N ms (live: closes windows and times out outcomes without data). Null: none. */
  tickMs?: number | null;
  confidence?: (ctx: SignalContext) => Confidence;
  /** Called with the engine once built (live uses it for stats). */
  onEngine?: (engine: Engine) => void;
  /**
   * On every tick, emit token views of changed tokens; tokens silent this long are marked stale (ms). On the wall
   * clock a tick's views are emitted in slices of `sliceMs` of work per turn of the event loop (default 1), so
   * inputs interleave with them; on a virtual clock (replay) all at once.
   */
  views?: { staleAfterMs: number; sliceMs?: number } | null;
  /** End of each token's own data, by token key (file replays; see EngineHooks.seriesEnd). Default none. */
  seriesEnds?: ReadonlyMap<string, number> | null;
}

/** Ticks generated for one gap between inputs at most: a replay over months of silence stays cheap. */
const MAX_TICKS_PER_GAP = 1000;

/**
 * The whole flow from inputs to scan events: one function for live and replay. Inputs arrive singly,
 * in batches, or as blocks of candle columns (file replays), in knownAt order.
 * - Wall clock: ticks come every tickMs from an action on the clock's scheduler (as `interval(tickMs)`).
 * - Virtual clock (replay): ticks are laid on the tickMs grid between consecutive inputs, starting at the
 *   first input, and the clock is moved to each tick and input before it is applied; timers on
 *   `clock.scheduler` fire as they would live. Same inputs, same events.
 */
export function scanEvents(inputs$: Observable<Input | readonly Input[] | CandleBlock>, opts: PipelineOptions): Observable<ScanEvent> {
  return new Observable<ScanEvent>((subscriber) => {
    const ends = opts.seriesEnds ?? null;
    const engine = new Engine(opts.cfg, { emit: (e) => subscriber.next(e), confidence: opts.confidence, seriesEnd: ends ? (key) => ends.get(key) : undefined });
    opts.onEngine?.(engine);
    const virtual = opts.clock instanceof VirtualClock ? opts.clock : null;
    const tickMs = opts.tickMs ?? null;
    const views = opts.views ?? null;
    const sliced = views && !virtual ? new SlicedViews(engine.tokens, {
      staleAfterMs: views.staleAfterMs, smaBars: opts.cfg.signals.ignition.volumeSmaBars, sliceMs: views.sliceMs ?? 1, now: () => opts.clock.now(), emit: (e) => subscriber.next(e),
      error: (err) => subscriber.error(err),
    }) : null;
    const emitViews = (now: number) => {
      if (sliced) sliced.tick();
      else if (views) engine.emitViews(now, views.staleAfterMs);
    };
    const tick = (now: number) => {
      engine.push({ kind: 'tick', knownAt: now });
      emitViews(now);
    };
    let nextTick: number | null = null;
    const apply = (input: Input) => {
      if (virtual) {
        if (tickMs !== null) {
          if (nextTick === null) nextTick = Math.floor(input.knownAt / tickMs) * tickMs + tickMs;
          if ((input.knownAt - nextTick) / tickMs > MAX_TICKS_PER_GAP) nextTick = Math.floor(input.knownAt / tickMs) * tickMs - (MAX_TICKS_PER_GAP - 1) * tickMs;
          while (nextTick <= input.knownAt) {
            virtual.advanceTo(nextTick);
            tick(nextTick);
            nextTick += tickMs;
          }
        }
        virtual.advanceTo(input.knownAt);
      }
      engine.push(input);
      // Recorded ticks (live sessions) drive the views exactly like generated ones.
      if (input.kind === 'tick') emitViews(input.knownAt);
    };
    // A block of column rows goes to the engine whole, unless ticks must be laid between its rows.
    const toClock = virtual ? (row: Candle) => virtual.advanceTo(row.knownAt) : undefined;
    const applyBlock = (b: CandleBlock) => {
      if (tickMs === null) return engine.pushBlock(b, toClock);
      for (let i = b.from; i < b.to; i++) {
        const c = candleOfRow(b, i);
        if (c !== null) apply(c);
      }
    };
    let ticks: Subscription | null = null;
    // What interval(tickMs, scheduler) does (an action that reschedules itself), without loading interval and timer.
    if (tickMs !== null && !virtual) {
      ticks = opts.clock.scheduler.schedule(function (this: SchedulerAction<undefined>) {
        tick(opts.clock.now());
        this.schedule(undefined, tickMs);
      }, tickMs);
    }
    const sub = inputs$.subscribe({
      next: (x) => {
        try {
          if (Array.isArray(x)) for (const input of x as readonly Input[]) apply(input);
          else if (isCandleBlock(x)) applyBlock(x);
          else apply(x as Input);
        } catch (err) {
          subscriber.error(err);
        }
      },
      error: (err) => {
        ticks?.unsubscribe();
        sliced?.cancel();
        subscriber.error(err);
      },
      complete: () => {
        ticks?.unsubscribe();
        sliced?.drain();
        engine.finish(virtual ? virtual.now() : engine.clock);
        subscriber.complete();
      },
    });
    return () => {
      ticks?.unsubscribe();
      sliced?.cancel();
      sub.unsubscribe();
    };
  });
}
