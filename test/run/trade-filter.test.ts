// Dust and outlier trades: the pure check, the engine hook, and real recorded swaps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import { newPriceRing, tradeFilterVerdict, type TradeFilterConfig } from '../../src/run/trade-filter.js';
import { openReplayInputs } from '../../src/sources/recorded/index.js';
import type { Input, Trade } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';
import { needsShared, sharedPath } from '../support/shared-data.js';
import { decodeRecorded } from '../../src/run/commands/decode.js';
import { readRecordedTxs } from '../../src/sources/chain/recorded/index.js';
import { fixturePath, TX_PARSER } from '../sources/chain/fixtures.js';

const CFG: TradeFilterConfig = { minTradeUsd: 1, maxPriceRatio: 5, medianTrades: 15, minMedianTrades: 3, medianMaxAgeMs: 3_600_000 };
const T0 = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS);
const trade = (ts: number, priceUsd: number, volumeUsd: number, id = `t${ts}:${priceUsd}`): Trade =>
  ({ kind: 'trade', knownAt: ts, mint: 'MINT', pool: 'POOL', source: 'file', ts, priceUsd, volumeUsd, side: 'buy', id });

/** Verdicts of a sequence of (price, volume) trades one second apart. */
function verdicts(xs: Array<[number, number]>, cfg = CFG): Array<string | null> {
  const ring = newPriceRing(cfg.medianTrades);
  return xs.map(([p, v], i) => tradeFilterVerdict(ring, trade(T0 + i * 1000, p, v), cfg));
}

describe('trade filter (pure)', () => {
  it('drops dust under the USD floor, zero-volume trades included; 0 turns the floor off', () => {
    assert.deepEqual(verdicts([[1, 0], [1, 0.99], [1, 1]]), ['trade_below_min_usd', 'trade_below_min_usd', null]);
    assert.deepEqual(verdicts([[1, 0]], { ...CFG, minTradeUsd: 0 }), [null]);
  });

  it('judges nothing before minMedianTrades trades are known', () => {
    assert.deepEqual(verdicts([[1, 50], [100, 10], [1, 50]]), [null, null, null]);
  });

  it('drops a small trade priced more than 5x above or below the median, keeps one at 4.9x', () => {
    const base: Array<[number, number]> = [[1, 100], [1.1, 100], [0.9, 100], [1, 100]];
    assert.deepEqual(verdicts([...base, [6, 10]]).at(-1), 'price_far_from_median');
    assert.deepEqual(verdicts([...base, [0.19, 10]]).at(-1), 'price_far_from_median');
    assert.deepEqual(verdicts([...base, [4.9, 10]]).at(-1), null);
  });

  it('believes a far-off trade at least as large as the median trade (a real crash or pump)', () => {
    assert.deepEqual(verdicts([[1, 100], [1, 100], [1, 100], [0.01, 100]]).at(-1), null);
  });

  it('accepts a repricing once it makes up half the recent trades (outliers still count for the median)', () => {
    const v = verdicts([[1, 100], [1, 100], [1, 100], [10, 5], [10, 5], [10, 5], [10, 5]]);
    // The 7th trade sees three trades at 1 and three at 10: the median is 5.5 and 10 is within 5x of it.
    assert.deepEqual(v, [null, null, null, 'price_far_from_median', 'price_far_from_median', 'price_far_from_median', null]);
  });

  it('forgets trades older than medianMaxAgeMs', () => {
    const ring = newPriceRing(15);
    for (let i = 0; i < 3; i++) tradeFilterVerdict(ring, trade(T0 + i, 1, 100), CFG);
    assert.equal(tradeFilterVerdict(ring, trade(T0 + 3_600_000 + 10, 50, 5), CFG), null);
  });
});

/**
 * The filter by its definition, with the recent trades as a plain list (newest last, at most `medianTrades`);
 * `held` gets the event times of the trades it holds after each trade.
 */
