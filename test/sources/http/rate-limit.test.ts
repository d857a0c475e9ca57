import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { wallClock } from '../../../src/clock/clock.js';
import { HttpSource } from '../../../src/sources/http/http-source.js';
import { DexScreenerFake } from '../../fakes/dexscreener.js';
import { testHttp } from './helpers.js';

describe('client-side rate limiter against a fake that enforces its published limit', () => {
  it('sends 1,000 requests with zero 429s at close to the configured rate', async (t) => {
    const LIMIT = 250;
    const WINDOW = 1000;
    const fake = new DexScreenerFake();
    const base = await fake.start();
    Object.assign(fake.faults, { limitPerMinute: LIMIT, limitWindowMs: WINDOW });
    // No pad: each slot's window starts at its response, so receipt-time jitter cannot cause a 429.
    const http = new HttpSource({
      source: 'dexscreener', baseUrl: base, clock: wallClock, http: testHttp({ maxConnections: 16, retries: 0, ratePadPct: 0 }),
      rateClasses: { pairs: { limit: LIMIT, windowMs: WINDOW } },
    });
    try {
      await Promise.all(Array.from({ length: 1000 }, (_, i) => http.json({ endpoint: 'search', path: '/latest/dex/search', query: { q: `q${i}` } })));
      const seen = fake.requests;
      const statuses = new Map<number, number>();
      for (const r of seen) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      assert.equal(seen.length, 1000);
      assert.equal(statuses.get(429) ?? 0, 0, 'no request earned a 429');
      // Steady-state rate: everything after the first full window, over the time it took.
      const times = seen.map((r) => r.at).sort((a, b) => a - b);
      const steadyPerSec = ((1000 - LIMIT) / (times.at(-1)! - times[0])) * 1000;
      let maxInWindow = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i] - times[j] >= WINDOW) j++;
        maxInWindow = Math.max(maxInWindow, i - j + 1);
      }
      const figure = `1000 requests in ${Math.round(times.at(-1)! - times[0])} ms; steady ${steadyPerSec.toFixed(1)}/s vs limit ${LIMIT}/s (${((steadyPerSec / LIMIT) * 100).toFixed(1)}%); max ${maxInWindow} in any ${WINDOW} ms window; 429s: 0`;
      t.diagnostic(figure);
      console.log(`rate-limit figure: ${figure}`);
      assert.ok(maxInWindow <= LIMIT);
      assert.ok(Math.abs(steadyPerSec - LIMIT) / LIMIT <= 0.1, figure);
    } finally {
      await http.close();
      await fake.stop();
    }
  });
});
