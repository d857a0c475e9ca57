import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY } from 'rxjs';
import { loadConfig } from '../../src/config/load.js';
import { AcceleratedClock } from '../../src/clock/accelerated.js';
import type { Input, TokenInfo } from '../../src/domain/market.js';
import { openStore } from '../../src/store/index.js';
import { SolanaMintSource, solanaOptionsFrom } from '../../src/sources/solana/mint-source.js';
import { Feeds } from '../../src/run/live/feeds.js';
import { newUniverse } from '../../src/run/live/universe.js';
import type { LiveSources } from '../../src/run/live/sources.js';
import { Engine } from '../../src/run/engine.js';
import { solanaFakeFor } from '../fakes/index.js';
import { BUTTERFLY, CBRL, realUniverse } from '../fakes/universe.js';
import { needsShared } from '../support/shared-data.js';

// Without Jupiter (keyless api.jup.ag may refuse), a tracked token still gets its name, symbol and decimals: the
// mint-security round reads them from the chain in the same getMultipleAccounts call.
// realUniverse() serves the real CBRL and Butterfly markets of ../shared/data.
test('live feeds name tracked tokens from the chain with Jupiter off, in the mint batch', needsShared(), async () => {
  const universe = realUniverse();
  const rpc = solanaFakeFor(universe);
  const url = await rpc.start();
  const store = openStore({ path: ':memory:' });
  const cfg = loadConfig({ presets: ['scan'], env: {}, sets: [['sources.solana.rpcUrls', url, 't'], ['scan.discovery', 'false', 't'], ['sources.jupiter.enabled', 'false', 't']] });
  assert.equal(cfg.sources.solana.metadata, true, 'on by default');
  // The security round runs every 5 clock seconds: 25 real ms.
  const clock = new AcceleratedClock(Date.parse('2025-09-04T15:00:00Z'), 200);
  const solana = new SolanaMintSource(solanaOptionsFrom(cfg.sources, clock));
  const sources: LiveSources = {
    dex: null, gecko: null, jup: null, birdeye: null, birdeyeWs: null, solana,
    status$: EMPTY, badData$: EMPTY, counters: () => new Map(), close: () => solana.close(),
  };
  const pushed: Input[] = [];
  const failures: unknown[] = [];
  const feeds = new Feeds({
    cfg, clock, sources, store, universe: newUniverse({ ...cfg.scan, minVolume24hUsd: 0 }),
    push: (i) => pushed.push(i), fatal: (e) => failures.push(e), warn: (_w, e) => failures.push(e),
  });
  try {
    feeds.start([CBRL.mint, BUTTERFLY.mint]);
    const onChain = () => pushed.filter((i): i is TokenInfo => i.kind === 'token' && i.source === 'solana');
    const end = Date.now() + 5_000;
    while ((onChain().length < 2 || !pushed.some((i) => i.kind === 'security')) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(failures, []);
    const by = new Map(onChain().map((t) => [t.mint, t]));
    for (const t of [universe.get(CBRL.mint)!, universe.get(BUTTERFLY.mint)!]) {
      assert.deepEqual([by.get(t.mint)?.symbol, by.get(t.mint)?.name, by.get(t.mint)?.decimals], [t.symbol, t.name, t.decimals]);
      assert.equal(store.getToken(t.mint)?.symbol, t.symbol, 'stored too');
    }
    const first = rpc.calls.find((c) => c.method === 'getMultipleAccounts')!.params[0] as string[];
    assert.equal(first.length, 4, 'two mints and their two metadata accounts, one call');
  } finally {
    await feeds.stop();
    await sources.close();
    store.close();
    await rpc.stop();
  }
});

test('a token record without an audit block does not erase the Jupiter audit the authority gates use', () => {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const e = new Engine(cfg, { emit: () => undefined });
  const T0 = 1_760_000_000_000;
  const base = { kind: 'token', mint: CBRL.mint, pool: null, decimals: 6, tokenProgram: null, holderCount: null, liquidityUsd: null, volume24hUsd: null } as const;
  const audit = { mintAuthorityDisabled: false, freezeAuthorityDisabled: false, topHoldersPct: 42, isSus: null };
  e.push({ ...base, knownAt: T0, ts: T0, source: 'jupiter', symbol: 'JUP?', name: 'From Jupiter', audit });
  e.push({ ...base, knownAt: T0 + 1000, ts: T0 + 1000, source: 'solana', symbol: 'CBRL', name: 'On chain', audit: null });
  const rec = e.tokens.get(CBRL.mint)!;
  assert.equal(e.stats.dropped.invalid, 0);
  assert.deepEqual(rec.token!.audit, audit);
  assert.equal(rec.symbol, 'CBRL', 'the symbol still follows the newest record');
  e.push({ ...base, knownAt: T0 + 2000, ts: T0 + 2000, source: 'jupiter', symbol: 'CBRL', name: 'x', audit: { ...audit, mintAuthorityDisabled: true } });
  assert.equal(rec.token!.audit!.mintAuthorityDisabled, true, 'a newer audit replaces the older one');
});
