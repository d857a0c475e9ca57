// The chain feed of a live scan, in process, against the pubsub fake and the Solana RPC fake: truncated logs
// are fetched with getTransaction within the budget (the fake serves a real recorded getTransaction result),
// beyond it the loss is counted; a PumpSwap swap gets its pool's mints and its token's decimals from batched reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { asyncScheduler } from 'rxjs';
import { loadConfig } from '../../src/config/load.js';
import { openStore } from '../../src/store/index.js';
import { SolanaMintSource, solanaOptionsFrom } from '../../src/sources/solana/mint-source.js';
import { LogsSubscription } from '../../src/sources/chain/subscription.js';
import { decodeTx } from '../../src/sources/chain/decode.js';
import { ChainFeed, LEAD_CHUNK } from '../../src/run/live/chain-feed.js';
import type { LiveSources } from '../../src/run/live/sources.js';
import { admit, newUniverse } from '../../src/run/live/universe.js';
import type { Input, Trade } from '../../src/domain/market.js';
import { FakeSolanaWs } from '../fakes/solana-ws.js';
import { FakeSolanaRpc } from '../fakes/solana-rpc.js';
import { signatureFor } from '../fakes/solana-ws-feed.js';
import { STREAMER, TX_PARSER, fixturePath, recordedOne } from '../sources/chain/fixtures.js';
import { PublicKey } from '@solana/web3.js';
import { TAP_PROGRAMS } from '../../src/sources/chain/frames.js';
import { WSOL_MINT } from '../../src/sources/chain/orient.js';
import { POOL_SEEN_EVERY_MS } from '../../src/sources/chain/pools.js';
import type { ChainPoolSeen } from '../../src/store/chain-pools.js';

const clock = { now: () => Date.now(), scheduler: asyncScheduler };
const BUNDLE_MINT = 'ED5nyyWEzpPPiWimP8vYm7sD7TD3LAt3Q3gRTWHzPJBY';
const PUMPSWAP_POOL = 'EGTHgmHac1ZLgwVQjzXyGAyN8SKjgMbA6vsrFe6pB5dz';
const PUMPSWAP_BASE = '5w68xqRpVFqi7hCXuN7QLc5ReLv1PfpmT9TVm11Cpump';

/** PumpSwap Pool account bytes with base and quote mints where the program keeps them (offsets 43 and 75). */
function pumpSwapPool(base: string, quote: string): Buffer {
  const data = Buffer.alloc(300);
  new PublicKey(base).toBuffer().copy(data, 43);
  new PublicKey(quote).toBuffer().copy(data, 75);
  return data;
}
let ws: FakeSolanaWs;
let rpc: FakeSolanaRpc;
before(async () => {
  ws = new FakeSolanaWs();
  rpc = new FakeSolanaRpc();
  await ws.start();
  await rpc.start();
});
after(async () => {
  await ws.stop();
  await rpc.stop();
});

