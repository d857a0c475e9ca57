// The log subscriptions over a real WebSocket: the loopback pubsub fake serves logsNotification frames
// WRAPPED from real recorded transactions (their meta.logMessages; no recorded frame exists under a
// license), with drops, duplicates, garbage, refused handshakes and refused subscriptions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asyncScheduler } from 'rxjs';
import { FakeSolanaWs, type FeedTx } from '../../fakes/solana-ws.js';
import { LogsSubscription, type ReceivedLogs } from '../../../src/sources/chain/subscription.js';
import { ChainTap } from '../../../src/sources/chain/tap.js';
import { decodeTx } from '../../../src/sources/chain/decode.js';
import { USDC_MINT, WSOL_MINT } from '../../../src/sources/chain/orient.js';
import type { SourceStatus } from '../../../src/domain/status.js';
import type { Trade } from '../../../src/domain/market.js';
import type { ChainProgram } from '../../../src/sources/chain/types.js';
import { CHAINBUFF, STREAMER, TX_PARSER, recordedOne, vixen } from './fixtures.js';

const clock = { now: () => Date.now(), scheduler: asyncScheduler };
const PROGRAMS: ChainProgram[] = ['pump', 'pump_amm', 'raydium_cpmm', 'raydium_clmm'];

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function subscription(url: string): LogsSubscription {
  return new LogsSubscription({
    wsUrl: url, programs: PROGRAMS, commitment: 'confirmed', heartbeatTimeoutMs: 10_000, pingIntervalMs: 1_000,
    maxPayloadBytes: 32 * 1024 * 1024, reconnectMinMs: 10, reconnectMaxMs: 50, clock,
  });
}

const item = (program: ChainProgram, rel: string): FeedTx => ({ program, tx: recordedOne(rel).tx });
const FEED: FeedTx[] = [
  item('pump', `${STREAMER}/pumpfun_direct_tx.json`),
  item('pump', `${STREAMER}/pumpfun_cpi_tx.json`),
  item('pump', `${TX_PARSER}/pumpfun_buy_bundle.json`),
  item('pump_amm', `${STREAMER}/pumpswap_sell_cpi_tx.json`),
  item('raydium_clmm', vixen('vRYN')),
  item('raydium_cpmm', vixen('4RoV')),
  item('pump', `${CHAINBUFF}/error.json`),
  item('pump', `${TX_PARSER}/transferChecked_0.json`),
  item('pump', `${TX_PARSER}/photon_pumpfun_buy_0.json`),
  item('pump', `${TX_PARSER}/photon_pumpfun_sell.json`),
  item('pump', `${CHAINBUFF}/open.json`),
  item('pump', `${CHAINBUFF}/open1.json`),
];

let fake: FakeSolanaWs;
before(async () => {
  fake = new FakeSolanaWs();
  await fake.start();
});
after(async () => fake.stop());

test('subscribes every program, survives drops, duplicates and garbage, and the tap loses no event', async () => {
  fake.faults = { ...fake.faults, dropAfterFrames: 3, duplicateEvery: 3, garbageEvery: 4, replayOnResubscribe: 2 };
  const sub = subscription(fake.env().SOLANA_WS_URL);
  const got: ReceivedLogs[] = [];
  const statuses: SourceStatus[] = [];
  let bad = 0;
  sub.logs$.subscribe((r) => got.push(r));
  sub.status$.subscribe((s) => statuses.push(s));
  sub.badData$.subscribe(() => bad++);
  const trades: Trade[] = [];
  const tap = new ChainTap({
    decode: decodeTx, clock, dedupeCapacity: 10_000, snapshotEveryMs: 60_000, impactTradeUsd: 500, holdMaxMs: 60_000, holdMax: 100,
    solUsd: { window: 15, maxAgeMs: 120_000, minSwapUsd: 50 },
  }, { trade: (t) => trades.push(t), pool: () => {} });
  tap.solUsd.notePolled(150, Date.now());
  tap.notePoolTokens({ pool: 'CYbD9RaToYMtWKA7QZyoLahnHdWq553Vm62Lh6qWtuxq', program: 'raydium_clmm', first: WSOL_MINT, second: USDC_MINT });
  tap.notePoolTokens({ pool: 'EGTHgmHac1ZLgwVQjzXyGAyN8SKjgMbA6vsrFe6pB5dz', program: 'pump_amm', first: '5w68xqRpVFqi7hCXuN7QLc5ReLv1PfpmT9TVm11Cpump', second: WSOL_MINT });
  sub.logs$.subscribe((r) => tap.ingest(r));
  sub.start();
  await until('four subscriptions', () => sub.subscribed === 4);
  fake.send(...FEED);
  const expected = new Set(FEED.map((f) => f.tx.signature));
  await until('every transaction', () => fake.pending === 0 && expected.size === new Set(got.map((r) => r.tx.signature)).size && sub.subscribed === 4);
  // Every decimals the swaps wait for, as the live feed's batched mint read would give them.
  for (const m of tap.held.wanted(100).mints) tap.noteDecimals(m, 6);

  assert.ok(fake.connectionsOpened >= 3, `connections ${fake.connectionsOpened}`);
  assert.ok(statuses.some((s) => s.state === 'retrying'));
  assert.equal(statuses.at(-1)?.state, 'ok');
  // Each connection subscribed all four programs again.
  assert.equal(fake.requests.filter((r) => r.method === 'logsSubscribe').length, 4 * fake.connectionsOpened);
  assert.ok(bad > 0 && bad === sub.counters.badPayloads);
  assert.ok(got.length > FEED.length, 'duplicates and resubscription replays arrived');
  // 13 swaps in the wrapped transactions: 9 single-swap ones and the bundle of 4; failed and truncated give none.
  const ids = new Set(trades.map((t) => t.id));
  assert.equal(ids.size, trades.length, 'no trade twice');
  assert.equal(trades.length, 13);
  assert.equal(tap.counters.failed >= 1, true);
  assert.equal(tap.counters.truncated >= 1, true);
  assert.ok(tap.counters.duplicates > 0);

  const live = [...fake.subscribedPrograms()].length;
  await sub.stop();
  assert.equal(fake.requests.filter((r) => r.method === 'logsUnsubscribe').length, live);
});

test('a refused handshake (429) and a refused logsSubscribe are states to wait out, then it subscribes', async () => {
  fake.faults = { ...fake.faults, dropAfterFrames: null, duplicateEvery: 0, garbageEvery: 0, replayOnResubscribe: 0, refusals: 2, refuseStatus: 429, subscribeErrors: 1 };
  const sub = subscription(fake.env().SOLANA_WS_URL);
  const states: SourceStatus[] = [];
  sub.status$.subscribe((s) => states.push(s));
  sub.start();
  await until('four subscriptions', () => sub.subscribed === 4);
  assert.ok(states.some((s) => s.state === 'rate_limited'));
  assert.ok(states.some((s) => s.state === 'retrying'));
  assert.equal(sub.counters.errors, 1, 'the refused logsSubscribe');
  assert.equal(sub.counters.rateLimited, 2);
  assert.equal(states.at(-1)?.state, 'ok');
  await sub.stop();
});
