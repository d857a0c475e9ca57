import { BehaviorSubject, Subject, interval, type Observable, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import { STATE_SEVERITY, type BadData, type RateUse, type SourceCounters, type SourceState, type SourceStatus } from '../../domain/status.js';
import { redact } from '../../config/secrets.js';

interface EndpointState {
  state: SourceState;
  detail: string | null;
  nextAttemptAt: number | null;
}

/** What the tracker reads from its source when it reports: summed figures and each rate class. */
export interface RateReport {
  ratePerMin: number | null;
  budgetPerMin: number | null;
  rates?: RateUse[];
}

/**
 * Keeps one source's health per endpoint: state, counters and bad payloads. Every change of an
 * endpoint's state is pushed on `status$` (a BehaviorSubject, so late subscribers get the latest); one
 * endpoint blocked or failing never hides that the others answer. Timestamps come from the Clock.
 */
export class StatusTracker {
  private readonly subject: BehaviorSubject<SourceStatus>;
  private readonly bad = new Subject<BadData>();
  private readonly counters: SourceCounters = { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
  private readonly endpoints = new Map<string, EndpointState>();
  private lastOkAt: number;
  private answered = false;
  private stale = false;
  private staleTimer: Subscription | null = null;

  readonly status$: Observable<SourceStatus>;
  readonly badData$: Observable<BadData>;

  constructor(
    readonly source: string,
    private readonly clock: Clock,
    private readonly staleAfterMs: number,
    private readonly rate: () => RateReport,
  ) {
    this.lastOkAt = clock.now();
    this.subject = new BehaviorSubject(this.snapshot(null, { state: 'connecting', detail: null, nextAttemptAt: null }));
    this.status$ = this.subject.asObservable();
    this.badData$ = this.bad.asObservable();
  }

  /** Starts the staleness check on the clock's scheduler (checks four times per stale period). */
  startStaleWatch(): void {
    if (this.staleTimer) return;
    const every = Math.max(250, Math.floor(this.staleAfterMs / 4));
    this.staleTimer = interval(every, this.clock.scheduler).subscribe(() => this.checkStale());
  }

  /** Reports the source stale once when nothing succeeded for `staleAfterMs` (a source that never answered stays as it is). */
  checkStale(): void {
    if (this.stale || !this.answered || this.worst() === 'failed') return;
    if (this.clock.now() - this.lastOkAt >= this.staleAfterMs) {
      this.stale = true;
      this.subject.next(this.snapshot(null, { state: 'stale', detail: `no successful response for ${Math.round((this.clock.now() - this.lastOkAt) / 1000)} s`, nextAttemptAt: null }));
    }
  }

  /** The source as a whole: its worst endpoint (stale when nothing answers), `connecting` before any report. */
  get current(): SourceStatus {
    const s = this.subject.value;
    return { ...s, ...this.rate(), state: this.stale ? 'stale' : this.worst(), counters: { ...this.counters } };
  }

  /** State of one endpoint (`connecting` before its first report). */
  endpointState(endpoint: string): SourceState {
    return this.endpoints.get(endpoint)?.state ?? 'connecting';
  }

  get count(): Readonly<SourceCounters> {
    return this.counters;
  }

  request(): void {
    this.counters.requests++;
  }

  ok(endpoint: string): void {
    this.lastOkAt = this.clock.now();
    this.answered = true;
    // The stale line was about the source as a whole: so is its end, or a listener keyed by endpoint keeps it.
    if (this.stale) this.subject.next(this.snapshot(null, { state: 'ok', detail: null, nextAttemptAt: null }));
    this.stale = false;
    // Unchanged states are re-emitted too: listeners keep the counters and rates current from them.
    if (!this.set(endpoint, 'ok', null, null)) this.emit(endpoint);
  }

  retrying(endpoint: string, rateLimited: boolean, detail: string, waitMs: number): void {
    this.counters.retries++;
    if (rateLimited) this.counters.rateLimited++;
    this.set(endpoint, rateLimited ? 'rate_limited' : 'retrying', detail, this.clock.now() + waitMs, true);
  }

  error(): void {
    this.counters.errors++;
  }

  /** A call gave up (retries exhausted or fatal). The source keeps running unless the error was fatal. */
  failed(endpoint: string, detail: string): void {
    this.set(endpoint, 'failed', detail, null, true);
  }

  /** A keyless endpoint refused us: `reason` is short ("Cloudflare challenge"); tried again at `until`. */
  blocked(endpoint: string, reason: string, until: number): void {
    this.set(endpoint, 'blocked', reason, until, true);
  }

  /** No connection could be made: `detail` names the host and the cause (`api.example.com ENOTFOUND`). */
  unreachable(endpoint: string, detail: string): void {
    this.set(endpoint, 'unreachable', detail, null);
  }

  circuitOpen(endpoint: string, until: number): void {
    this.set(endpoint, 'circuit_open', `endpoint ${endpoint} open after repeated failures`, until, true);
  }

  records(n: number): void {
    this.counters.records += n;
  }

  badData(endpoint: string, field: string, reason: string): void {
    this.counters.badPayloads++;
    this.bad.next({ source: this.source, endpoint, field, reason: redact(reason), at: this.clock.now() });
  }

  stop(): void {
    this.staleTimer?.unsubscribe();
    this.staleTimer = null;
    this.bad.complete();
    this.subject.complete();
  }

  private worst(): SourceState {
    let worst: SourceState | null = null;
    for (const e of this.endpoints.values()) if (worst === null || STATE_SEVERITY[e.state] > STATE_SEVERITY[worst]) worst = e.state;
    return worst ?? 'connecting';
  }

  /** Sets an endpoint's state; emits when it changed (or always with `force`). Returns whether it emitted. */
  private set(endpoint: string, state: SourceState, detail: string | null, nextAttemptAt: number | null, force = false): boolean {
    const prev = this.endpoints.get(endpoint);
    const next = { state, detail: detail === null ? null : redact(detail), nextAttemptAt };
    this.endpoints.set(endpoint, next);
    if (!force && prev?.state === state && prev.detail === next.detail) return false;
    this.subject.next(this.snapshot(endpoint, next));
    return true;
  }

  private emit(endpoint: string): void {
    const e = this.endpoints.get(endpoint);
    if (e) this.subject.next(this.snapshot(endpoint, e));
  }

  private snapshot(endpoint: string | null, e: EndpointState): SourceStatus {
    const { ratePerMin, budgetPerMin, rates } = this.rate();
    return {
      source: this.source,
      endpoint,
      state: e.state,
      at: this.clock.now(),
      detail: e.detail,
      nextAttemptAt: e.nextAttemptAt,
      ratePerMin,
      budgetPerMin,
      ...(rates ? { rates } : {}),
      counters: { ...this.counters },
    };
  }
}
