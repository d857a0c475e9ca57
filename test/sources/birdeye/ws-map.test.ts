import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inertText, newListingToDiscovery, priceDataToCandle, txsDataToTrade } from '../../../src/sources/birdeye/ws-map.js';
import { assignAddresses, subscribePrice } from '../../../src/sources/birdeye/ws-messages.js';

const A = '3wEbogFD59ihp6BMG3fSWN3pmJZz7aHZWo1TQrbsLuMD';
const SOL = 'So11111111111111111111111111111111111111112';

test('PRICE_DATA interval labels map to intervalMs and bad candles are rejected with the field named', () => {
  const base = { o: 1, h: 2, l: 0.5, c: 1.5, v: 10, unixTime: 1760000460, address: A };
  for (const [type, ms] of [['1m', 60_000], ['5m', 300_000], ['1H', 3_600_000]] as const) {
    const c = priceDataToCandle({ ...base, type }, 5);
    assert.ok(!('rejected' in c) && c.intervalMs === ms && c.start === 1760000460_000 && c.volumeUsd === 15);
  }
  const cases: Array<[object, string]> = [
    [{ ...base, type: '1M' }, 'data.type'],
    [{ ...base, type: '1m', h: 0.1 }, 'data.h'],
    [{ ...base, type: '1m', c: -1 }, 'data.c'],
    [{ ...base, type: '1m', unixTime: undefined }, 'data.unixTime'],
    [{ ...base, type: '1m', address: '' }, 'data.address'],
  ];
  for (const [wire, field] of cases) assert.equal((priceDataToCandle(wire, 5) as { field: string }).field, field);
});

test('TXS_DATA without optional fields falls back to the leg price, nearestPrice and amount x price', () => {
  const leg = (address: string, typeSwap: string, ui: number, price: number | null, nearest: number) => ({ address, typeSwap, uiAmount: ui, price, nearestPrice: nearest });
  const bare = { blockUnixTime: 1760000505, from: leg(A, 'from', 1000, null, 0.002), to: leg(SOL, 'to', 0.01, 200, 200) };
  const t = txsDataToTrade(bare, 9, new Set([A]));
  assert.ok(!('rejected' in t));
  assert.equal(t.priceUsd, 0.002);
  assert.equal(t.volumeUsd, 2);
  assert.equal(t.side, 'sell');
  assert.equal(t.id, null);
  assert.equal(t.pool, null);
  assert.equal((txsDataToTrade(bare, 9, new Set()) as { field: string }).field, 'data.from/to');
});

test('new listing liquidity is a string on the wire and names are made inert', () => {
  const d = newListingToDiscovery({ address: A, name: 'Cat\u001b[31m Zone\u0007', symbol: 'CATZ\u202e', liquidity: '15890.204511', liquidityAddedAt: 1760000470 }, 1);
  assert.ok(!('rejected' in d));
  assert.equal(d.liquidityUsd, 15890.204511);
  assert.equal(d.name, 'Cat Zone');
  assert.equal(d.symbol, 'CATZ');
  assert.equal(d.at, 1760000470_000);
  assert.equal(inertText(42), null);
});

test('addresses fill connections up to the cap and keep their earlier connection', () => {
  const groups = assignAddresses([['a', 'b']], ['b', 'c', 'd', 'e'], 2);
  assert.deepEqual(groups, [['b', 'c'], ['d', 'e']]);
  const msg = subscribePrice(['x', 'y'], '1m') as { data: { query: string } };
  assert.equal(msg.data.query, '(address = x AND chartType = 1m AND currency = usd) OR (address = y AND chartType = 1m AND currency = usd)');
});