function referenceVerdicts(xs: Trade[], cfg: TradeFilterConfig, held: number[][] = []): Array<string | null> {
  const recent: Trade[] = [];
  const med = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return xs.map((t) => {
    held.push(recent.map((r) => r.ts));
    if (cfg.minTradeUsd > 0 && !(t.volumeUsd >= cfg.minTradeUsd)) return 'trade_below_min_usd';
    if (cfg.maxPriceRatio <= 0) return null;
    const window = recent.filter((r) => r.ts >= t.ts - cfg.medianMaxAgeMs);
    recent.push(t);
    if (recent.length > cfg.medianTrades) recent.shift();
    held[held.length - 1] = recent.map((r) => r.ts);
    if (window.length < Math.max(1, cfg.minMedianTrades)) return null;
    const price = med(window.map((r) => r.priceUsd));
    if (t.volumeUsd >= med(window.map((r) => r.volumeUsd))) return null;
    return t.priceUsd > price * cfg.maxPriceRatio || t.priceUsd * cfg.maxPriceRatio < price ? 'price_far_from_median' : null;
  });
}

describe('trade filter ring (grows with the token\'s trades, then overwrites the oldest)', () => {
  it('gives the verdicts of the definition on seeded random trades, before, at and long after the ring fills', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const medianTrades of [1, 2, 3, 7, 15]) {
      for (const minMedianTrades of [1, 3]) {
        const cfg = { ...CFG, medianTrades, minMedianTrades, medianMaxAgeMs: 60_000 };
        let ts = T0;
        const xs: Trade[] = Array.from({ length: 400 }, () => {
          // Gaps now and then longer than the median's age; prices near 1 with far-off prints; some dust.
          ts += rnd() < 0.05 ? 90_000 : Math.floor(rnd() * 5000);
          // Far-off prints are small (under the usual trade, so they are judged); dust is under the $1 floor.
          const far = rnd() < 0.15;
          const price = far ? (rnd() < 0.5 ? 20 : 0.02) * (1 + rnd()) : 1 + rnd() * 0.2;
          const volume = far ? 1 + rnd() * 3 : rnd() < 0.1 ? rnd() : 5 + rnd() * 200;
          return trade(ts, price, volume);
        });
        const wantHeld: number[][] = [];
        const want = referenceVerdicts(xs, cfg, wantHeld);
        // A ring smaller than minMedianTrades never has enough trades to judge by.
        assert.equal(want.includes('price_far_from_median'), medianTrades >= minMedianTrades);
        assert.ok(want.includes('trade_below_min_usd') && want.includes(null));
        const ring = newPriceRing(cfg.medianTrades);
        const heldTimes = () => ring.slots.filter((_, i) => i % 3 === 2).sort((a, b) => a - b);
        xs.forEach((t, i) => {
          assert.equal(tradeFilterVerdict(ring, t, cfg), want[i], `trade ${i}, medianTrades ${medianTrades}, minMedianTrades ${minMedianTrades}`);
          // Exactly the last medianTrades non-dust trades: the oldest is the one overwritten.
          assert.deepEqual(heldTimes(), wantHeld[i], `held after trade ${i}, medianTrades ${medianTrades}`);
        });
        assert.equal(ring.size, Math.min(medianTrades, want.filter((v) => v !== 'trade_below_min_usd').length));
        assert.ok(ring.slots.length <= 3 * medianTrades, 'never holds more than its capacity');
      }
    }
  });

  it('a new token holds only what it traded: one trade, one slot', () => {
    const ring = newPriceRing(15);
    tradeFilterVerdict(ring, trade(T0, 1, 100), CFG);
    assert.equal(ring.size, 1);
    assert.equal(ring.slots.length, 3);
  });
});

