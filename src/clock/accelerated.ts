import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { EpochMs } from '../domain/time.js';
import type { Clock } from './clock.js';

/**
 * A wall clock that starts at `epoch` and runs `speed` times faster than real time. Used to watch a
 * recorded market "live" (the fakes serve history up to this clock's now) and by the end-to-end test,
 * where four hours pass in seconds. Timers scheduled on it fire after delay / speed real milliseconds,
 * including the reschedules of periodic work such as `interval`.
 */
export class AcceleratedClock implements Clock {
  readonly scheduler: SchedulerLike;

  /**
   * `anchor` is the real time (epoch ms) at which this clock reads `epoch`. Processes that share epoch,
   * speed and anchor (the scanner and the fakes) read the same time. An anchor in the future holds the clock
   * at `epoch` until then (a market that opens once every process has started), and timers set while it is
   * held count their delay from the anchor.
   */
  constructor(
    readonly epoch: EpochMs,
    readonly speed: number,
    readonly anchor: EpochMs = Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError('speed must be positive');
    this.scheduler = {
      now: () => this.now(),
      schedule: <T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T) => this.schedule(work, delay ?? 0, state),
    } as SchedulerLike;
  }

  now(): EpochMs {
    return this.epoch + Math.floor(Math.max(0, Date.now() - this.anchor) * this.speed);
  }

  private schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay: number, state?: T): Subscription {
    const { speed, anchor } = this;
    const real = (d: number) => d / speed + Math.max(0, anchor - Date.now());
    return asyncScheduler.schedule<T>(function (this: SchedulerAction<T>, s?: T) {
      // Periodic work reschedules itself through `this`: scale those delays as well.
      const action = this;
      const scaled = Object.create(action) as SchedulerAction<T>;
      scaled.schedule = (st?: T, d = 0) => action.schedule(st, real(d));
      work.call(scaled, s);
    }, real(delay), state);
  }
}
