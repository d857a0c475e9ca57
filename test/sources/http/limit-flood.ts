// One set-up for the limiter's test and its bench (bench/rate-limit.ts): HttpSource with a single rate
// class against the DexScreener fake enforcing the same limit (429 above it), flooded with requests.
import { wallClock } from '../../../src/clock/clock.js';
import { HttpSource } from '../../../src/sources/http/http-source.js';
import { DexScreenerFake } from '../../fakes/dexscreener.js';
import { testHttp } from './helpers.js';

export interface FloodResult {
  /** Arrival times at the fake (its clock, ms), sorted. */
  times: number[];
  /** Requests the fake answered 429. */
  limited: number;
}

/** Sends `n` requests at once through a limiter of `limit` per `windowMs` (no pad) to a fake enforcing it. */
export async function floodLimitedFake(limit: number, windowMs: number, n: number): Promise<FloodResult> {
  const fake = new DexScreenerFake();
  const base = await fake.start();
  Object.assign(fake.faults, { limitPerMinute: limit, limitWindowMs: windowMs });
  // No pad: each slot's window starts at its response, so receipt-time jitter cannot cause a 429.
  const http = new HttpSource({
    source: 'dexscreener', baseUrl: base, clock: wallClock, http: testHttp({ maxConnections: 16, retries: 0, ratePadPct: 0 }),
    rateClasses: { pairs: { limit, windowMs } },
  });
  try {
    await Promise.all(Array.from({ length: n }, (_, i) => http.json({ endpoint: 'search', path: '/latest/dex/search', query: { q: `q${i}` } })));
    return { times: fake.requests.map((r) => r.at).sort((a, b) => a - b), limited: fake.requests.filter((r) => r.status === 429).length };
  } finally {
    await http.close();
    await fake.stop();
  }
}

/** The most of the sorted `times` that fall within any `windowMs`. */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
