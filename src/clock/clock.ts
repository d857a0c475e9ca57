// Deep rxjs imports: the package index loads all 223 of its files (most of a replay's start-up).
import { asyncScheduler } from 'rxjs/internal/scheduler/async';
import { VirtualTimeScheduler } from 'rxjs/internal/scheduler/VirtualTimeScheduler';
import type { SchedulerLike } from 'rxjs';
import type { EpochMs } from '../domain/time.js';

/**
 * Clock time: decides staleness, timeouts and UI ticks (event time decides buckets and windows).
 * Live passes the wall clock; replay passes a virtual clock, so nothing below `run/` calls Date.now().
 */
export interface Clock {
  /** Whole milliseconds since the epoch (times are stored as integers). */
  now(): EpochMs;
  /** Scheduler for timers (intervals, timeouts) that must follow this clock. */
  readonly scheduler: SchedulerLike;
}

export const wallClock: Clock = {
  now: () => Date.now(),
  scheduler: asyncScheduler,
};

/**
 * A clock that only moves when told to. Timers scheduled on it (RxJS `timer`, `interval`, `delay` with
 * `clock.scheduler`) fire in order as it is advanced, so a day replays in milliseconds and reruns are
 * identical.
 */
export class VirtualClock implements Clock {
  readonly scheduler: VirtualTimeScheduler;

  constructor(start: EpochMs = 0) {
    this.scheduler = new VirtualTimeScheduler();
    this.scheduler.frame = start;
  }

  now(): EpochMs {
    return this.scheduler.frame;
  }

  /** Moves time forward to `t`, running every timer due at or before it. Never moves backwards. */
  advanceTo(t: EpochMs): void {
    if (t < this.scheduler.frame) return;
    const actions = this.scheduler.actions;
    if (actions.length > 0 && actions[0].delay <= t) {
      this.scheduler.maxFrames = t;
      this.scheduler.flush();
    }
    this.scheduler.frame = t;
  }
}
