// The chain tap's core on real transactions: each fixture's logs are WRAPPED as a logsNotification would
// carry them (no recorded frame exists under a license), decoded by decodeTx, then priced and turned into
// Trade records. Expected prices are computed here from the raw amounts the events state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asyncScheduler } from 'rxjs';
import { decodeTx } from '../../../src/sources/chain/decode.js';
import { ChainTap, type TapSink } from '../../../src/sources/chain/tap.js';
import { USDC_MINT, WSOL_MINT } from '../../../src/sources/chain/orient.js';
import type { PoolSnapshot, PriceImpact, Trade } from '../../../src/domain/market.js';
import type { TxLogs } from '../../../src/sources/chain/types.js';
import { CHAINBUFF, STREAMER, TX_PARSER, recordedOne, vixen } from './fixtures.js';

const CLMM_SOL_USDC = 'CYbD9RaToYMtWKA7QZyoLahnHdWq553Vm62Lh6qWtuxq';
// vixen vRYN: 2.092254175 SOL bought for 472.821137 USDC on Raydium CLMM.
const SOL_USD = 472.821137 / 2.092254175;

function newTap(now = 1_000_000) {
  const trades: Trade[] = [];
  const pools: Array<{ s: PoolSnapshot; i: PriceImpact | null }> = [];
  const truncated: TxLogs[] = [];
  const clock = { now: () => now, scheduler: asyncScheduler };
  const sink: TapSink = { trade: (t) => trades.push(t), pool: (s, i) => pools.push({ s, i }), truncated: (tx) => truncated.push(tx) };
  const tap = new ChainTap({
    decode: decodeTx, clock, dedupeCapacity: 1000, snapshotEveryMs: 0, impactTradeUsd: 500, holdMaxMs: 30_000, holdMax: 100,
    solUsd: { window: 15, maxAgeMs: 120_000, minSwapUsd: 50 },
  }, sink);
  const feed = (rel: string) => tap.ingest({ program: 'pump', tx: recordedOne(rel).tx, frame: '', receivedAt: now });
  return { tap, trades, pools, truncated, feed };
}

function learnSolUsd(t: ReturnType<typeof newTap>): void {
  t.feed(vixen('vRYN'));
  t.tap.notePoolTokens({ pool: CLMM_SOL_USDC, program: 'raydium_clmm', first: WSOL_MINT, second: USDC_MINT });
}

test('a CLMM SOL/USDC swap waits for its pool mints, then prices SOL in USDC and sets the stream SOL/USD', () => {
  const t = newTap();
  t.feed(vixen('vRYN'));
  assert.equal(t.trades.length, 0);
  assert.equal(t.tap.counters.held, 1);
  t.tap.notePoolTokens({ pool: CLMM_SOL_USDC, program: 'raydium_clmm', first: WSOL_MINT, second: USDC_MINT });
  assert.equal(t.tap.counters.held, 0);
  assert.equal(t.trades.length, 1);
  const [tr] = t.trades;
  assert.equal(tr.mint, WSOL_MINT);
  assert.equal(tr.side, 'buy');
  assert.ok(Math.abs(tr.priceUsd - SOL_USD) < 1e-9);
  assert.ok(Math.abs(tr.volumeUsd - 472.821137) < 1e-9);
  assert.deepEqual(t.tap.solUsd.at(1_000_000), { price: tr.priceUsd, from: 'chain' });
  // CLMM snapshot: virtual reserves from sqrt price and liquidity; their ratio is the pool price.
  const { s, i } = t.pools[0];
  assert.equal(s.impactModel, 'clmm_liquidity');
  assert.ok(Math.abs(s.quoteReserve! / s.baseReserve! / SOL_USD - 1) < 0.01, `${s.quoteReserve! / s.baseReserve!}`);
  assert.equal(i?.model, 'clmm_liquidity');
});

