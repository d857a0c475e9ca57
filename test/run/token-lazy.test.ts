import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import type { Candle, Input, Trade } from '../../src/domain/market.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';

// A token's rarely used state is made on first use: the trade ids of its forming minute beyond the first and
// the prices of its other pools. De-duplication and cross-pool prices must work the same whichever is made.

const W = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS); // a 4h boundary
const cfg = loadConfig({ presets: ['replay'], env: {} });

const trade = (ts: number, id: string | null, pool = 'POOL'): Trade => ({ kind: 'trade', knownAt: ts, mint: 'MINT', pool, source: 'file', ts, priceUsd: 1.25, volumeUsd: 5, side: 'buy', id });
const candle = (start: number, pool: string, close: number): Candle => ({
  kind: 'candle', knownAt: start + MINUTE_MS, mint: 'MINT', pool, source: 'file', start, intervalMs: MINUTE_MS, open: close, high: close, low: close, close, volumeUsd: 10, final: true,
});

function run(inputs: Input[]) {
  const e = new Engine(cfg, { emit: () => {} });
  for (const i of inputs) e.push(i);
  return e;
}

describe('lazy per-token state', () => {
  it('drops a repeated trade id of the forming minute whether it was the first, second or a later id', () => {
    const cases: [string[], number][] = [
      [['a', 'a'], 1],
      [['a', 'b', 'b'], 1],
      [['a', 'b', 'a'], 1],
      [['a', 'b', 'c', 'b', 'a', 'c'], 3],
      [['a', 'b', 'c', 'd'], 0],
    ];
    for (const [ids, dups] of cases) {
      const e = run(ids.map((id, i) => trade(W + 1_000 * (i + 1), id)));
      assert.equal(e.stats.dropped.duplicate, dups, ids.join(','));
      assert.equal(e.stats.applied, ids.length - dups, ids.join(','));
    }
  });

  it('forgets the ids of a minute once the next one forms: the same ids are applied again', () => {
    const ids = ['a', 'b', 'c'];
    const e = run([...ids.map((id, i) => trade(W + 1_000 * (i + 1), id)), ...ids.map((id, i) => trade(W + MINUTE_MS + 1_000 * (i + 1), id))]);
    assert.equal(e.stats.dropped.duplicate, 0);
    assert.equal(e.stats.applied, 6);
  });

  it('makes no id set for a minute of one trade and no pool map for a token of one pool', () => {
    const e = run([trade(W + 1_000, 'a'), trade(W + MINUTE_MS + 1_000, 'b'), trade(W + 2 * MINUTE_MS, null)]);
    const rec = e.tokens.get('MINT')!;
    assert.equal(rec.tradeIds, null);
    assert.equal(rec.otherPools, null);
    const candles = run([candle(W, 'POOL', 1), candle(W + MINUTE_MS, 'POOL', 1.1)]).tokens.get('MINT')!;
    assert.equal(candles.tradeIds, null);
    assert.equal(candles.otherPools, null);
  });

  it('keeps the latest price of each other pool once one shows up', () => {
    const e = run([candle(W, 'POOL', 1), candle(W, 'OTHER', 1.5), candle(W + MINUTE_MS, 'OTHER', 1.75), candle(W + MINUTE_MS, 'THIRD', 2)]);
    const rec = e.tokens.get('MINT')!;
    assert.equal(rec.lead, 'POOL');
    assert.deepEqual([...rec.otherPools!].map(([pool, p]) => [pool, p.priceUsd, p.at]), [['OTHER', 1.75, W + MINUTE_MS], ['THIRD', 2, W + MINUTE_MS]]);
    assert.equal(e.stats.secondary, 3);
  });
});
