import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/clock/clock.js';
import { JupiterClient, type JupiterSettings } from '../../../src/sources/jupiter/client.js';
import type { PoolSnapshot, TokenInfo } from '../../../src/domain/market.js';
import type { BadData } from '../../../src/domain/status.js';
import { JupiterFake } from '../../fakes/jupiter.js';
import { defaultHttpFaults } from '../../fakes/http-base.js';
import { CBRL, Universe } from '../../fakes/universe.js';
import { itConformsToHttpRules } from '../http/conformance.js';
import { address, rng, testHttp } from '../http/helpers.js';
import type { HttpSettings } from '../../../src/sources/http/settings.js';
import { readFileSync } from 'node:fs';
import { needsShared, sharedPath } from '../../support/shared-data.js';
import { blockingGates, evaluateGates, type GatesConfig } from '../../../src/signals/gates.js';
import { parseTokens } from '../../../src/sources/jupiter/parse.js';
import { loadConfig } from '../../../src/config/load.js';

// A market without candles (Jupiter serves no candles): the file runs on a clone without ../shared.
const universe = new Universe();
universe.add({ mint: CBRL.mint, pool: CBRL.pool, symbol: 'CBRL', name: 'Cracker Barrel Old Country Store', priceUsd: 0.000342, liquidityUsd: 120_000 });
const RISKY = address(1, 3);
const UNPRICED = address(2, 3);
universe.add({ mint: RISKY, pool: address(1, 4), symbol: 'RUG\u001b[31m', name: 'Rug', mintAuthority: address(9, 9), freezeAuthority: null, isSus: true, topHoldersPct: 87.5, liquidityUsd: 20_000 });
universe.add({ mint: UNPRICED, pool: address(2, 4), symbol: 'NOP', priceUsd: null });
for (let i = 0; i < 120; i++) universe.add({ mint: address(100 + i, 5), pool: address(100 + i, 6), symbol: `J${i}`, priceUsd: 0.01 + i });
const fake = new JupiterFake(universe);
let base = '';
const clock = new VirtualClock(1_760_000_000_000);
const clients: JupiterClient[] = [];
const client = (http: Partial<HttpSettings> = {}, c = clock, cfg: Partial<JupiterSettings> = {}): JupiterClient => {
  const j = new JupiterClient({ baseUrl: base, apiKey: '', requestsPerMinute: 600, quoteImpact: true, ...cfg }, { http: testHttp(http), clock: c, random: rng() });
  clients.push(j);
  return j;
};
const reset = (): void => {
  fake.faults = defaultHttpFaults();
  fake.requests.length = 0;
  fake.requiredKey = null;
  fake.recordedTokens = [];
};
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const USELESS = 'Dz9mQ9NzkBcCsuGPFJ3r1bS4wgqKMHBPiVuniW8Mbonk';
const recordedSearch = (): Array<Record<string, unknown>> => JSON.parse(readFileSync(sharedPath('recorded-api', 'jupiter', 'search.json'), 'utf8'));
const allowUnknown: GatesConfig = {
  minLiquidityUsd: 0, minVolume24hUsd: 0, maxPriceImpactPct: 100, impactTradeUsd: 500, requireMintRenounced: true,
  requireFreezeRenounced: true, rejectTraps: [], unknown: 'allow', maxDataAgeMs: 1_800_000,
};
const authorityGates = (t: TokenInfo, now: number) =>
  evaluateGates({ pool: null, security: null, impact: null, token: t }, now, allowUnknown).filter((g) => g.gate.endsWith('_authority'));
const tokenOf = (rs: Array<TokenInfo | PoolSnapshot>, mint: string): TokenInfo => rs.find((r): r is TokenInfo => r.kind === 'token' && r.mint === mint)!;

