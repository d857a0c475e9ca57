import { Observable, interval, type Subscription } from 'rxjs';
import type { Input } from '../domain/market.js';
import type { Confidence, ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import { VirtualClock, type Clock } from '../clock/clock.js';
import { Engine } from './engine.js';
import type { EngineConfig } from './decide.js';

export interface PipelineOptions {
  cfg: EngineConfig;
  clock: Clock;
  /** Clock ticks every N ms (live: closes windows and times out outcomes without data). Null: none. */
  tickMs?: number | null;
  confidence?: (ctx: SignalContext) => Confidence;
  /** Called with the engine once built (live uses it for stats). */
  onEngine?: (engine: Engine) => void;
  /** On every tick, emit token views of changed tokens; tokens silent this long are marked stale (ms). */
  views?: { staleAfterMs: number } | null;
}

/**
 * The whole flow from inputs to scan events: one function for live and replay. Inputs arrive singly
 * or in batches in knownAt order; with a virtual clock, the clock is moved to each input's knownAt
 * before the input is applied, so timers on `clock.scheduler` fire exactly as they would live.
 */
export function scanEvents(inputs$: Observable<Input | readonly Input[]>, opts: PipelineOptions): Observable<ScanEvent> {
  return new Observable<ScanEvent>((subscriber) => {
    const engine = new Engine(opts.cfg, { emit: (e) => subscriber.next(e), confidence: opts.confidence });
    opts.onEngine?.(engine);
    const virtual = opts.clock instanceof VirtualClock ? opts.clock : null;
    const apply = (input: Input) => {
      if (virtual) virtual.advanceTo(input.knownAt);
      engine.push(input);
    };
    let ticks: Subscription | null = null;
    if (opts.tickMs) {
      ticks = interval(opts.tickMs, opts.clock.scheduler).subscribe(() => {
        const now = opts.clock.now();
        engine.push({ kind: 'tick', knownAt: now });
        if (opts.views) engine.emitViews(now, opts.views.staleAfterMs);
      });
    }
    const sub = inputs$.subscribe({
      next: (x) => {
        try {
          if (Array.isArray(x)) for (const input of x as readonly Input[]) apply(input);
          else apply(x as Input);
        } catch (err) {
          subscriber.error(err);
        }
      },
      error: (err) => {
        ticks?.unsubscribe();
        subscriber.error(err);
      },
      complete: () => {
        ticks?.unsubscribe();
        engine.finish(virtual ? virtual.now() : engine.clock);
        subscriber.complete();
      },
    });
    return () => {
      ticks?.unsubscribe();
      sub.unsubscribe();
    };
  });
}