async function until(what: string, ok: () => boolean): Promise<void> {
  const end = Date.now() + 15_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a truncated log is fetched with getTransaction within the budget, its swaps delivered; over budget the loss is counted; pools and decimals are read', async () => {
  const cfg = loadConfig({ presets: ['scan'], env: { SOLANA_RPC_URL: rpc.env().SOLANA_RPC_URL }, sets: [['sources.chain.truncatedFetchesPerMin', '1', 'test']] });
  const solana = new SolanaMintSource(solanaOptionsFrom(cfg.sources, clock));
  const store = openStore({ path: ':memory:' });
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  const pushed: Input[] = [];
  const subscription = new LogsSubscription({
    wsUrl: ws.env().SOLANA_WS_URL, programs: ['pump', 'pump_amm', 'raydium_cpmm', 'raydium_clmm'], commitment: 'confirmed', heartbeatTimeoutMs: 10_000,
    pingIntervalMs: 1000, maxPayloadBytes: 1 << 25, reconnectMinMs: 10, reconnectMaxMs: 50, clock,
  });
  const feed = new ChainFeed({
    cfg, clock, sources: { solana, jup: null } as unknown as LiveSources, subscription, decode: decodeTx, universe, store, push: (i) => pushed.push(i),
    admit: (m, now) => admit(universe, m, 'chain', now).admitted, evicted: () => {}, warn: () => {}, frames: null,
  });
  feed.tap.notePolledSolUsd(150, clock.now());
  // Already in the universe (a tapped token admitted earlier): its trades go straight to the pipeline.
  admit(universe, BUNDLE_MINT, 'chain', clock.now());
  // A real PumpSwap sell names only its pool: the Pool account (mints at their offsets) and the base mint are read.
  rpc.addAccount(PUMPSWAP_POOL, { owner: new PublicKey(TAP_PROGRAMS.pump_amm), data: pumpSwapPool(PUMPSWAP_BASE, WSOL_MINT), lamports: 1 });
  rpc.addMint(PUMPSWAP_BASE, { decimals: 6, mintAuthority: null, freezeAuthority: null });
  admit(universe, PUMPSWAP_BASE, 'chain', clock.now());
  // The node answers the first signature with a complete recorded transaction (the 4-buy bundle, real
  // getTransaction JSON); the notifications themselves carry the cut logs of a real truncated transaction.
  const [bundle] = JSON.parse(readFileSync(fixturePath(`${TX_PARSER}/pumpfun_buy_bundle.json`), 'utf8')) as unknown[];
  const [s1, s2] = [signatureFor(1, 77), signatureFor(2, 77)];
  rpc.addTransaction(s1, bundle);
  const cut = recordedOne(`${TX_PARSER}/transferChecked_0.json`).tx;
  feed.start();
  try {
    await until('subscriptions', () => subscription.subscribed === 4);
    ws.send({ program: 'pump', tx: { ...cut, signature: s1 } }, { program: 'pump', tx: { ...cut, signature: s2 } });
    ws.send({ program: 'pump_amm', tx: recordedOne(`${STREAMER}/pumpswap_sell_cpi_tx.json`).tx });
    await until('the fetch and the lost one', () => feed.tap.counters.truncatedRecovered + feed.tap.counters.truncatedLost >= 2);
    await until('five trades', () => pushed.filter((i) => i.kind === 'trade').length >= 5);
  } finally {
    await feed.stop();
    await solana.close();
    store.close();
  }

  assert.equal(feed.tap.counters.truncated, 2);
  assert.equal(feed.tap.counters.truncatedRecovered, 1);
  assert.equal(feed.tap.counters.truncatedLost, 1);
  assert.equal(rpc.calls.filter((c) => c.method === 'getTransaction').length, 1);
  const trades = pushed.filter((i): i is Trade => i.kind === 'trade');
  assert.deepEqual(trades.filter((t) => t.mint === BUNDLE_MINT).map((t) => t.id), [0, 1, 2, 3].map((k) => `${s1}:pump:${k}`));
  const ps = trades.filter((t) => t.mint === PUMPSWAP_BASE);
  assert.equal(ps.length, 1);
  assert.ok(Math.abs(ps[0].priceUsd / ((0.112810637 / 134018.50308) * 150) - 1) < 1e-12);
  // Its decimals came from the batched mint read, whose security record reached the pipeline; the pool is cached.
  assert.ok(pushed.some((i) => i.kind === 'security' && i.mint === PUMPSWAP_BASE));
  assert.ok(rpc.calls.some((c) => c.method === 'getMultipleAccounts' && JSON.stringify(c.params).includes(PUMPSWAP_POOL)));
});

