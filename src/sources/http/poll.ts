import { Observable, defer, exhaustMap, from, mergeMap, timer, catchError, EMPTY } from 'rxjs';
import type { Clock } from '../../clock/clock.js';

/**
 * Polls `fetch(tracked())` every `intervalMs` on the clock's scheduler (first poll at once) and emits each
 * record. A poll still running when the next is due is not doubled up (exhaustMap); a failed poll is
 * dropped (the source's status$ already reports it) so the stream never ends on an upstream error.
 * Batching and rate limits live in the client, so one poll of N tokens costs ceil(N / batch) requests.
 */
export function pollTracked<R>(clock: Clock, intervalMs: number, tracked: () => string[], fetch: (mints: string[]) => Promise<R[]>): Observable<R> {
  return timer(0, intervalMs, clock.scheduler).pipe(
    exhaustMap(() => {
      const mints = tracked();
      if (mints.length === 0) return EMPTY;
      return defer(() => fetch(mints)).pipe(catchError(() => EMPTY));
    }),
    mergeMap((records) => from(records)),
  );
}