describe('trade filter in the engine', () => {
  const cfg = loadConfig({ presets: ['replay'], env: {} });

  it('a dust trade never sets the window\'s high: dropped as invalid, counted, the window closes on real trades', () => {
    const events: ScanEvent[] = [];
    const e = new Engine(cfg, { emit: (x) => events.push(x) });
    for (const t of [trade(T0, 1, 100), trade(T0 + MINUTE_MS, 1.02, 100), trade(T0 + 2 * MINUTE_MS, 1.01, 100), trade(T0 + 3 * MINUTE_MS, 44_300, 0), trade(T0 + 4 * MINUTE_MS, 1.03, 50)]) e.push(t);
    e.finish(T0 + FOUR_HOUR_MS + 1);
    const dropped = events.filter((x) => x.type === 'dropped');
    assert.equal(dropped.length, 1);
    assert.equal(e.stats.dropped.invalid, 1);
    const w = events.find((x) => x.type === 'window');
    assert.ok(w && w.type === 'window');
    assert.equal(w.bar.high, 1.03);
    assert.equal(events.filter((x) => x.type === 'confirmation').length, 0);
  });

  it('real dust swaps: the OKX route\'s CPMM and CLMM legs ($0.002 each at 135 USD/SOL) are dropped; the 4-buy bundle ($52-55 each) is kept', () => {
    const txs = [...readRecordedTxs(fixturePath(`${TX_PARSER}/pumpfun_buy_bundle.json`)), ...readRecordedTxs(fixturePath(`${TX_PARSER}/OKXDEX_swap_0.json`))];
    const { lines } = decodeRecorded(txs, 135);
    const trades: Trade[] = lines.map((l) => ({ kind: 'trade', knownAt: l.ts!, mint: l.mint, pool: l.pool, source: 'chain', ts: l.ts!, priceUsd: l.priceUsd!, volumeUsd: l.volumeUsd!, side: l.side, id: `${l.signature}:${l.ordinal}` }));
    assert.equal(trades.length, 6);
    const events: ScanEvent[] = [];
    const e = new Engine(cfg, { emit: (x) => events.push(x) });
    for (const t of trades) e.push(t);
    const dropped = events.flatMap((x) => (x.type === 'dropped' ? [[x.mint, x.detail]] : []));
    assert.deepEqual(dropped, [['7atgF8KQo4wJrD5ATGX7t1V2zVvykPJbFfNeVf1icFv1', 'trade_below_min_usd'], ['ED5nyyWEzpPPiWimP8vYm7sD7TD3LAt3Q3gRTWHzPJBY', 'trade_below_min_usd']]);
  });
});

describe('trade filter on the recorded GeckoTerminal trades', () => {
  /** Replays trade files through an engine with the given input settings; returns its events. */
  async function replay(files: string[], sets: Record<string, number>): Promise<ScanEvent[]> {
    const cfg = loadConfig({ presets: ['replay'], env: {}, sets: Object.entries(sets).map(([k, v]) => [k, String(v), k]) });
    const events: ScanEvent[] = [];
    const e = new Engine(cfg, { emit: (x) => events.push(x) });
    const inputs = await openReplayInputs(files);
    let last = 0;
    for await (const batch of inputs.batches()) for (const i of batch as Input[]) {
      e.push(i);
      last = i.knownAt;
    }
    e.finish(last + FOUR_HOUR_MS);
    return events;
  }
  const strip = (xs: ScanEvent[]) => xs.filter((x) => x.type === 'confirmation' || x.type === 'ignition').map((x) => JSON.stringify(x));

  it('changes no signal of 1,000 real swaps; drops only small trades of one pool\'s crash, at prices 5x+ off', needsShared(), async () => {
    const files = [sharedPath('snogcel__geckoterminal_collector', 'CASE_STUDY', 'trades_2025_10_05.csv'), sharedPath('snogcel__geckoterminal_collector', 'specs', 'QA', 'trades.csv'),
      sharedPath('snogcel__geckoterminal_collector', 'specs', 'get_trades.csv')];
    const off = await replay(files, { 'input.minTradeUsd': 0, 'input.maxTradePriceRatio': 0 });
    const on = await replay(files, {});
    assert.deepEqual(strip(on), strip(off));
    assert.ok(strip(on).length > 0, 'the data has signals to compare');
    const dropped = on.filter((x) => x.type === 'dropped');
    assert.equal(off.filter((x) => x.type === 'dropped').length, 0);
    // Every drop is in the rugged pool 2Ausg8... (a 50x fall in three minutes), and few.
    assert.ok(dropped.length > 0 && dropped.length <= 10, `${dropped.length} dropped`);
    for (const d of dropped) assert.equal(d.pool, '2Ausg8ScDHmATwzUVavkQC5fmp59CdvXeHgSTFi4gTQL');
  });
});
