import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import { AcceleratedClock } from '../../src/clock/accelerated.js';
import { base58Encode } from '../../src/domain/mint.js';
import type { Input } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import type { BadData } from '../../src/domain/status.js';
import { GeckoTerminalClient } from '../../src/sources/geckoterminal/client.js';
import { BirdeyeRestClient } from '../../src/sources/birdeye/rest-client.js';
import { DexScreenerClient } from '../../src/sources/dexscreener/client.js';
import { Universe, type FakeCandle } from '../fakes/universe.js';
import { GeckoTerminalFake } from '../fakes/geckoterminal.js';
import { BirdeyeRestFake } from '../fakes/birdeye-rest.js';
import { DexScreenerFake } from '../fakes/dexscreener.js';
import { needsShared, sharedPath } from '../support/shared-data.js';

// Hostile upstream values served by the loopback fakes, read by the real clients and fed to the engine:
// each must be refused at the source edge (bad_data, counted) or dropped by the engine (`dropped`,
// reason invalid), and none may reach a candle.

const cfg = loadConfig({ presets: ['replay'], env: {} });
const addr = (n: number) => base58Encode(Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n * 13) % 251 + 1));
/** A 4h window start, unix seconds (2025-08-21T00:00Z). */
const W = 1_755_734_400;
/** The market's clock: a day after the window, at real speed. */
const clock = new AcceleratedClock((W + 86_400) * 1000, 1);

const good: FakeCandle[] = Array.from({ length: 10 }, (_, k) => ({ t: W + k * 60, o: 1 + k / 100, h: 1.01 + k / 100, l: 1 + k / 100, c: 1.005 + k / 100, v: 100 + k }));
const nowSec = Math.floor(clock.now() / 1000);
/** Hostile candles and what must become of each: a source-edge `bad_data` or the engine's drop detail. */
const hostile: Array<{ c: FakeCandle; fate: string }> = [
  { c: { t: (W + 840) / 1000, o: 1, h: 1, l: 1, c: 1, v: 5 }, fate: 'timestamp_not_ms' },
  { c: { t: W + 600, o: -1, h: 1.05, l: -1, c: 1, v: 5 }, fate: 'price_out_of_range' },
  { c: { t: W + 660, o: Number.NaN, h: 1.05, l: 1, c: 1, v: 5 }, fate: 'bad_data' },
  { c: { t: W + 720, o: 1.02, h: 1, l: 1.05, c: 1.03, v: 5 }, fate: 'high_below_low' },
  { c: { t: W + 780, o: 1, h: 1e30, l: 1, c: 1, v: 5 }, fate: 'price_out_of_range' },
  { c: { t: nowSec + 86_400, o: 1, h: 1, l: 1, c: 1, v: 5 }, fate: 'timestamp_in_future' },
  { c: { t: (W + 900) * 1000, o: 1, h: 1, l: 1, c: 1, v: 5 }, fate: 'timestamp_in_future' },
];
const TOKEN = { mint: addr(1), pool: addr(2) };
const DS = { ok: addr(3), mcap: addr(4), neg: addr(5), nan: addr(6) };

/**
 * Feeds one response's records to a fresh engine as the live scanner feeds history: every candle known at
 * once, marked warm-up (see run/live/candles-feed.ts), so windows close by roll-over.
 */
function feed(records: Input[]) {
  const events: ScanEvent[] = [];
  const engine = new Engine(cfg, { emit: (e) => events.push(e) });
  for (const r of records) engine.push(r.kind === 'candle' ? { ...r, warmup: true } : r);
  engine.finish(clock.now());
  const dropped = events.flatMap((e) => (e.type === 'dropped' ? [e] : []));
  const windows = events.flatMap((e) => (e.type === 'window' ? [e] : []));
  return { engine, dropped, windows };
}

const sorted = (xs: string[]) => [...xs].sort();

