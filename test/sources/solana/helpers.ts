import { asyncScheduler } from 'rxjs';
import type { Clock } from '../../../src/clock/clock.js';
import type { SolanaSourceOptions } from '../../../src/sources/solana/mint-source.js';

/** Small, fast settings for tests: tiny backoff, a generous rate limit. */
export function testOptions(rpcUrls: string[], over: Partial<SolanaSourceOptions> = {}): SolanaSourceOptions {
  return {
    rpcUrls, requestsPer10s: 10_000, commitment: 'confirmed', failoverAfterFailures: 2,
    retries: 4, retryMinMs: 1, retryMaxMs: 5,
    blockedMinMs: 120_000, blockedMaxMs: 1_800_000, blockedGrowth: 2, blockedJitterPct: 20, connectTimeoutMs: 2_000, requestTimeoutMs: 5_000,
    topHolders: true, topHoldersCount: 10, epochCacheMs: 60_000, clock: fixedClock(1_760_000_000_000), ...over,
  };
}

/** A clock that reads a fixed time, so delays in status events can be compared exactly. */
export function fixedClock(at: number): Clock {
  return { now: () => at, scheduler: asyncScheduler };
}
