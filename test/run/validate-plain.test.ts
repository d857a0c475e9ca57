import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plainCandle, plainCandleLimits, recordProblem, type InputLimits } from '../../src/run/validate.js';
import type { Candle } from '../../src/domain/market.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';

// The column path checks each row with plainCandle() and asks recordProblem() only when it says no: it must
// never pass a candle recordProblem() would drop, and it should pass the ordinary ones.

const LIM: InputLimits = { maxFutureSkewMs: 120_000, maxPriceUsd: 1e6, maxVolumeUsd: 1e10 };
const T0 = 1_755_993_600_000;

function candle(over: Partial<Candle> = {}): Candle {
  const c: Candle = {
    kind: 'candle', knownAt: 0, mint: 'Mint1111', pool: 'Pool1111', source: 'file', start: T0, intervalMs: MINUTE_MS,
    open: 1.5, high: 1.75, low: 1.25, close: 1.6, volumeUsd: 250, final: true, ...over,
  };
  c.knownAt = c.start + c.intervalMs;
  return c;
}

/** Each way a row can be wrong, one field at a time (and a few that are fine but unusual). */
const CASES: [string, Partial<Candle>][] = [
  ['ordinary', {}],
  ['5m', { intervalMs: 5 * MINUTE_MS }],
  ['1d aligned', { intervalMs: 6 * FOUR_HOUR_MS, start: T0 - (T0 % (6 * FOUR_HOUR_MS)) }],
  ['1d not aligned (allowed above 4h)', { intervalMs: 6 * FOUR_HOUR_MS }],
  ['no token id', { mint: null, pool: null }],
  ['pool only', { mint: null }],
  ['fractional interval', { intervalMs: 60_000.5 }],
  ['zero interval', { intervalMs: 0 }],
  ['negative interval', { intervalMs: -MINUTE_MS }],
  ['NaN interval', { intervalMs: NaN }],
  ['huge interval', { intervalMs: 2 ** 33 }],
  ['seconds for ms', { start: 1_755_993_600 }],
  ['start NaN', { start: NaN }],
  ['start Infinity', { start: Infinity }],
  ['start -Infinity', { start: -Infinity }],
  ['start not aligned', { start: T0 + 1 }],
  ['start fractional', { start: T0 + 0.5 }],
  ['open zero', { open: 0 }],
  ['open negative', { open: -1 }],
  ['open NaN', { open: NaN }],
  ['high Infinity', { high: Infinity }],
  ['low above cap', { low: 2e6, high: 3e6, open: 2.5e6, close: 2.5e6 }],
  ['close NaN', { close: NaN }],
  ['high below low', { high: 1.2, low: 1.3, open: 1.25, close: 1.25 }],
  ['open above high', { open: 1.8 }],
  ['close below low', { close: 1.2 }],
  ['open at high within tolerance', { open: 1.75 * (1 + 1e-10) }],
  ['volume negative', { volumeUsd: -1 }],
  ['volume NaN', { volumeUsd: NaN }],
  ['volume Infinity', { volumeUsd: Infinity }],
  ['volume above cap', { volumeUsd: 2e10 }],
  ['volume zero', { volumeUsd: 0 }],
];

describe('plainCandle(): the column path row check', () => {
  it('never passes a candle recordProblem() drops, at the clock or after it', () => {
    for (const [name, over] of CASES) {
      const c = candle(over);
      for (const lag of [0, 1, 3_600_000]) {
        const now = (Number.isFinite(c.knownAt) ? c.knownAt : T0) + lag;
        if (plainCandle(c, LIM)) assert.equal(recordProblem(c, now, LIM), null, `${name}, clock +${lag} ms`);
      }
    }
  });

  it('passes the ordinary candles (those recordProblem() accepts on the 1m-4h grid)', () => {
    for (const name of ['ordinary', '5m', '1d aligned', 'pool only', 'open at high within tolerance', 'volume zero']) {
      const c = candle(CASES.find(([n]) => n === name)![1]);
      assert.equal(recordProblem(c, c.knownAt, LIM), null, name);
      assert.ok(plainCandle(c, LIM), name);
    }
  });

  it('is only used under limits it can stand for: finite caps and no negative skew', () => {
    assert.ok(plainCandleLimits(LIM));
    assert.ok(!plainCandleLimits({ ...LIM, maxPriceUsd: Infinity }));
    assert.ok(!plainCandleLimits({ ...LIM, maxVolumeUsd: NaN }));
    assert.ok(!plainCandleLimits({ ...LIM, maxFutureSkewMs: -1 }));
  });
});