/** A feed on a store, fed one first pump trade for each of `n` new tapped tokens whose pools the store knows. */
async function leadFeed(n: number, writes?: { setLeadPool(m: string, p: string): void; putChainPools(): void; touchChainPools(seen: ChainPoolSeen[]): void }) {
  const { pool: poolRow } = await import('../store/helpers.js');
  const { pumpTradeTx } = await import('../fakes/solana-ws-feed.js');
  const { readRecordedTxs } = await import('../../src/sources/chain/recorded/index.js');
  const { bondingCurveOf } = await import('../../src/sources/chain/programs/pump/pda.js');
  const { PUMP_PROGRAM_ID } = await import('../../src/sources/chain/programs/pump/index.js');
  const template = readRecordedTxs(fixturePath(`${STREAMER}/pumpfun_direct_tx.json`))[0].tx;
  const mints = Array.from({ length: n }, (_, k) => {
    const b = Buffer.alloc(32, 41);
    b.writeUInt32LE(k, 0);
    return new PublicKey(b).toBase58();
  });
  const curves = mints.map((m) => bondingCurveOf(m, PUMP_PROGRAM_ID));
  const cfg = loadConfig({ presets: ['scan'], env: {} });
  let now = Date.now();
  const fixedClock = { now: () => now, scheduler: asyncScheduler };
  const store = openStore({ path: ':memory:' });
  // The pools are known to the store (as a polled listing would have stored them), none of them lead yet.
  mints.forEach((m, i) => store.upsertPool(poolRow(now, { mint: m, pool: curves[i] })));
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  const pushed: Input[] = [];
  // Its stop() resolves within the same turn: what is left must be written by stop() itself, not by a later turn.
  const subscription = { state: 'ok', emit: () => {}, stop: () => Promise.resolve() } as unknown as LogsSubscription;
  const feed = new ChainFeed({
    cfg, clock: fixedClock, sources: { solana: { knowPools: () => {} }, jup: null } as unknown as LiveSources, subscription, decode: decodeTx,
    universe, store, writes, push: (i) => pushed.push(i), admit: () => false, evicted: () => {}, warn: () => {}, frames: null,
  });
  feed.tap.notePolledSolUsd(150, now);
  /** A pump buy of token `i` at `ts` (also the clock's time), the `k`th transaction of the test. */
  const trade = (i: number, ts: number, k: number) => {
    const tx = pumpTradeTx(template, { mint: mints[i], side: 'buy', solRaw: 100_000_000n, tokenRaw: 500_000_000_000n, ts, virtualSolRaw: 60_000_000_000n, virtualTokenRaw: 300_000_000_000_000n }, signatureFor(900 + k), 380_000_000 + k);
    now = ts + 1;
    feed.tap.ingest({ program: 'pump', tx, frame: '', receivedAt: now });
  };
  mints.forEach((m, i) => {
    admit(universe, m, 'chain', now);
    trade(i, now, i);
  });
  const leadsInStore = () => curves.filter((c) => store.getPool(c)?.lead).length;
  // Each token's bonding curve is a chain pool learned by its trade (kept for the next session's decoder).
  const curvesInStore = () => store.loadChainPools().filter((p) => p.program === 'pump').length;
  return { feed, store, mints, curves, universe, pushed, leadsInStore, curvesInStore, trade, now: () => now };
}

test('a new tapped token\'s lead pool reaches the store on the scan\'s tick (flush), not on its first trade', async () => {
  for (const deferred of [false, true]) {
    const queued: Array<[string, string]> = [];
    const writes = deferred ? { setLeadPool: (m: string, p: string) => void queued.push([m, p]), putChainPools: () => {}, touchChainPools: () => {} } : undefined;
    const { feed, store, mints, curves, universe, pushed, leadsInStore } = await leadFeed(2, writes);
    // Each first trade made its pool the token's lead in the universe and sent a lead snapshot to the pipeline...
    assert.deepEqual(mints.map((m) => universe.tokens.get(m)?.lead), curves);
    assert.deepEqual(pushed.filter((x) => x.kind === 'pool').map((x) => [x.mint, x.pool, (x as { isLead?: boolean }).isLead]), mints.map((m, i) => [m, curves[i], true]));
    // ...but wrote nothing yet.
    assert.deepEqual(queued, []);
    assert.equal(leadsInStore(), 0);
    feed.flush();
    if (deferred) assert.deepEqual(queued, mints.map((m, i) => [m, curves[i]]));
    else assert.equal(leadsInStore(), 2);
    // Written once: a second tick has nothing left to write.
    queued.length = 0;
    feed.flush();
    assert.deepEqual(queued, []);
    store.close();
  }
});

