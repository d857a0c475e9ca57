import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CBRL_MINT, CBRL_POOL, cbrlCandles, newPools } from '../../fakes/birdeye-ws-data.js';
import { testAddress } from '../../fakes/solana-rpc-mints.js';
import type { FeedItem } from '../../fakes/birdeye-ws-feed.js';
import { cleanCut, harness, waitFor, type Harness } from './ws-helpers.js';
import { needsShared } from '../../support/shared-data.js';

const subscribedTo = (h: Harness, mint: string) => h.fake.priceSubscriptions().some((s) => s.includes(mint));
const counts = (items: FeedItem[]) => ({ price: items.filter((i) => i.kind === 'price').length, txs: items.filter((i) => i.kind === 'txs').length });
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Checks the received candles and trades against the CSV rows behind `items`. */
function assertMatchesCsv(h: Harness, items: FeedItem[], withInsIndex = true): void {
  const csv = new Map(cbrlCandles().map((c) => [c.ts * 1000, c]));
  const lastByStart = new Map(h.candles.map((c) => [c.start, c]));
  const starts = new Set(items.filter((i) => i.kind === 'price').map((i) => (i as Extract<FeedItem, { kind: 'price' }>).candle.ts * 1000));
  assert.deepEqual(new Set(lastByStart.keys()), starts, 'a candle for every streamed minute');
  for (const [start, c] of lastByStart) {
    const row = csv.get(start)!;
    assert.equal(c.mint, CBRL_MINT);
    assert.equal(c.intervalMs, 60_000);
    assert.equal(c.final, false);
    assert.deepEqual([c.open, c.high, c.low, c.close], [row.open, row.high, row.low, row.close]);
    assert.ok(near(c.volumeUsd, row.volumeUsd), `volume ${c.volumeUsd} vs ${row.volumeUsd}`);
  }
  const expected = items.filter((i) => i.kind === 'txs').map((i) => (i as Extract<FeedItem, { kind: 'txs' }>).trade);
  // The fake's frames carry insIndex 2 / innerInsIndex 0 like real ones; without them the hash alone is the id.
  assert.deepEqual(h.trades.map((t) => t.id), expected.map((t) => (withInsIndex ? `${t.txHash}:2:0` : t.txHash)));
  h.trades.forEach((t, i) => {
    const row = expected[i];
    assert.equal(t.ts, row.ts * 1000);
    assert.equal(t.side, row.side);
    assert.equal(t.volumeUsd, row.volumeUsd);
    assert.ok(near(t.priceUsd, row.volumeUsd / row.tokenAmount), `price ${t.priceUsd}`);
    assert.equal(t.mint, CBRL_MINT);
    assert.equal(t.pool, CBRL_POOL);
  });
}

test('subscribed candles and trades arrive as domain records carrying the CSV values', needsShared(), async () => {
  const h = await harness();
  try {
    h.source.setAddresses([CBRL_MINT]);
    h.source.start();
    await waitFor(() => subscribedTo(h, CBRL_MINT) && (h.fake.hits.get('SUBSCRIBE_TXS') ?? 0) > 0, 'subscriptions');
    const cut = cleanCut(h.fake.feed, 120);
    const items = h.fake.feed.slice(0, cut);
    const n = counts(items);
    assert.ok(n.price > 10 && n.txs > 10, 'the slice holds both kinds');
    h.fake.push(cut);
    await waitFor(() => h.candles.length === n.price && h.trades.length === n.txs, 'all pushed records');
    assertMatchesCsv(h, items);
    // The forming update of a minute comes first with the same start, then the full candle replaces it.
    const first = h.candles[0];
    assert.equal(h.candles.filter((c) => c.start === first.start).length, 2);
    assert.ok(h.candles.every((c) => c.knownAt > 1.7e12), 'knownAt is the receipt clock time');
    h.fake.pushDiscoveries(5);
    await waitFor(() => h.discoveries.length === 10, 'discoveries');
    const pools = newPools(5);
    const listings = h.discoveries.filter((d) => d.via === 'new_listing');
    assert.deepEqual(listings.map((d) => d.mint), pools.map((p) => p.mint));
    listings.forEach((d, i) => assert.ok(near(d.liquidityUsd!, pools[i].liquidityUsd)));
    const pairs = h.discoveries.filter((d) => d.via === 'new_pair');
    assert.deepEqual(pairs.map((d) => d.pool), pools.map((p) => p.pool));
    assert.deepEqual(pairs.map((d) => d.at), pools.map((p) => p.createdSec * 1000));
    assert.equal(h.bad.length, 0);
    assert.ok(!JSON.stringify(h.statuses).includes(h.fake.apiKey), 'the key never appears in statuses');
  } finally {
    await h.close();
  }
});

test('complex subscriptions (many addresses) still map swaps: side from the token leg, price from nearestPrice when price is null', needsShared(), async () => {
  const h = await harness();
  try {
    h.fake.faults.dropOptional = true;
    h.source.setAddresses([CBRL_MINT, testAddress(5)]);
    h.source.start();
    await waitFor(() => subscribedTo(h, CBRL_MINT) && (h.fake.hits.get('SUBSCRIBE_TXS') ?? 0) > 0, 'subscriptions');
    const cut = cleanCut(h.fake.feed, 80);
    const items = h.fake.feed.slice(0, cut);
    h.fake.push(cut);
    await waitFor(() => h.trades.length === counts(items).txs && h.candles.length === counts(items).price, 'records');
    assertMatchesCsv(h, items, false);
  } finally {
    await h.close();
  }
});

test('more than 100 addresses open a second connection; discovery rides on one of them', async () => {
  const h = await harness();
  try {
    const addresses = [CBRL_MINT, ...Array.from({ length: 149 }, (_, i) => testAddress(1000 + i))];
    h.source.setAddresses(addresses);
    h.source.start();
    await waitFor(() => h.fake.priceSubscriptions().filter((s) => s.length > 0).length === 2, 'two subscribed connections');
    assert.equal(h.source.connectionCount, 2);
    const subs = h.fake.priceSubscriptions().map((s) => s.length).sort((a, b) => b - a);
    assert.deepEqual(subs, [100, 50]);
    assert.deepEqual(new Set(h.fake.priceSubscriptions().flat()), new Set(addresses));
    assert.equal(h.fake.hits.get('SUBSCRIBE_TOKEN_NEW_LISTING'), 1);
    assert.equal(h.fake.hits.get('SUBSCRIBE_NEW_PAIR'), 1);
    h.source.setAddresses(addresses.slice(0, 60));
    await waitFor(() => h.fake.connections === 1, 'the emptied connection closes');
    assert.equal(h.source.connectionCount, 1);
  } finally {
    await h.close();
  }
});
