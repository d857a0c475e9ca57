import type { SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import { redact } from '../../config/secrets.js';

/**
 * Health of one sink, reported like a source's (a `status` line and a header entry named `alert:<sink>`):
 * ok after a 2xx, retrying / rate_limited while an alert waits for its next attempt, failed once
 * `failingAfter` attempts in a row have failed, until the next 2xx.
 */
export class SinkHealth {
  readonly counters: SourceCounters = { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
  state: SourceState = 'ok';
  detail: string | null = null;
  nextAttemptAt: number | null = null;
  consecutiveFailures = 0;
  failed = 0;
  dropped = 0;

  constructor(
    readonly sink: string,
    private readonly failingAfter: number,
    private readonly now: () => number,
    private readonly emit: (s: SourceStatus) => void,
  ) {}

  sent(): void {
    this.counters.records += 1;
    this.consecutiveFailures = 0;
    this.set('ok', null, null);
  }

  /** A failed attempt; `waitMs` is null when the alert is given up. */
  failure(error: string, status: number | null, waitMs: number | null): void {
    this.counters.errors += 1;
    if (status === 429) this.counters.rateLimited += 1;
    if (waitMs !== null) this.counters.retries += 1;
    else this.failed += 1;
    this.consecutiveFailures += 1;
    const failing = this.consecutiveFailures >= this.failingAfter;
    const state: SourceState = failing ? 'failed' : waitMs === null ? this.state : status === 429 ? 'rate_limited' : 'retrying';
    this.set(state, redact(error), waitMs === null ? null : this.now() + waitMs);
  }

  report(): void {
    this.set(this.state, this.detail, this.nextAttemptAt, true);
  }

  private set(state: SourceState, detail: string | null, nextAttemptAt: number | null, force = false): void {
    const changed = force || state !== this.state || detail !== this.detail;
    this.state = state;
    this.detail = detail;
    this.nextAttemptAt = nextAttemptAt;
    if (changed) {
      this.emit({
        source: `alert:${this.sink}`, endpoint: null, state, at: this.now(), detail, nextAttemptAt,
        ratePerMin: null, budgetPerMin: null, counters: { ...this.counters },
      });
    }
  }
}
