import { asyncScheduler, interval, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { EpochMs, ScanEvent } from '../../domain/index.js';
import { reduceAction, type TableAction } from './reduce-actions.js';
import { reduceTable } from './reduce-events.js';
import { DEFAULT_LIMITS, initialTableState, type SortKey, type TableLimits, type TableState } from './state.js';

/** Figures about the pipeline that events do not carry; the caller passes a function returning them. */
export interface TableStats {
  /** Tokens the pipeline tracks now. */
  tokensTracked?: number | null;
  /** Inputs (trades, candles, snapshots...) per second, averaged over the last few seconds. */
  inputsPerSec?: number | null;
  /** Clock time minus `knownAt` of the newest input, ms; null before the first input. */
  newestInputLagMs?: number | null;
}

/** What the screen renders: the state as of the last redraw, the clock time then, and the stats. */
export interface TableSnapshot {
  state: TableState;
  now: EpochMs;
  stats: TableStats;
}

export interface TableStoreOptions {
  sort?: SortKey;
  hideRejected?: boolean;
  /** Redraws per second at most. Default 10. */
  maxFps?: number;
  stats?: () => TableStats;
  /** Clock for "time since" and ages. Default the wall clock of `renderScheduler`. */
  clock?: Clock;
  /** Scheduler of redraw timers (real time by default even in replay: redraws are for human eyes). */
  renderScheduler?: SchedulerLike;
  limits?: TableLimits;
  /** Refresh without events, so ages keep counting, ms. Default 1000. */
  refreshMs?: number;
}

/**
 * Holds the table state: events are reduced as they arrive, the published snapshot (what React renders)
 * is refreshed at most `maxFps` times per second, and key actions publish at once.
 */
export class TableStore {
  private state: TableState;
  private snapshot: TableSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly sub: Subscription;
  private readonly timers: Subscription[] = [];
  private readonly scheduler: SchedulerLike;
  private readonly intervalMs: number;
  private lastPublish = -Infinity;
  private pending: Subscription | null = null;
  private closed = false;

  constructor(events$: Observable<ScanEvent>, private readonly opts: TableStoreOptions = {}) {
    this.scheduler = opts.renderScheduler ?? asyncScheduler;
    this.intervalMs = 1000 / Math.max(1, opts.maxFps ?? 10);
    this.state = initialTableState({ sort: opts.sort, hideRejected: opts.hideRejected });
    this.snapshot = this.makeSnapshot();
    const limits = opts.limits ?? DEFAULT_LIMITS;
    this.sub = events$.subscribe({
      next: (e) => {
        this.state = reduceTable(this.state, e, limits);
        this.schedulePublish();
      },
      error: (err: unknown) => this.dispatch({ type: 'ended', error: err instanceof Error ? err.message : String(err) }),
      complete: () => this.dispatch({ type: 'ended', error: null }),
    });
    this.timers.push(interval(opts.refreshMs ?? 1000, this.scheduler).subscribe(() => this.publish()));
  }

  getSnapshot = (): TableSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies a user action and publishes immediately: keys must feel instant. */
  dispatch(action: TableAction): void {
    this.state = reduceAction(this.state, action);
    this.publish();
  }

  /** The latest reduced state (not yet necessarily on screen). */
  currentState(): TableState {
    return this.state;
  }

  close(): void {
    this.closed = true;
    this.sub.unsubscribe();
    this.pending?.unsubscribe();
    for (const t of this.timers) t.unsubscribe();
    this.listeners.clear();
  }

  private schedulePublish(): void {
    if (this.pending || this.closed) return;
    const wait = this.lastPublish + this.intervalMs - this.scheduler.now();
    if (wait <= 0) {
      this.publish();
      return;
    }
    this.pending = this.scheduler.schedule(() => {
      this.pending = null;
      this.publish();
    }, wait);
  }

  private publish(): void {
    if (this.closed) return;
    this.lastPublish = this.scheduler.now();
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private makeSnapshot(): TableSnapshot {
    const now = this.opts.clock?.now() ?? this.scheduler.now();
    return { state: this.state, now, stats: this.opts.stats?.() ?? {} };
  }
}
