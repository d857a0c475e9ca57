import { asyncScheduler, interval, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { EpochMs, ScanEvent, TokenView } from '../../domain/index.js';

// Bounds the views held between redraws (a redraw flushes them anyway).
const MAX_PENDING_VIEWS = 50_000;
// Redrawing may take at most this share of one core: when a frame is expensive (a tall terminal full of
// rows), redraws are spaced further apart than maxFps allows.
const MAX_RENDER_SHARE = 0.2;
import { reduceAction, type TableAction } from './reduce-actions.js';
import { reduceTable, reduceTokenViews } from './reduce-events.js';
import { DEFAULT_LIMITS, initialTableState, type SortKey, type TableLimits, type TableState } from './state.js';

/** Figures about the pipeline that events do not carry; the caller passes a function returning them. */
export interface TableStats {
  /** Tokens the pipeline tracks now. */
  tokensTracked?: number | null;
  /** Inputs (trades, candles, snapshots...) per second, averaged over the last few seconds. */
  inputsPerSec?: number | null;
  /** Clock time minus `knownAt` of the newest input, ms; null before the first input. */
  newestInputLagMs?: number | null;
  /** Replay only: the market time the replay has reached, and the share of its inputs applied, 0..100. */
  marketTime?: EpochMs | null;
  replayDonePct?: number | null;
  /** The chain tap in a few words (subscriptions, notifications/s, lag), when tapping. */
  chain?: string | null;
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
  /** Called when the user pauses or resumes (`p`): a replay holds its input while paused. */
  onPause?: (paused: boolean) => void;
  /** Refresh without events, so ages keep counting, ms. Default 1000. */
  refreshMs?: number;
}

/**
 * Holds the table state: events are reduced as they arrive, the published snapshot (what React renders)
 * is refreshed at most `maxFps` times per second (fewer when a redraw is expensive, so drawing stays
 * under a fifth of a core), and key actions publish at once.
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
  private pendingViews: TokenView[] = [];
  /** Smoothed wall time of one redraw (React render, Ink layout and output), ms, as the view reports it. */
  private redrawCostMs = 0;

  constructor(events$: Observable<ScanEvent>, private readonly opts: TableStoreOptions = {}) {
    this.scheduler = opts.renderScheduler ?? asyncScheduler;
    this.intervalMs = 1000 / Math.max(1, opts.maxFps ?? 10);
    this.state = initialTableState({ sort: opts.sort, hideRejected: opts.hideRejected });
    this.snapshot = this.makeSnapshot();
    const limits = opts.limits ?? DEFAULT_LIMITS;
    this.sub = events$.subscribe({
      next: (e) => {
        if (e.type === 'token') {
          // Coalesced: only the latest view of each token matters; applied in one batch before the next
          // other event or the next redraw, which gives the same state as reducing them one by one.
          this.pendingViews.push(e);
          if (this.pendingViews.length >= MAX_PENDING_VIEWS) this.flushViews();
        } else {
          this.flushViews();
          this.state = reduceTable(this.state, e, limits);
        }
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
    this.flushViews();
    const before = this.state.ui.paused;
    this.state = reduceAction(this.state, action);
    if (this.state.ui.paused !== before) this.opts.onPause?.(this.state.ui.paused);
    this.publish();
  }

  /** The latest reduced state (not yet necessarily on screen). */
  currentState(): TableState {
    this.flushViews();
    return this.state;
  }

  private flushViews(): void {
    if (this.pendingViews.length === 0) return;
    const views = this.pendingViews;
    this.pendingViews = [];
    this.state = reduceTokenViews(this.state, views);
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
    const interval = Math.max(this.intervalMs, this.redrawCostMs / MAX_RENDER_SHARE);
    const wait = this.lastPublish + interval - this.scheduler.now();
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
    this.flushViews();
    this.lastPublish = this.scheduler.now();
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  /** The view reports what a redraw cost (wall ms); later redraws are spaced to keep within budget. */
  reportRedrawCost(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.redrawCostMs = this.redrawCostMs === 0 ? ms : 0.7 * this.redrawCostMs + 0.3 * ms;
  }

  /** Smoothed cost of one redraw, ms. */
  redrawCost(): number {
    return this.redrawCostMs;
  }

  private makeSnapshot(): TableSnapshot {
    const now = this.opts.clock?.now() ?? this.scheduler.now();
    return { state: this.state, now, stats: this.opts.stats?.() ?? {} };
  }
}