test(`lead-pool and chain-pool writes to the store go ${LEAD_CHUNK} per transaction, one chunk per turn of the event loop; stop() writes what is left`, async () => {
  const n = 2 * LEAD_CHUNK + 40;
  const a = await leadFeed(n);
  assert.equal(a.curvesInStore(), 0);
  a.feed.flush();
  assert.equal(a.leadsInStore(), LEAD_CHUNK);
  assert.equal(a.curvesInStore(), LEAD_CHUNK);
  await new Promise((r) => setImmediate(r));
  assert.equal(a.leadsInStore(), 2 * LEAD_CHUNK);
  assert.equal(a.curvesInStore(), 2 * LEAD_CHUNK);
  await new Promise((r) => setImmediate(r));
  assert.equal(a.leadsInStore(), n);
  assert.equal(a.curvesInStore(), n);
  a.store.close();
  const b = await leadFeed(n);
  b.feed.flush();
  assert.equal(b.leadsInStore(), LEAD_CHUNK);
  // stop() flushes once more (a chunk) and then writes the rest at once.
  await b.feed.stop();
  assert.equal(b.leadsInStore(), n);
  assert.equal(b.curvesInStore(), n);
  // Nothing is left scheduled to write to the store after stop (it is closed next).
  b.store.close();
  await new Promise((r) => setImmediate(r));
});

test('a pool trading again a day after its last report moves its seen time in the store, once; quiet pools keep theirs', async () => {
  for (const deferred of [false, true]) {
    const touched: ChainPoolSeen[] = [];
    const writes = deferred ? { setLeadPool: () => {}, putChainPools: () => {}, touchChainPools: (s: ChainPoolSeen[]) => void touched.push(...s) } : undefined;
    const f = await leadFeed(3, writes);
    f.feed.flush();
    await new Promise((r) => setImmediate(r));
    const learnedAt = new Map(f.store.loadChainPools().map((p) => [p.pool, p.seenAt]));
    if (!deferred) assert.equal(learnedAt.size, 3);
    // Token 0 trades again within the day: nothing to report. Then a day later (twice in a row), token 1 too.
    // Whole seconds: a pump.fun event's time has a resolution of one second.
    const t0 = Math.ceil(f.now() / 1000) * 1000;
    f.trade(0, t0 + 1000, 10);
    f.feed.flush();
    assert.deepEqual(touched, []);
    const dayLater = t0 + POOL_SEEN_EVERY_MS + 5000;
    f.trade(0, dayLater, 11);
    f.trade(0, dayLater + 60_000, 12);
    f.trade(1, dayLater + 120_000, 13);
    f.feed.flush();
    await new Promise((r) => setImmediate(r));
    // Seen at the clock's time of the trade's snapshot (trade() sets it 1 ms after the trade).
    const expected = [{ pool: f.curves[0], seenAt: dayLater + 1 }, { pool: f.curves[1], seenAt: dayLater + 120_001 }];
    if (deferred) assert.deepEqual(touched, expected);
    else {
      const seen = new Map(f.store.loadChainPools().map((p) => [p.pool, p.seenAt]));
      assert.equal(seen.get(f.curves[0]), dayLater + 1);
      assert.equal(seen.get(f.curves[1]), dayLater + 120_001);
      assert.equal(seen.get(f.curves[2]), learnedAt.get(f.curves[2]));
    }
    // Reported once: the next flush has nothing.
    touched.length = 0;
    f.feed.flush();
    assert.deepEqual(touched, []);
    f.store.close();
  }
});