describe('Jupiter client against the loopback fake', () => {
  before(async () => {
    base = await fake.start();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('maps the audit block: authorities, top holders in percent, isSus only when flagged', async () => {
    reset();
    const out = await client().tokens([CBRL.mint, RISKY]);
    const risky = tokenOf(out, RISKY);
    assert.deepEqual(risky.audit, { mintAuthorityDisabled: false, freezeAuthorityDisabled: true, topHoldersPct: 87.5, isSus: true });
    assert.equal(risky.symbol, 'RUG', 'terminal escapes stripped from the untrusted symbol');
    const cbrl = tokenOf(out, CBRL.mint);
    assert.equal(cbrl.audit!.isSus, null, 'absent isSus is unknown, not safe');
    assert.equal(cbrl.decimals, 6);
    const snap = out.find((r): r is PoolSnapshot => r.kind === 'pool' && r.mint === CBRL.mint)!;
    assert.equal(snap.priceUsd, universe.get(CBRL.mint)!.priceUsd);
    assert.equal(snap.volume24hUsd, universe.get(CBRL.mint)!.volume24hUsd);
    assert.equal(fake.seen('search')[0].query.get('query'), `${CBRL.mint},${RISKY}`);
  });

  it('reads live authorities of the recorded USDC object (no audit *Disabled keys) as present', needsShared(), async () => {
    reset();
    fake.recordedTokens = recordedSearch();
    const out = await client().tokens([USDC, USELESS]);
    const usdc = tokenOf(out, USDC);
    assert.equal(usdc.audit!.mintAuthorityDisabled, false);
    assert.equal(usdc.audit!.freezeAuthorityDisabled, false);
    assert.ok(Math.abs(usdc.audit!.topHoldersPct! - 42.19) < 0.01);
    const useless = tokenOf(out, USELESS);
    assert.equal(useless.audit!.mintAuthorityDisabled, true);
    assert.equal(useless.audit!.freezeAuthorityDisabled, true);
  });

  it('fails USDC on both authority gates from the Jupiter fallback, even with gates.unknown=allow', needsShared(), () => {
    const now = 1_760_000_000_000;
    const parsed = parseTokens(recordedSearch(), now);
    const usdc = parsed.records.find((r): r is TokenInfo => r.kind === 'token' && r.mint === USDC)!;
    const gates = authorityGates(usdc, now);
    assert.deepEqual(gates.map((g) => [g.gate, g.status, g.reason]), [
      ['mint_authority', 'fail', 'mint_authority_present'],
      ['freeze_authority', 'fail', 'freeze_authority_present'],
    ]);
    assert.equal(blockingGates(gates, allowUnknown).length, 2);
    const useless = parsed.records.find((r): r is TokenInfo => r.kind === 'token' && r.mint === USELESS)!;
    assert.deepEqual(authorityGates(useless, now).map((g) => g.status), ['pass', 'pass']);
  });

  it('keeps an authority unknown when neither the audit key nor the holder is sent', () => {
    const now = 1_760_000_000_000;
    const one = (extra: Record<string, unknown>) =>
      parseTokens([{ id: CBRL.mint, symbol: 'X', ...extra }], now).records.find((r): r is TokenInfo => r.kind === 'token')!;
    assert.equal(one({}).audit, null, 'no audit block and no holder: nothing known');
    const half = one({ audit: { mintAuthorityDisabled: true } }).audit!;
    assert.deepEqual([half.mintAuthorityDisabled, half.freezeAuthorityDisabled], [true, null]);
    const holderOnly = one({ freezeAuthority: RISKY }).audit!;
    assert.deepEqual([holderOnly.mintAuthorityDisabled, holderOnly.freezeAuthorityDisabled], [null, false]);
    assert.deepEqual(one({ mintAuthority: null, audit: {} }).audit!.mintAuthorityDisabled, null, 'an explicit null holder is not a renouncement');
  });

  it('defaults to the api.jup.ag host (the lite host ended keyless use)', () => {
    assert.equal(loadConfig({ env: {} }).sources.jupiter.baseUrl, 'https://api.jup.ag');
  });

  it('keeps tokens whose optional fields are absent', async () => {
    reset();
    fake.faults.dropOptional = true;
    const t = tokenOf(await client().tokens([CBRL.mint]), CBRL.mint);
    assert.equal(t.holderCount, null);
    assert.notEqual(t.audit, null);
  });

  it('batches 120 mints into 100 + 20 for search and 50 + 50 + 20 for prices', async () => {
    reset();
    const c = client();
    const mints = Array.from({ length: 120 }, (_, i) => address(100 + i, 5));
    assert.equal((await c.tokens(mints)).filter((r) => r.kind === 'token').length, 120);
    assert.deepEqual(fake.seen('search').map((r) => r.query.get('query')!.split(',').length).sort(), [100, 20]);
    const prices = await Promise.all(mints.map((m) => c.price(m)));
    assert.deepEqual(prices.map((p) => p?.priceUsd), mints.map((m) => universe.get(m)!.priceUsd));
    assert.deepEqual(fake.seen('price').map((r) => r.query.get('ids')!.split(',').length).sort(), [20, 50, 50]);
  });

  it('treats null and absent prices alike as unpriced', async () => {
    reset();
    const c = client();
    for (const mode of ['null', 'absent'] as const) {
      fake.unpriced = mode;
      const out = await c.priceMany([CBRL.mint, UNPRICED]);
      assert.deepEqual(out.map((p) => p.mint), [CBRL.mint], mode);
    }
    fake.unpriced = 'null';
  });

  it('accepts the legacy data.data[mint].price shape', async () => {
    reset();
    fake.legacyPriceShape = true;
    try {
      const [p] = await client().priceMany([CBRL.mint]);
      assert.equal(p.priceUsd, universe.get(CBRL.mint)!.priceUsd);
    } finally {
      fake.legacyPriceShape = false;
    }
  });

  it('sends x-api-key only when configured; keyless 401 is "needs a key", a rejected key is fatal with the env name', async () => {
    reset();
    fake.requiredKey = 'sekret-key-123';
    const good = client({}, clock, { apiKey: 'sekret-key-123' });
    assert.ok((await good.priceMany([CBRL.mint])).length === 1);
    const none = client();
    const refused = (await none.priceMany([CBRL.mint]).then(() => null, (e: unknown) => e)) as { code: string; kind: string; reason: string };
    assert.equal(refused.code, 'JUPITER_BLOCKED');
    assert.equal(refused.kind, 'local', 'a keyless refusal is a state, not fatal');
    assert.equal(refused.reason, 'needs a key (JUPITER_API_KEY)');
    assert.equal(none.status.state, 'blocked');
    assert.equal(fake.seen('price').at(-1)!.headers['x-api-key'], undefined);
    const wrong = client({}, clock, { apiKey: 'wrong-key-456' });
    const err = await wrong.priceMany([CBRL.mint]).catch((e: Error) => e);
    assert.match((err as Error).message, /JUPITER_API_KEY rejected/);
    assert.doesNotMatch((err as Error).message, /wrong-key-456/);
    assert.equal(fake.seen('price').length, 3, 'one request per client, no retries');
  });

  it('reports a price with a missing usdPrice as bad data and keeps the rest', async () => {
    reset();
    const c = client();
    const bad: BadData[] = [];
    c.badData$.subscribe((b) => bad.push(b));
    const t = universe.get(CBRL.mint)!;
    const saved = fake.legacyPriceShape;
    fake.legacyPriceShape = true;
    const price = t.priceUsd;
    t.priceUsd = Number.NaN;
    try {
      const out = await c.priceMany([CBRL.mint, RISKY]);
      assert.deepEqual(out.map((p) => p.mint), [RISKY]);
      assert.deepEqual(bad.map((b) => b.field), [`body.data.${CBRL.mint}.price`]);
    } finally {
      t.priceUsd = price;
      fake.legacyPriceShape = saved;
    }
  });

  it('estimates price impact from a quote, in percent', async () => {
    reset();
    const impact = await client().quoteImpact(RISKY, 1000);
    assert.equal(impact!.method, 'jupiter_quote');
    assert.ok(Math.abs(impact!.impactPct - 10) < 1e-9, `got ${impact!.impactPct}`);
    assert.equal(await client({}, clock, { quoteImpact: false }).quoteImpact(RISKY, 1000), null);
  });

  it('lists recent and top-trending tokens', async () => {
    reset();
    const c = client();
    const top = await c.top('toptrending', '1h', 5);
    assert.equal(top.filter((r) => r.kind === 'token').length, 5);
    assert.equal(fake.seen('top')[0].path, '/tokens/v2/toptrending/1h');
    assert.ok((await c.recent()).length > 0);
  });

  describe('HTTP rules', () => {
    itConformsToHttpRules(
      { prefix: 'JUPITER', fake: () => fake, client: (h, c) => client(h, c), call: (c) => c.priceMany([CBRL.mint]), route: 'price', authStatus: 401, keyed: false },
      clock,
    );
  });
});
