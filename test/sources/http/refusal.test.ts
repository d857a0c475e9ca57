import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyRefusal, headerGetter } from '../../../src/sources/http/refusal.js';
import { Blocks, blockedDelayMs } from '../../../src/sources/http/blocked.js';
import { needsShared, sharedPath } from '../../support/shared-data.js';
import { CLOUDFLARE_CHALLENGE_HEADERS, REFUSAL_FILES, bundledRefusalsDir, type RefusalName } from '../../fakes/refusal-bodies.js';

const noHeaders = headerGetter({});
const bundled = (name: RefusalName): string => readFileSync(join(bundledRefusalsDir(), REFUSAL_FILES[name]), 'utf8');
const shared = (name: RefusalName): string => readFileSync(sharedPath('recorded-api', 'errors', REFUSAL_FILES[name]), 'utf8');

/** Every refusal with the answer it came with and what it must read as. */
const CASES: Array<{ name: RefusalName; status: number; headers: Record<string, string>; want: ReturnType<typeof classifyRefusal> }> = [
  { name: 'cloudflare', status: 403, headers: CLOUDFLARE_CHALLENGE_HEADERS, want: { kind: 'blocked', reason: 'Cloudflare challenge' } },
  { name: 'cloudflare', status: 403, headers: { 'content-type': 'text/html' }, want: { kind: 'blocked', reason: 'Cloudflare challenge' } },
  { name: 'accessForbidden', status: 403, headers: { 'content-type': 'application/json' }, want: { kind: 'blocked', reason: 'access forbidden' } },
];

function checkBodies(read: (name: RefusalName) => string): void {
  for (const c of CASES) assert.deepEqual(classifyRefusal(c.status, headerGetter(c.headers), read(c.name)), c.want, `${c.name} ${JSON.stringify(c.headers)}`);
  const indexed = classifyRefusal(403, noHeaders, read('indexedRequests'));
  assert.equal(indexed?.kind, 'method_unavailable', 'a per-method 403 switches the method off, not the URL');
  assert.match(indexed.reason, /Indexed requests require a personal token/);
  const secondary = classifyRefusal(200, noHeaders, read('secondaryIndexes'));
  assert.equal(secondary?.kind, 'method_unavailable');
  assert.match(secondary.reason, /^-32010 TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA excluded from account secondary indexes/);
}

describe('refusal classification', () => {
  it('reads the bundled refusal bodies: challenge and access forbidden block, per-method refusals switch a method off', () => checkBodies(bundled));

  it('reads the recorded originals in ../shared the same way', needsShared(), () => checkBodies(shared));

  it('ships the recorded JSON-RPC bodies unchanged', needsShared(), () => {
    for (const name of ['accessForbidden', 'indexedRequests', 'secondaryIndexes'] as const) assert.equal(bundled(name), shared(name), name);
  });

  it('knows a challenge by its cf-mitigated header alone, and -32601 as a missing method', () => {
    assert.deepEqual(classifyRefusal(403, headerGetter({ 'cf-mitigated': 'challenge' }), ''), { kind: 'blocked', reason: 'Cloudflare challenge' });
    assert.equal(classifyRefusal(200, noHeaders, '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":1}')?.kind, 'method_unavailable');
  });

  it('leaves other answers alone: a 503 without a challenge, an ordinary JSON-RPC error, a 429', () => {
    assert.equal(classifyRefusal(503, noHeaders, 'Service Unavailable'), null);
    assert.equal(classifyRefusal(200, noHeaders, '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid param: could not find mint"},"id":1}'), null);
    assert.equal(classifyRefusal(429, noHeaders, '{"jsonrpc":"2.0","error":{"code":429,"message":"Too many requests"},"id":1}'), null);
  });

  it('a plain 401 or 403 without a recognisable body is "access forbidden" (the caller decides if a key was at fault)', () => {
    assert.deepEqual(classifyRefusal(401, noHeaders, '{"error":"Unauthorized"}'), { kind: 'blocked', reason: 'access forbidden' });
  });
});

const SETTINGS = { blockedMinMs: 120_000, blockedMaxMs: 1_800_000, blockedGrowth: 2, blockedJitterPct: 20 };

test('the refusal wait grows per refusal in a row, is capped, and spreads by the configured jitter', () => {
  const mid = () => 0.5;
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => blockedDelayMs(n, SETTINGS, mid)), [120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
  assert.equal(blockedDelayMs(0, SETTINGS, () => 0), 96_000);
  assert.equal(blockedDelayMs(0, SETTINGS, () => 1), 144_000);
  assert.equal(blockedDelayMs(9, { ...SETTINGS, blockedJitterPct: 0 }, Math.random), 1_800_000);
});

test('a blocked endpoint is held until its wait ends, then one probe goes; a new refusal waits longer', () => {
  let now = 1_000_000;
  const blocks = new Blocks({ ...SETTINGS, blockedJitterPct: 0 }, () => now);
  assert.equal(blocks.holding('boosts_top'), null);
  const first = blocks.refuse('boosts_top', 'Cloudflare challenge');
  assert.equal(first.until, now + 120_000);
  assert.equal(blocks.holding('tokens'), null, 'other endpoints are not held');
  now += 119_999;
  assert.equal(blocks.holding('boosts_top')?.reason, 'Cloudflare challenge');
  now += 1;
  assert.equal(blocks.holding('boosts_top'), null, 'the probe may go');
  assert.ok(blocks.holding('boosts_top'), 'only one probe at a time');
  const second = blocks.refuse('boosts_top', 'Cloudflare challenge');
  assert.equal(second.until - now, 240_000);
  assert.equal(second.refusals, 2);
  now = second.until;
  assert.equal(blocks.holding('boosts_top'), null);
  assert.equal(blocks.clear('boosts_top'), true, 'an answer clears it (a change worth reporting)');
  assert.equal(blocks.clear('boosts_top'), false);
  assert.equal(blocks.refuse('boosts_top', 'x').until - now, 120_000, 'the count starts over after an answer');
});
