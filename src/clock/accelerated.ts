import { Scheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { EpochMs } from '../domain/time.js';
import type { Clock } from './clock.js';

/**
 * A wall clock that starts at `epoch` and runs `speed` times faster than real time. Used to watch
 * recorded markets "live" (the fakes serve history up to this clock's now) and by the end-to-end test,
 * where four hours pass in seconds. Timers scheduled on it fire after delay / speed real ms.
 */
export class AcceleratedClock implements Clock {
  readonly scheduler: SchedulerLike;
  private readonly realStart = Date.now();

  constructor(
    readonly epoch: EpochMs,
    readonly speed: number,
  ) {
    if (!(speed > 0)) throw new RangeError('speed must be positive');
    const clock = this;
    this.scheduler = {
      now: () => clock.now(),
      schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
        return new Scheduler(() => null as never).schedule.call(ASYNC_LIKE, work as never, delay / speed, state) as Subscription;
      },
    };
  }

  now(): EpochMs {
    return this.epoch + Math.floor((Date.now() - this.realStart) * this.speed);
  }
}

// RxJS's async scheduler with real-time delays; the accelerated scheduler divides delays before handing over.
import { asyncScheduler } from 'rxjs';
const ASYNC_LIKE = asyncScheduler;
