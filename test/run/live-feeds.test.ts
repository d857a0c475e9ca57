import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY } from 'rxjs';
import { loadConfig } from '../../src/config/load.js';
import { AcceleratedClock } from '../../src/clock/accelerated.js';
import type { Input } from '../../src/domain/market.js';
import { openStore, type Store } from '../../src/store/index.js';
import { JupiterClient } from '../../src/sources/jupiter/client.js';
import { SolanaMintSource, solanaOptionsFrom } from '../../src/sources/solana/mint-source.js';
import { Feeds } from '../../src/run/live/feeds.js';
import { newUniverse } from '../../src/run/live/universe.js';
import type { LiveSources } from '../../src/run/live/sources.js';
import { JupiterFake } from '../fakes/jupiter.js';
import { FakeSolanaRpc } from '../fakes/solana-rpc.js';
import { CBRL, realUniverse } from '../fakes/universe.js';

// The live feeds against the Jupiter and Solana RPC fakes (found by the soak test): a token-metadata lookup
// that failed for good (retries exhausted, a malformed body) dropped its mints, and nothing asked Jupiter
// about those tokens again for the rest of the run.
describe('live feeds: a failed metadata lookup is tried again', () => {
  const jupiter = new JupiterFake(realUniverse());
  const rpc = new FakeSolanaRpc();
  const urls = { jup: '', rpc: '' };
  let store: Store;
  before(async () => {
    rpc.addMint(CBRL.mint, { mintAuthority: null, freezeAuthority: null, decimals: 6 });
    urls.jup = await jupiter.start();
    urls.rpc = await rpc.start();
    store = openStore({ path: ':memory:' });
  });
  after(async () => {
    store.close();
    await Promise.all([jupiter.stop(), rpc.stop()]);
  });

  it('asks Jupiter again for a token whose metadata lookup failed', async () => {
    const cfg = loadConfig({
      presets: ['scan'], env: {},
      sets: [
        ['sources.jupiter.baseUrl', urls.jup, 't'], ['sources.solana.rpcUrls', urls.rpc, 't'],
        ['sources.http.retries', '1', 't'], ['sources.http.retryMinMs', '1', 't'], ['sources.http.batchWindowMs', '0', 't'], ['scan.discovery', 'false', 't'],
      ],
    });
    // The metadata round runs every 5 clock seconds: 25 real ms.
    const clock = new AcceleratedClock(Date.parse('2025-09-04T15:00:00Z'), 200);
    const deps = { http: cfg.sources.http, clock };
    const jup = new JupiterClient(cfg.sources.jupiter, deps);
    const solana = new SolanaMintSource(solanaOptionsFrom(cfg.sources, clock));
    const sources: LiveSources = {
      dex: null, gecko: null, jup, birdeye: null, birdeyeWs: null, solana,
      status$: EMPTY, badData$: EMPTY, counters: () => new Map(), close: async () => void (await Promise.all([jup.close(), solana.close()])),
    };
    const pushed: Input[] = [];
    const failures: unknown[] = [];
    jupiter.faults.burst5xx = 2;
    const feeds = new Feeds({
      cfg, clock, sources, store, universe: newUniverse({ ...cfg.scan, minVolume24hUsd: 0 }),
      push: (i) => pushed.push(i), fatal: (e) => failures.push(e), warn: (_what, e) => failures.push(e),
    });
    feeds.start([CBRL.mint]);
    const metadata = () => pushed.find((i) => i.kind === 'token' && i.source === 'jupiter');
    const end = Date.now() + 5_000;
    while (!metadata() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await feeds.stop();
    await sources.close();
    assert.equal(failures.length, 1, 'the first lookup should have failed for good');
    const info = metadata();
    assert.ok(info && info.kind === 'token' && info.mint === CBRL.mint, 'no Jupiter metadata after the failed lookup');
    assert.equal(info.symbol, 'CBRL');
    assert.equal(jupiter.seen('search').length, 3);
  });
});
