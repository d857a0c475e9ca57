import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { needsShared, sharedPath } from '../../support/shared-data.js';
import { txsDataToTrade, newListingToDiscovery } from '../../../src/sources/birdeye/ws-map.js';
import { Engine } from '../../../src/run/engine.js';
import { loadConfig } from '../../../src/config/load.js';
import type { Trade } from '../../../src/domain/market.js';
import type { TxsDataWire } from '../../../src/sources/birdeye/ws-wire.js';
import { newPools } from '../../fakes/birdeye-ws-data.js';
import { harness, waitFor } from './ws-helpers.js';

const TRUMP = '6p6xgHyF7AeE6TZkSmFsko444wqoP15icUSqi2jfGiPN';
type Frame = { type: string; data: TxsDataWire & Record<string, unknown> };
const recorded = (): Frame => JSON.parse(readFileSync(sharedPath('recorded-api', 'birdeye', 'onekey__txs_data_trump.json'), 'utf8'));
/** The recorded swap and a sibling of the same transaction that differs only by instruction index (as real frames do). */
const siblings = (f: Frame): Frame[] => [f, { ...f, data: { ...f.data, insIndex: 3 } }, { ...f, data: { ...f.data, innerInsIndex: 5 } }];

test('swaps of one transaction get distinct ids from insIndex / innerInsIndex (recorded TXS_DATA)', needsShared(), () => {
  const f = recorded();
  const ids = siblings(f).map((x) => (txsDataToTrade(x.data, 1, new Set([TRUMP])) as Trade).id);
  assert.equal(new Set(ids).size, 3, `ids ${ids.join(' ')}`);
  assert.ok(ids.every((id) => id!.startsWith(f.data.txHash!)), 'the hash stays the base of the id');
  const again = txsDataToTrade(structuredClone(f.data), 2, new Set([TRUMP])) as Trade;
  assert.equal(again.id, ids[0], 'the same swap repeated keeps its id');
  const t = txsDataToTrade(f.data, 1, new Set([TRUMP])) as Trade;
  assert.deepEqual([t.mint, t.side, t.volumeUsd, t.ts], [TRUMP, 'sell', 59.421674, 1757993777_000]);
});

test('the recorded frame and its sibling both reach the engine over the WebSocket; only a true repeat is dropped', needsShared(), async () => {
  const h = await harness();
  try {
    h.source.setAddresses([TRUMP]);
    h.source.start();
    await waitFor(() => (h.fake.hits.get('SUBSCRIBE_TXS') ?? 0) > 0, 'transaction subscription');
    const [first, sibling] = siblings(recorded());
    for (const frame of [first, sibling, first]) assert.equal(h.fake.pushRaw(frame), 1);
    await waitFor(() => h.trades.length === 3, 'three swaps');
    const engine = new Engine(loadConfig({ presets: ['replay'], env: {} }), { emit: () => undefined });
    for (const t of h.trades) engine.push({ ...t, knownAt: t.ts + 1000 });
    assert.equal(engine.stats.dropped.duplicate, 1, 'the verbatim repeat only');
  } finally {
    await h.close();
  }
});

test('a listing time sent as ISO-8601 is read like unix seconds', () => {
  assert.equal((newListingToDiscovery({ address: TRUMP, liquidityAddedAt: '2025-09-16T03:36:17Z' }, 7) as { at: number }).at, Date.UTC(2025, 8, 16, 3, 36, 17));
  assert.equal((newListingToDiscovery({ address: TRUMP, liquidityAddedAt: '2025-09-16T03:36:17' }, 7) as { at: number }).at, Date.UTC(2025, 8, 16, 3, 36, 17), 'zone-less is UTC');
  assert.equal((newListingToDiscovery({ address: TRUMP, liquidityAddedAt: 1757993777 }, 7) as { at: number }).at, 1757993777_000, 'seconds as documented');
  assert.equal((newListingToDiscovery({ address: TRUMP, liquidityAddedAt: 'soon' }, 7) as { at: number }).at, 7, 'unreadable: receipt time');
});

// The fake streams the real new pools of ../shared/data (newPools), so this one needs it.
test('the WebSocket fake\'s ISO listing times reach the discoveries as the pools\' creation times', needsShared(), async () => {
  const h = await harness();
  try {
    h.fake.listingTimeAsIso = true;
    h.source.start();
    await waitFor(() => (h.fake.hits.get('SUBSCRIBE_TOKEN_NEW_LISTING') ?? 0) > 0, 'listing subscription');
    h.fake.pushDiscoveries(3);
    await waitFor(() => h.discoveries.filter((d) => d.via === 'new_listing').length === 3, 'listings');
    const listings = h.discoveries.filter((d) => d.via === 'new_listing');
    assert.deepEqual(listings.map((d) => d.at), newPools(3).map((p) => p.createdSec * 1000));
  } finally {
    await h.close();
  }
});
