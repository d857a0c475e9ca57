// Order-flow features from trades that name their trader: unique traders per 4h window, the creator's
// sells, the share bought in the creation slot. Driven with real decoded pump.fun swaps where the data has
// them (create + dev buy in one transaction; a bundle of four buys in one slot), else tables.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addTradeToFlow, newTradeFlow, tradeFlowSnapshot } from '../../src/confidence/trade-flow.js';
import { computeFeatures } from '../../src/confidence/features.js';
import { loadConfig } from '../../src/config/load.js';
import type { Trade } from '../../src/domain/market.js';
import type { SignalContext } from '../../src/domain/context.js';
import { FOUR_HOUR_MS } from '../../src/domain/time.js';
import { decodeTx } from '../../src/sources/chain/decode.js';
import type { DecodedSwap } from '../../src/sources/chain/types.js';
import { recordedOne, CHAINSTACK, TX_PARSER } from '../sources/chain/fixtures.js';
import { Engine } from '../../src/run/engine.js';
import { confidenceHook } from '../../src/confidence/index.js';
import type { ScanEvent } from '../../src/domain/signals.js';

const W = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS);
const t = (ts: number, side: 'buy' | 'sell', usd: number, user: string | null, creator: string | null = null): Trade =>
  ({ kind: 'trade', knownAt: ts, mint: 'M', pool: 'P', source: 'chain', ts, priceUsd: 1, volumeUsd: usd, side, id: `${ts}${user}`, user, creator });

/** A decoded real swap as the tap would hand it on (USD at a fixed SOL price, for the test). */
function tradeOf(s: DecodedSwap, solUsd: number): { trade: Trade; slot: number } {
  const usd = (Number(s.quoteAmountRaw) / 1e9) * solUsd;
  return { trade: { kind: 'trade', knownAt: s.ts!, mint: s.mint, pool: s.pool, source: 'chain', ts: s.ts!, priceUsd: 1, volumeUsd: usd, side: s.side, id: `${s.signature}:${s.ordinal}`, user: s.user, creator: s.creator ?? null }, slot: s.slot };
}

describe('trade flow', () => {
  it('counts distinct traders of the signal\'s 4h window only', () => {
    const f = newTradeFlow();
    for (const x of [t(W - 10, 'buy', 5, 'a'), t(W + 1, 'buy', 5, 'b'), t(W + 2, 'sell', 5, 'c'), t(W + 3, 'buy', 5, 'b')]) addTradeToFlow(f, x, null);
    assert.equal(tradeFlowSnapshot(f, W).uniqueTraders4h, 2);
    assert.equal(tradeFlowSnapshot(f, W - FOUR_HOUR_MS).uniqueTraders4h, null);
  });

  it('sums the creator\'s sells once a trade names the creator; unknown creator -> null', () => {
    const f = newTradeFlow();
    addTradeToFlow(f, t(W, 'sell', 100, 'dev'), null);
    assert.equal(tradeFlowSnapshot(f, W).creatorSellUsd, null);
    addTradeToFlow(f, t(W + 1, 'buy', 10, 'x', 'dev'), null);
    addTradeToFlow(f, t(W + 2, 'sell', 250, 'dev', 'dev'), null);
    addTradeToFlow(f, t(W + 3, 'sell', 40, 'x', 'dev'), null);
    assert.equal(tradeFlowSnapshot(f, W).creatorSellUsd, 250);
  });

  it('real pump.fun create + dev buy (2026, 371 B): the launch is seen, the dev buy is 100% of launch-slot buying', () => {
    const tx = recordedOne(`${CHAINSTACK}/raw_create_tx_from_gettransaction.json`).tx;
    const swaps = decodeTx(tx).events.filter((e): e is DecodedSwap => e.kind === 'swap');
    assert.equal(swaps.length, 1);
    assert.equal(swaps[0].creator, swaps[0].user, 'the dev buy: trader = creator');
    const f = newTradeFlow();
    const { trade, slot } = tradeOf(swaps[0], 150);
    addTradeToFlow(f, trade, slot);
    assert.equal(f.launchSlot, 435946190);
    // 2.962962962 SOL bought in the launch slot, then a buy of the same size five slots later: half and half.
    addTradeToFlow(f, { ...trade, id: 'later', user: 'someone', ts: trade.ts + 1000 }, slot + 5);
    assert.equal(tradeFlowSnapshot(f, W).launchSlotBuyShare, 0.5);
    assert.equal(tradeFlowSnapshot(f, W).creatorSellUsd, 0);
  });

  it('real 2024 bundle of four buys (129 B events name no creator): launch unknown, share null, four traders', () => {
    const tx = recordedOne(`${TX_PARSER}/pumpfun_buy_bundle.json`).tx;
    const swaps = decodeTx(tx).events.filter((e): e is DecodedSwap => e.kind === 'swap');
    const f = newTradeFlow();
    for (const s of swaps) {
      const { trade, slot } = tradeOf(s, 135);
      addTradeToFlow(f, trade, slot);
    }
    const snap = tradeFlowSnapshot(f, Math.floor(swaps[0].ts! / FOUR_HOUR_MS) * FOUR_HOUR_MS);
    assert.deepEqual(snap, { uniqueTraders4h: 4, creatorSellUsd: null, launchSlotBuyShare: null });
  });

  it('the engine hands the flow of the signal\'s window to the confidence features', () => {
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    const events: ScanEvent[] = [];
    const e = new Engine(cfg, { emit: (x) => events.push(x), confidence: confidenceHook(cfg.confidence, null) });
    const tr = (ts: number, price: number, user: string): Trade => ({ ...t(ts, 'buy', 50, user), priceUsd: price });
    for (const x of [tr(W, 1, 'a'), tr(W + 60_000, 1.1, 'b'), tr(W + 120_000, 1.2, 'a'), tr(W + 180_000, 1.25, 'c')]) e.push(x);
    e.finish(W + FOUR_HOUR_MS + 1);
    const conf = events.find((x) => x.type === 'confirmation');
    assert.ok(conf && conf.type === 'confirmation');
    assert.equal(conf.confidence.features.uniqueTraders, 3);
    assert.equal(conf.confidence.features.launchSlotBuyShare, null);
  });

  it('features carry the flow when present and null without it (never zero by default)', () => {
    const cfg = loadConfig({ presets: ['replay'], env: {} }).confidence;
    const bar = { start: W, intervalMs: FOUR_HOUR_MS, open: 1, high: 1.2, low: 1, close: 1.1, volumeUsd: 10 };
    const ctx: SignalContext = { kind: 'ignition', ts: W + 1, price: 1.1, closed4h: [], signal4h: bar, volumes5m: [], volume5mUsd: 1, atr: null, atrHistory: [],
      buyVolumeUsd: null, sellVolumeUsd: null, liquidityUsd: null, volume24hUsd: null, buys24h: null, sells24h: null, otherPools: [] };
    const none = computeFeatures(ctx, cfg);
    assert.deepEqual([none.uniqueTraders, none.creatorSellUsd, none.launchSlotBuyShare], [null, null, null]);
    const some = computeFeatures({ ...ctx, tradeFlow: { uniqueTraders4h: 12, creatorSellUsd: 0, launchSlotBuyShare: 0.4 } }, cfg);
    assert.deepEqual([some.uniqueTraders, some.creatorSellUsd, some.launchSlotBuyShare], [12, 0, 0.4]);
  });
});
