import { it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import type { BaseHttpClient } from '../../../src/sources/http/base-client.js';
import type { HttpSettings } from '../../../src/sources/http/settings.js';
import type { BadData } from '../../../src/domain/status.js';
import { defaultHttpFaults, type HttpFake } from '../../fakes/http-base.js';
import { codeOf, states } from './helpers.js';

export interface ConformanceCase<C extends BaseHttpClient> {
  /** Upper-case source prefix of error codes (`GECKOTERMINAL`). */
  prefix: string;
  fake: () => HttpFake;
  client: (http: Partial<HttpSettings>, clock: VirtualClock) => C;
  /** One representative call that succeeds against a healthy fake with at least one record. */
  call: (c: C) => Promise<unknown[]>;
  /** Route name the call hits at the fake. */
  route: string;
  /** Status that means "credentials rejected" (or "refused", keyless) for this provider. */
  authStatus: number;
  /** The client sends a key the user gave: a 401/403 is fatal. Keyless: the endpoint is blocked for minutes. */
  keyed: boolean;
}

/** The fault behaviours every HTTP client must show, run against its loopback fake. */
export function itConformsToHttpRules<C extends BaseHttpClient>(k: ConformanceCase<C>, clock: VirtualClock): void {
  const reset = (): HttpFake => {
    const f = k.fake();
    f.faults = defaultHttpFaults();
    f.requests.length = 0;
    f.hits.clear();
    return f;
  };

  it('waits the Retry-After of a 429, then succeeds', async () => {
    const f = reset();
    const c = k.client({ retryMaxMs: 5000 }, clock);
    Object.assign(f.faults, { burst429: 1, retryAfterShare: 1, retryAfterSeconds: 1 });
    assert.ok((await k.call(c)).length > 0);
    const seen = f.seen(k.route);
    assert.deepEqual(seen.map((r) => r.status), [429, 200]);
    assert.ok(seen[1].at - seen[0].at >= 995, `retried after ${Math.round(seen[1].at - seen[0].at)} ms`);
    assert.equal(c.status.counters.rateLimited, 1);
  });

  if (k.keyed) {
    it(`treats HTTP ${k.authStatus} on the user's key as fatal: exactly one request, no retry`, async () => {
      const f = reset();
      const c = k.client({}, clock);
      f.faults.forceStatus = { status: k.authStatus, count: 10 };
      assert.equal(await codeOf(k.call(c)), `${k.prefix}_AUTH_REJECTED`);
      assert.equal(f.requests.length, 1);
      assert.equal(c.status.state, 'failed');
      assert.equal(c.status.counters.retries, 0);
    });
  } else {
    it(`treats a keyless HTTP ${k.authStatus} as a blocked endpoint: no retry, nothing sent during the wait, ok after it`, async () => {
      const f = reset();
      const c = k.client({ blockedMinMs: 60_000, blockedMaxMs: 600_000, blockedJitterPct: 0 }, clock);
      f.faults.forceStatus = { status: k.authStatus, count: 1 };
      assert.equal(await codeOf(k.call(c)), `${k.prefix}_BLOCKED`);
      assert.equal(c.status.state, 'blocked');
      assert.equal(c.status.counters.retries, 0);
      clock.advanceTo(clock.now() + 59_000);
      assert.equal(await codeOf(k.call(c)), `${k.prefix}_BLOCKED`);
      assert.equal(f.requests.length, 1, 'no request inside the wait');
      clock.advanceTo(clock.now() + 1_000);
      assert.ok((await k.call(c)).length > 0);
      assert.equal(f.requests.length, 2);
      assert.equal(c.status.state, 'ok');
    });
  }

  it('retries a 5xx burst and succeeds', async () => {
    const f = reset();
    const c = k.client({}, clock);
    f.faults.burst5xx = 2;
    assert.ok((await k.call(c)).length > 0);
    assert.equal(f.seen(k.route).length, 3);
    assert.equal(c.status.counters.retries, 2);
  });

  it('retries a timeout a bounded number of times, then reports HTTP_TIMEOUT', async () => {
    const f = reset();
    const c = k.client({ requestTimeoutMs: 100, retries: 2 }, clock);
    f.faults.delayMs = 300;
    assert.equal(await codeOf(k.call(c)), 'HTTP_TIMEOUT');
    assert.equal(f.seen(k.route).length, 3);
    assert.equal(c.status.state, 'failed');
  });

  it('counts malformed JSON as bad data', async () => {
    const f = reset();
    const c = k.client({}, clock);
    const bad: BadData[] = [];
    c.badData$.subscribe((b) => bad.push(b));
    f.faults.rateMalformed = 1;
    assert.equal(await codeOf(k.call(c)), `${k.prefix}_BAD_PAYLOAD`);
    assert.deepEqual(bad.map((b) => b.field), ['body']);
    assert.equal(c.status.counters.badPayloads, 1);
  });

  it('opens the circuit after N failures and closes after a successful probe', async () => {
    const f = reset();
    const c = k.client({ retries: 0, breakerFailures: 2, breakerCooldownMs: 5000 }, clock);
    const seen = states(c.status$);
    f.faults.burst5xx = 2;
    await codeOf(k.call(c));
    await codeOf(k.call(c));
    assert.equal(await codeOf(k.call(c)), `${k.prefix}_CIRCUIT_OPEN`);
    assert.equal(f.requests.length, 2);
    assert.ok(seen.includes('circuit_open'));
    clock.advanceTo(clock.now() + 5000);
    assert.ok((await k.call(c)).length > 0);
    assert.equal(c.status.state, 'ok');
    assert.ok((await k.call(c)).length > 0);
    assert.equal(f.requests.length, 4);
  });

  it('shares one request between two concurrent identical calls', async () => {
    const f = reset();
    const c = k.client({}, clock);
    const [a, b] = await Promise.all([k.call(c), k.call(c)]);
    assert.equal(f.seen(k.route).length, 1);
    assert.deepEqual(a, b);
  });

  it('reports stale when nothing succeeds for staleAfterMs', async () => {
    reset();
    const c = k.client({ staleAfterMs: 4000 }, clock);
    const sourceLines: string[] = [];
    c.status$.subscribe((s) => (s.endpoint === null ? sourceLines.push(s.state) : undefined));
    await k.call(c);
    c.watchStaleness();
    clock.advanceTo(clock.now() + 5000);
    assert.equal(c.status.state, 'stale');
    await k.call(c);
    assert.equal(c.status.state, 'ok');
    assert.deepEqual(sourceLines, ['connecting', 'stale', 'ok'], 'the source-wide stale line is ended by a source-wide ok line');
  });
}
