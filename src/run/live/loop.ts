import { exhaustMap, from, timer, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';

/** True for failures that must end the run: a rejected key or a forbidden endpoint. */
export function isFatal(err: unknown): boolean {
  const e = err as { kind?: unknown; code?: unknown };
  return e?.kind === 'fatal' || e?.code === 'SOLANA_RPC_FORBIDDEN' || e?.code === 'BIRDEYE_API_KEY_REJECTED';
}

/**
 * True for source failures the status already tells (a state-change line on stderr, the header): a blocked
 * or refusing endpoint, a switched-off method, network trouble, spent retries. Not repeated per round.
 */
export function shownInStatus(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || isFatal(err)) return false;
  return /_BLOCKED$|_CIRCUIT_OPEN$|_RATE_LIMITED$|_UPSTREAM_ERROR$|^HTTP_(NETWORK|TIMEOUT)$|^SOLANA_RPC_/.test(code);
}

/**
 * Runs `work` now and then every `periodMs` of clock time, never overlapping itself (a slow round skips
 * the ticks it overlaps). Errors are handed to `onError` and the loop goes on.
 */
export function every(clock: Clock, periodMs: number, work: () => Promise<void>, onError: (err: unknown) => void): Subscription {
  return timer(0, periodMs, clock.scheduler)
    .pipe(exhaustMap(() => from(work().catch(onError))))
    .subscribe();
}
