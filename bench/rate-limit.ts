// The client-side rate limiter's achieved rate against a loopback fake that enforces the same limit
// (moved here from the test suite: a rate measured in real time depends on the machine's load).
import { wallClock } from '../src/clock/clock.js';
import { HttpSource } from '../src/sources/http/http-source.js';
import { DexScreenerFake } from '../test/fakes/dexscreener.js';
import { testHttp } from '../test/sources/http/helpers.js';
import { printTable } from './md.js';

export async function benchRateLimit(): Promise<void> {
  const LIMIT = 250;
  const WINDOW = 1000;
  const N = 1000;
  const fake = new DexScreenerFake();
  const base = await fake.start();
  Object.assign(fake.faults, { limitPerMinute: LIMIT, limitWindowMs: WINDOW });
  const http = new HttpSource({
    source: 'dexscreener', baseUrl: base, clock: wallClock, http: testHttp({ maxConnections: 16, retries: 0, ratePadPct: 0 }),
    rateClasses: { pairs: { limit: LIMIT, windowMs: WINDOW } },
  });
  try {
    await Promise.all(Array.from({ length: N }, (_, i) => http.json({ endpoint: 'search', path: '/latest/dex/search', query: { q: `q${i}` } })));
    const times = fake.requests.map((r) => r.at).sort((a, b) => a - b);
    const limited = fake.requests.filter((r) => r.status === 429).length;
    // Steady state: everything after the first full window, over the time it took.
    const steady = ((N - LIMIT) / (times.at(-1)! - times[0])) * 1000;
    let maxInWindow = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= WINDOW) j++;
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    console.log(`\n## rate limiter\n\n${N} requests through HttpSource against the DexScreener fake enforcing ${LIMIT} per ${WINDOW} ms (429 above it); no pad.\n`);
    printTable(['requests', 'elapsed ms', 'steady rate /s', 'of limit', `max in any ${WINDOW} ms`, '429s'], [
      [N, Math.round(times.at(-1)! - times[0]), steady.toFixed(1), `${((steady / LIMIT) * 100).toFixed(1)}%`, maxInWindow, limited],
    ]);
  } finally {
    await http.close();
    await fake.stop();
  }
}