test('a pump buy is priced in SOL from its amounts and in USD through the on-chain SOL/USD, with provenance', () => {
  const t = newTap();
  learnSolUsd(t);
  const rel = `${STREAMER}/pumpfun_direct_tx.json`;
  t.feed(rel);
  // pump.fun mints every coin with 6 decimals: priced at once, no mint read asked for.
  assert.equal(t.trades.length, 2);
  assert.deepEqual(t.tap.held.wanted(10).mints, []);
  const tr = t.trades[1];
  const sig = recordedOne(rel).tx.signature;
  assert.equal(tr.source, 'chain');
  assert.equal(tr.id, `${sig}:pump:0`);
  assert.deepEqual(tr.provenance, { program: 'pump', pool: '9A5TEByiBsj1RXZfe6cDr3tLn89vXtrZ11QsFWf13Njm', signature: sig, slot: 356410419 });
  assert.equal(tr.ts, 1753751878000);
  assert.ok(Math.abs(tr.priceUsd / ((0.129814469 / 2878556) * SOL_USD) - 1) < 1e-12);
  assert.ok(Math.abs(tr.volumeUsd - 0.129814469 * SOL_USD) < 1e-9);
  // Bonding-curve snapshot: both reserve sides valued in USD; constant-product impact of $500.
  const { s, i } = t.pools[1];
  assert.equal(s.dex, 'pumpfun');
  assert.equal(s.impactModel, 'constant_product');
  assert.ok(Math.abs(s.liquidityUsd! - (s.baseReserve! * s.priceUsd! + s.quoteReserve! * SOL_USD)) < 1e-6);
  assert.ok(Math.abs(i!.impactPct - (500 / (s.quoteReserve! * SOL_USD)) * 100) < 1e-9);
});

test('a PumpSwap swap that names only its pool is held until the pool account is read, then delivered once', () => {
  const t = newTap();
  learnSolUsd(t);
  t.feed(`${STREAMER}/pumpswap_sell_cpi_tx.json`);
  assert.equal(t.trades.length, 1);
  assert.deepEqual(t.tap.held.wanted(10).pools, [{ pool: 'EGTHgmHac1ZLgwVQjzXyGAyN8SKjgMbA6vsrFe6pB5dz', program: 'pump_amm' }]);
  const base = '5w68xqRpVFqi7hCXuN7QLc5ReLv1PfpmT9TVm11Cpump';
  t.tap.noteDecimals(base, 6);
  t.tap.notePoolTokens({ pool: 'EGTHgmHac1ZLgwVQjzXyGAyN8SKjgMbA6vsrFe6pB5dz', program: 'pump_amm', first: base, second: WSOL_MINT });
  assert.equal(t.trades.length, 2);
  const tr = t.trades[1];
  assert.equal(tr.mint, base);
  assert.equal(tr.side, 'sell');
  assert.ok(Math.abs(tr.priceUsd / ((0.112810637 / 134018.50308) * SOL_USD) - 1) < 1e-12);
  t.tap.notePoolTokens({ pool: 'EGTHgmHac1ZLgwVQjzXyGAyN8SKjgMbA6vsrFe6pB5dz', program: 'pump_amm', first: base, second: WSOL_MINT });
  assert.equal(t.trades.length, 2);
});

test('a SOL-quoted swap waits for a SOL/USD (never guessed) and is priced when a polled one arrives', () => {
  const t = newTap();
  t.tap.noteDecimals('7k2255ueF3Ecnnjf9odEu7so3gmXKS8E29atDWmFpump', 6);
  t.feed(`${STREAMER}/pumpfun_direct_tx.json`);
  assert.equal(t.trades.length, 0);
  assert.equal(t.tap.held.size, 1);
  assert.equal(t.tap.counters.noPrice, 0);
  t.tap.notePolledSolUsd(150, 1_000_000);
  assert.equal(t.trades.length, 1);
  assert.ok(Math.abs(t.trades[0].priceUsd / ((0.129814469 / 2878556) * 150) - 1) < 1e-12);
});

