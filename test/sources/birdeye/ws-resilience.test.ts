import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CBRL_MINT } from '../../fakes/birdeye-ws-data.js';
import { cleanCut, harness, sleep, waitFor, type Harness } from './ws-helpers.js';

const subscribed = (h: Harness, times: number) =>
  (h.fake.hits.get('SUBSCRIBE_PRICE') ?? 0) >= times && (h.fake.hits.get('SUBSCRIBE_TXS') ?? 0) >= times && h.fake.priceSubscriptions().some((s) => s.includes(CBRL_MINT));

test('after a dropped connection the source reconnects, resubscribes everything, and misses nothing the fake re-sends', async () => {
  const h = await harness();
  try {
    h.source.setAddresses([CBRL_MINT]);
    h.source.start();
    await waitFor(() => subscribed(h, 1), 'first subscription');
    const before = cleanCut(h.fake.feed, 30);
    h.fake.push(before);
    const cursorAtDrop = h.fake.cursor;
    await waitFor(() => h.candles.length + h.trades.length === before, 'records before the drop');
    h.fake.dropAll();
    assert.equal(h.fake.push(15), 0, 'messages sent while nobody is connected are lost');
    await waitFor(() => subscribed(h, 2), 'resubscription after reconnect');
    assert.equal(h.fake.hits.get('SUBSCRIBE_TOKEN_NEW_LISTING'), 2, 'discovery resubscribed too');
    h.fake.seek(cursorAtDrop);
    const total = cleanCut(h.fake.feed, before + 40);
    h.fake.push(total - before);
    const all = h.fake.feed.slice(0, total);
    await waitFor(() => h.candles.length + h.trades.length === total, 'records after the re-send');
    const tradeIds = all.flatMap((i) => (i.kind === 'txs' ? [`${i.trade.txHash}:2:0`] : []));
    assert.deepEqual(h.trades.map((t) => t.id), tradeIds, 'every swap once, in order');
    const minutes = new Set(all.flatMap((i) => (i.kind === 'price' ? [i.candle.ts * 1000] : [])));
    assert.deepEqual(new Set(h.candles.map((c) => c.start)), minutes, 'every minute');
    const states = h.statuses.map((s) => s.state);
    assert.ok(states.includes('retrying') && states.lastIndexOf('ok') > states.indexOf('retrying'), 'retrying, then ok again');
    assert.ok(h.statuses.at(-1)!.counters.retries >= 1);
  } finally {
    await h.close();
  }
});

test('garbage frames are counted as bad data and the stream keeps flowing', async () => {
  const h = await harness();
  try {
    h.source.setAddresses([CBRL_MINT]);
    h.source.start();
    await waitFor(() => subscribed(h, 1), 'subscription');
    for (let i = 0; i < 4; i++) h.fake.sendGarbage();
    const n = cleanCut(h.fake.feed, 10);
    h.fake.push(n);
    await waitFor(() => h.candles.length + h.trades.length === n && h.bad.length === 4, 'records and bad data');
    assert.deepEqual(h.bad.map((b) => b.field), ['body', 'body', 'type', 'data.unixTime']);
    assert.ok(h.bad.every((b) => b.source === 'birdeye' && b.endpoint === 'birdeye-ws#1'));
    assert.equal(h.fake.connections, 1, 'garbage did not cost the connection');
  } finally {
    await h.close();
  }
});

test('a rejected key (401 at the handshake) is fatal once, with a clear message and no reconnect loop', async () => {
  const h = await harness({ reconnectMinMs: 1, reconnectMaxMs: 2 }, 'wrong-key-123456');
  try {
    h.source.setAddresses([CBRL_MINT]);
    h.source.start();
    await waitFor(() => h.errors.length === 1, 'the fatal error');
    const err = h.errors[0] as Error & { code: string; status: number };
    assert.equal(err.code, 'BIRDEYE_API_KEY_REJECTED');
    assert.equal(err.status, 401);
    assert.match(err.message, /^BIRDEYE_API_KEY rejected/);
    assert.equal(h.statuses.at(-1)!.state, 'failed');
    assert.equal(h.source.connectionCount, 0);
    // Many reconnect periods later there has still been one handshake only.
    await sleep(40);
    assert.equal(h.fake.hits.get('handshake'), 1);
    const text = JSON.stringify(h.statuses) + err.message + err.stack;
    assert.ok(!text.includes('wrong-key-123456'), 'the key never appears');
  } finally {
    await h.close();
  }
});

test('a silent connection is detected by the heartbeat timeout, terminated and reopened', async () => {
  const h = await harness({ heartbeatTimeoutMs: 120 });
  try {
    h.source.setAddresses([CBRL_MINT]);
    h.source.start();
    await waitFor(() => subscribed(h, 1), 'subscription');
    h.fake.faults.silent = true;
    await waitFor(() => h.statuses.some((s) => s.state === 'stale'), 'a stale status');
    h.fake.faults.silent = false;
    await waitFor(() => subscribed(h, 2) && h.fake.connections === 1, 'the reopened, resubscribed connection');
    assert.ok((h.fake.hits.get('handshake') ?? 0) >= 2);
    const n = cleanCut(h.fake.feed, 6);
    h.fake.push(n);
    await waitFor(() => h.candles.length + h.trades.length === n, 'data on the new connection');
  } finally {
    await h.close();
  }
});

test('server pings keep a connection without data alive', async () => {
  const h = await harness({ heartbeatTimeoutMs: 100 }, undefined, { pingIntervalMs: 20 });
  try {
    h.source.setAddresses([CBRL_MINT]);
    h.source.start();
    await waitFor(() => subscribed(h, 1), 'subscription');
    await sleep(350);
    assert.equal(h.statuses.filter((s) => s.state === 'stale').length, 0);
    assert.equal(h.fake.hits.get('handshake'), 1);
  } finally {
    await h.close();
  }
});
