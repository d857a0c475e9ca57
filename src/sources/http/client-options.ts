import type { Clock } from '../../clock/clock.js';
import type { HttpSettings } from './settings.js';

/** What every HTTP client constructor takes besides its own config slice. */
export interface ClientDeps {
  /** The `sources.http` slice. */
  http: HttpSettings;
  clock: Clock;
  /** Shutdown signal: aborts pending requests and retry waits. */
  signal?: AbortSignal;
  /** Random source for backoff jitter; tests pass a seeded one. */
  random?: () => number;
}