test('failed transactions are dropped and counted; a truncated log is handed to the owner', () => {
  const t = newTap();
  t.feed(`${CHAINBUFF}/error.json`);
  assert.equal(t.tap.counters.failed, 1);
  t.feed(`${TX_PARSER}/transferChecked_0.json`);
  assert.equal(t.tap.counters.truncated, 1);
  assert.equal(t.truncated.length, 1);
  assert.equal(t.trades.length, 0);
});

test('events are deduplicated by (signature, program, ordinal): a bundle of four buys sent twice gives four trades', () => {
  const t = newTap();
  learnSolUsd(t);
  t.tap.noteDecimals('ED5nyyWEzpPPiWimP8vYm7sD7TD3LAt3Q3gRTWHzPJBY', 6);
  t.feed(`${TX_PARSER}/pumpfun_buy_bundle.json`);
  t.feed(`${TX_PARSER}/pumpfun_buy_bundle.json`);
  const ids = t.trades.slice(1).map((x) => x.id!.split(':').slice(1).join(':'));
  assert.deepEqual(ids, ['pump:0', 'pump:1', 'pump:2', 'pump:3']);
  assert.equal(t.tap.counters.duplicates, 4);
});

test('a CPMM 89 B event names neither mints nor input vault: counted unorientable, not guessed', () => {
  const t = newTap();
  t.feed(`${TX_PARSER}/OKXDEX_swap_0.json`);
  assert.equal(t.tap.counters.unorientable, 1);
  assert.equal(t.trades.length, 0);
});

test('held swaps expire after holdMaxMs and are counted lost', () => {
  let now = 1_000_000;
  const trades: Trade[] = [];
  const tap = new ChainTap({
    decode: decodeTx, clock: { now: () => now, scheduler: asyncScheduler }, dedupeCapacity: 1000, snapshotEveryMs: 0, impactTradeUsd: 500,
    holdMaxMs: 30_000, holdMax: 100, solUsd: { window: 15, maxAgeMs: 120_000, minSwapUsd: 50 },
  }, { trade: (x) => trades.push(x), pool: () => {} });
  tap.ingest({ program: 'pump_amm', tx: recordedOne(`${STREAMER}/pumpswap_sell_cpi_tx.json`).tx, frame: '', receivedAt: now });
  now += 29_000;
  assert.equal(tap.expireHeld(now), 0);
  now += 2_000;
  assert.equal(tap.expireHeld(now), 1);
  assert.equal(tap.counters.heldLost, 1);
  assert.equal(tap.held.size, 0);
});

test('slot lag: the most slots a notification\'s context.slot fell behind the highest slot seen, per window', () => {
  const t = newTap();
  const at = (slot: number, n: number) => t.tap.ingest({ program: 'pump', tx: { signature: `${'7'.repeat(80)}${n}`, slot, err: null, logs: [] }, frame: '', receivedAt: 0 });
  assert.equal(t.tap.takeSlotLag(), null, 'nothing received yet');
  [100, 105, 103, 101, 106].forEach(at);
  assert.equal(t.tap.takeSlotLag(), 4, '101 arrived after 105');
  assert.equal(t.tap.takeSlotLag(), null, 'a new window starts empty');
  at(106, 6);
  at(107, 7);
  assert.equal(t.tap.takeSlotLag(), 0, 'in order: no lag');
  at(104, 8);
  assert.equal(t.tap.takeSlotLag(), 3);
  // Failed transactions carry a slot too: they count.
  t.tap.ingest({ program: 'pump', tx: { signature: `${'7'.repeat(80)}9`, slot: 97, err: { InstructionError: [0, 'x'] }, logs: [] }, frame: '', receivedAt: 0 });
  assert.equal(t.tap.takeSlotLag(), 10);
  assert.equal(t.tap.newestSlot, 107);
});
