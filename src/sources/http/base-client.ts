import type { Observable } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { BadData, SourceStatus } from '../../domain/status.js';
import type { HttpSource } from './http-source.js';
import type { Parsed } from './fields.js';

/** Common edge of every HTTP client: status, bad data, delivery accounting, shutdown. */
export abstract class BaseHttpClient {
  readonly status$: Observable<SourceStatus>;
  readonly badData$: Observable<BadData>;

  constructor(
    protected readonly http: HttpSource,
    protected readonly clock: Clock,
  ) {
    this.status$ = http.tracker.status$;
    this.badData$ = http.tracker.badData$;
  }

  /** Latest status (for tests and the table header). */
  get status(): SourceStatus {
    return this.http.tracker.current;
  }

  /** Starts reporting `stale` when no request succeeds for `sources.http.staleAfterMs`. */
  watchStaleness(): void {
    this.http.tracker.startStaleWatch();
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** Clock time of receipt: `knownAt` of every record built from a response. */
  protected now(): number {
    return this.clock.now();
  }

  /** Reports every dropped record as bad data and counts the delivered ones. */
  protected deliver<T>(endpoint: string, parsed: Parsed<T>): T[] {
    for (const p of parsed.problems) this.http.bad(endpoint, p.field, p.reason);
    this.http.tracker.records(parsed.records.length);
    return parsed.records;
  }
}