describe('hostile upstream values through the real clients', () => {
  const universe = new Universe();
  const gecko = new GeckoTerminalFake(universe);
  const birdeye = new BirdeyeRestFake(universe);
  const dex = new DexScreenerFake(universe);
  const deps = { http: { ...cfg.sources.http, retries: 0 }, clock };
  const bad: BadData[] = [];
  let clients: Array<GeckoTerminalClient | BirdeyeRestClient | DexScreenerClient> = [];

  before(async () => {
    const candles = [hostile[0].c, ...good, ...hostile.slice(1).map((h) => h.c)];
    universe.add({ ...TOKEN, symbol: 'HOST', candles1m: candles, priceUsd: 1 });
    universe.add({ mint: DS.ok, pool: addr(13), priceUsd: 0.5 });
    universe.add({ mint: DS.mcap, pool: addr(14), priceUsd: 0.5, marketCapUsd: 9e18 });
    universe.add({ mint: DS.neg, pool: addr(15), priceUsd: -0.5 });
    universe.add({ mint: DS.nan, pool: addr(16), priceUsd: Number.NaN });
    for (const f of [gecko, birdeye, dex]) await f.start();
    clients = [
      new GeckoTerminalClient({ ...cfg.sources.geckoterminal, baseUrl: gecko.env().GECKOTERMINAL_BASE_URL, requestsPerMinute: 6000 }, deps),
      new BirdeyeRestClient({ ...cfg.sources.birdeye, baseUrl: birdeye.env().BIRDEYE_BASE_URL, apiKey: birdeye.apiKey, requestsPerSecond: 100, ohlcvVersion: 'v3' }, deps),
      new DexScreenerClient({ ...cfg.sources.dexscreener, baseUrl: dex.env().DEXSCREENER_BASE_URL }, deps),
    ];
    for (const c of clients) c.badData$.subscribe((b) => bad.push(b));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([gecko, birdeye, dex].map((f) => f.stop()));
  });

  it('GeckoTerminal candles: NaN refused at the edge, the rest dropped as invalid, none in the 4h candle', async () => {
    const candles = await (clients[0] as GeckoTerminalClient).ohlcv(TOKEN.pool, { timeframe: 'minute', limit: 1000 });
    const edge = bad.filter((b) => b.source === 'geckoterminal');
    assert.deepEqual(edge.map((b) => [b.endpoint, /^body\.data\.attributes\.ohlcv_list\[\d+\]$/.test(b.field)]), [['ohlcv', true]]);
    const { dropped, windows, engine } = feed(candles);
    assert.ok(dropped.every((d) => d.reason === 'invalid'));
    assert.deepEqual(sorted(dropped.map((d) => d.detail)), sorted(hostile.filter((h) => h.fate !== 'bad_data').map((h) => h.fate)));
    assert.equal(edge.length + dropped.length, hostile.length, 'every hostile candle served is counted once');
    assert.equal(engine.stats.dropped.invalid, dropped.length);
    assert.equal(windows.length, 1);
    const bar = windows[0].bar;
    assert.deepEqual([bar.open, bar.high, bar.low, bar.close], [good[0].o, Math.max(...good.map((c) => c.h)), Math.min(...good.map((c) => c.l)), good.at(-1)!.c]);
    assert.equal(bar.volumeUsd, good.reduce((s, c) => s + c.v, 0));
  });

  it('Birdeye candles: NaN refused at the edge, negative, high < low and absurd prices dropped', async () => {
    const before = bad.length;
    const candles = await (clients[1] as BirdeyeRestClient).ohlcv(TOKEN.mint, { type: '1m', fromMs: W * 1000, toMs: (W + 14_400) * 1000 });
    const edge = bad.slice(before);
    assert.deepEqual(edge.map((b) => [b.source, b.endpoint, /^data\.items\[\d+\]\.o$/.test(b.field)]), [['birdeye', 'ohlcv_v3', true]]);
    const { dropped, windows } = feed(candles);
    // The request's time range leaves out the candles stamped in the wrong unit or in the future.
    const inRange = hostile.filter((h) => h.c.t >= W && h.c.t < W + 14_400);
    assert.deepEqual(sorted(dropped.map((d) => `${d.reason}:${d.detail}`)), sorted(inRange.filter((h) => h.fate !== 'bad_data').map((h) => `invalid:${h.fate}`)));
    assert.equal(edge.length + dropped.length, inRange.length);
    const bar = windows[0].bar;
    assert.deepEqual([bar.high, bar.low, bar.volumeUsd], [Math.max(...good.map((c) => c.h)), Math.min(...good.map((c) => c.l)), good.reduce((s, c) => s + c.v, 0)]);
  });

  it('DexScreener pairs: a NaN price is refused at the edge, a 9e18 market cap and a negative price never become the pool', async () => {
    const before = bad.length;
    const records = await (clients[2] as DexScreenerClient).tokens([DS.ok, DS.mcap, DS.neg, DS.nan]);
    const edge = bad.slice(before);
    assert.deepEqual(edge.map((b) => [b.source, b.endpoint, b.field]), [['dexscreener', 'tokens', 'body[3].priceUsd']]);
    assert.ok(!records.some((r) => r.mint === DS.nan));
    const { dropped, engine } = feed(records);
    assert.deepEqual(sorted(dropped.map((d) => `${d.mint}:${d.reason}:${d.detail}`)), sorted([`${DS.mcap}:invalid:market_figure_out_of_range`, `${DS.neg}:invalid:price_out_of_range`]));
    assert.equal(engine.tokens.get(DS.ok)?.pool?.priceUsd, 0.5);
    for (const m of [DS.mcap, DS.neg]) assert.equal(engine.tokens.get(m)?.pool ?? null, null, `${m} got a pool snapshot`);
  });

  it('real data: the 7.7e18 FDV of a GeckoTerminal response is dropped when it reaches the engine', needsShared(), async () => {
    const file = sharedPath('snogcel__geckoterminal_collector', 'test_data', 'get_top_pools_by_network_token.json');
    type PoolWire = { attributes: { address: string; fdv_usd: string }; relationships: { base_token: { data: { id: string } } } };
    const body = JSON.parse(readFileSync(file, 'utf8')) as { data: PoolWire[] };
    const isAbsurd = (p: PoolWire) => Number(p.attributes.fdv_usd) >= 1e18;
    const absurd = body.data.filter(isAbsurd).map((p) => p.attributes.address);
    const baseOf = (p: PoolWire) => p.relationships.base_token.data.id.replace(/^[a-z]+_/, '');
    assert.equal(absurd.length, 2, 'the real file holds two FDVs of about 7.6e18');
    gecko.bodies.set('new_pools', body);
    const records = await (clients[0] as GeckoTerminalClient).newPools();
    gecko.bodies.delete('new_pools');
    assert.equal(records.length, body.data.length, 'the client passes every pool on (the edge does not judge magnitudes)');
    const { dropped, engine } = feed(records);
    assert.deepEqual(sorted(dropped.map((d) => `${d.pool}:${d.detail}`)), sorted(absurd.map((a) => `${a}:market_figure_out_of_range`)));
    // Tokens are keyed by mint: the sane pools make one token per base mint, the absurd ones none.
    assert.deepEqual(sorted([...engine.tokens.keys()]), sorted([...new Set(body.data.filter((p) => !isAbsurd(p)).map(baseOf))]));
    const pools = [...engine.tokens.values()].flatMap((t) => (t.pool ? [t.pool] : []));
    assert.equal(pools.length, engine.tokens.size);
    assert.ok(pools.every((p) => (p.fdvUsd ?? 0) < 1e18 && (p.marketCapUsd ?? 0) < 1e18));
  });
});
