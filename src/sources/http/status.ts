import { BehaviorSubject, Subject, interval, type Observable, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { BadData, SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import { redact } from '../../config/secrets.js';

/**
 * Keeps one source's health: state, counters and bad payloads. Every change is pushed on `status$`
 * (a BehaviorSubject, so late subscribers get the current state); timestamps come from the Clock.
 */
export class StatusTracker {
  private readonly subject: BehaviorSubject<SourceStatus>;
  private readonly bad = new Subject<BadData>();
  private readonly counters: SourceCounters = { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
  private lastOkAt: number;
  private staleTimer: Subscription | null = null;

  readonly status$: Observable<SourceStatus>;
  readonly badData$: Observable<BadData>;

  constructor(
    readonly source: string,
    private readonly clock: Clock,
    private readonly staleAfterMs: number,
    private readonly rate: () => { ratePerMin: number | null; budgetPerMin: number | null },
  ) {
    this.lastOkAt = clock.now();
    this.subject = new BehaviorSubject(this.snapshot('connecting', null, null, null));
    this.status$ = this.subject.asObservable();
    this.badData$ = this.bad.asObservable();
  }

  /** Starts the staleness check on the clock's scheduler (checks four times per stale period). */
  startStaleWatch(): void {
    if (this.staleTimer) return;
    const every = Math.max(250, Math.floor(this.staleAfterMs / 4));
    this.staleTimer = interval(every, this.clock.scheduler).subscribe(() => this.checkStale());
  }

  checkStale(): void {
    const cur = this.subject.value.state;
    if (cur === 'failed' || cur === 'stale') return;
    if (this.clock.now() - this.lastOkAt >= this.staleAfterMs) {
      this.set('stale', null, `no successful response for ${Math.round((this.clock.now() - this.lastOkAt) / 1000)} s`, null);
    }
  }

  /** Current status with up-to-date counters and rate. */
  get current(): SourceStatus {
    const s = this.subject.value;
    return { ...s, ...this.rate(), counters: { ...this.counters } };
  }

  get count(): Readonly<SourceCounters> {
    return this.counters;
  }

  request(): void {
    this.counters.requests++;
  }

  ok(endpoint: string): void {
    this.lastOkAt = this.clock.now();
    if (this.subject.value.state !== 'ok') this.set('ok', endpoint, null, null);
    else this.emit();
  }

  retrying(endpoint: string, rateLimited: boolean, detail: string, waitMs: number): void {
    this.counters.retries++;
    if (rateLimited) this.counters.rateLimited++;
    this.set(rateLimited ? 'rate_limited' : 'retrying', endpoint, detail, this.clock.now() + waitMs);
  }

  error(): void {
    this.counters.errors++;
  }

  /** A call gave up (retries exhausted or fatal). The source keeps running unless the error was fatal. */
  failed(endpoint: string, detail: string): void {
    this.set('failed', endpoint, detail, null);
  }

  circuitOpen(endpoint: string, until: number): void {
    this.set('circuit_open', endpoint, `endpoint ${endpoint} open after repeated failures`, until);
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

  private set(state: SourceState, endpoint: string | null, detail: string | null, nextAttemptAt: number | null): void {
    this.subject.next(this.snapshot(state, endpoint, detail, nextAttemptAt));
  }

  private emit(): void {
    const s = this.subject.value;
    this.subject.next(this.snapshot(s.state, s.endpoint, s.detail, s.nextAttemptAt));
  }

  private snapshot(state: SourceState, endpoint: string | null, detail: string | null, nextAttemptAt: number | null): SourceStatus {
    const { ratePerMin, budgetPerMin } = this.rate();
    return {
      source: this.source,
      endpoint,
      state,
      at: this.clock.now(),
      detail: detail === null ? null : redact(detail),
      nextAttemptAt,
      ratePerMin,
      budgetPerMin,
      counters: { ...this.counters },
    };
  }
}
