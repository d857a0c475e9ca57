import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import type { Candle, Input, Trade } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';

const W = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS); // a 4h boundary
const cfg = loadConfig({ presets: ['replay'], env: {} });

function candle(start: number, o: number, h: number, l: number, c: number, v = 10, pool = 'POOL'): Candle {
  return { kind: 'candle', knownAt: start + MINUTE_MS, mint: null, pool, source: 'file', start, intervalMs: MINUTE_MS, open: o, high: h, low: l, close: c, volumeUsd: v, final: true };
}
/** Runs inputs through an engine; `endAt` is the clock time the stream ends at (null: leave it open). */
function run(inputs: Array<Candle | Trade | { kind: 'tick'; knownAt: number }>, endAt: number | null = W + 3 * FOUR_HOUR_MS) {
  const events: ScanEvent[] = [];
  const e = new Engine(cfg, { emit: (x) => events.push(x) });
  for (const i of inputs) e.push(i);
  if (endAt !== null) e.finish(endAt);
  return { events, engine: e, of: (t: string) => events.filter((x) => x.type === t) };
}

describe('engine windows', () => {
  it('leaves the last window open when the input ends before its boundary', () => {
    const { of } = run([candle(W, 1, 1.2, 1, 1.2)], W + MINUTE_MS);
    assert.equal(of('window').length, 0);
    assert.equal(of('confirmation').length, 0);
  });

  it('closes a 4h window once when the clock passes its boundary, not before (no look-ahead)', () => {
    const inputs = [candle(W, 1, 1, 1, 1), candle(W + FOUR_HOUR_MS - MINUTE_MS, 1, 1.2, 1, 1.15)];
    const before = run(inputs, null);
    assert.equal(before.of('window').length, 0);
    const after = run([...inputs, { kind: 'tick', knownAt: W + FOUR_HOUR_MS + 1 }], null);
    const windows = after.of('window');
    assert.equal(windows.length, 1);
    assert.equal(windows[0].ts, W + FOUR_HOUR_MS);
    const conf = after.of('confirmation');
    assert.equal(conf.length, 1);
    assert.equal(conf[0].ts, W + FOUR_HOUR_MS);
  });

  it('confirms a window with a single candle at exactly +10%', () => {
    const { of } = run([candle(W, 0.1, 0.11, 0.1, 0.11)]);
    assert.equal(of('window').length, 1);
    assert.equal(of('confirmation').length, 1);
  });

  it('produces no window for a 4h gap and carries the price into the next true range', () => {
    const { of } = run([candle(W, 1, 1.01, 0.99, 1), candle(W + 2 * FOUR_HOUR_MS, 1.5, 1.5, 1.5, 1.5)], W + 3 * FOUR_HOUR_MS);
    const windows = of('window');
    assert.deepEqual(windows.map((w) => (w.type === 'window' ? w.bar.start : 0)), [W, W + 2 * FOUR_HOUR_MS]);
  });

  it('drops a duplicate candle and a late one, counting both, without touching the window', () => {
    const { of, engine } = run([
      candle(W, 1, 1, 1, 1),
      candle(W + MINUTE_MS, 1, 1.05, 1, 1.05),
      candle(W + MINUTE_MS, 1, 9, 1, 9),
      candle(W + 30 * MINUTE_MS, 1.05, 1.06, 1.05, 1.06),
      candle(W + 2 * MINUTE_MS, 1, 50, 1, 50),
    ]);
    assert.deepEqual(engine.stats.dropped, { late: 1, duplicate: 1, invalid: 0 });
    assert.deepEqual(of('dropped').map((d) => (d.type === 'dropped' ? d.reason : '')), ['duplicate', 'late']);
    const w = of('window')[0];
    assert.equal(w.type === 'window' && w.bar.high, 1.06);
  });

  it('rejects hostile values before they reach candles', () => {
    const bad = [
      candle(W, -1, 1, -1, 1),
      candle(W, 1, 0.5, 1, 1),
      { ...candle(W, 1, 1, 1, 1), open: Number.NaN },
      { ...candle(W, 1, 1, 1, 1), start: Math.floor(W / 1000), knownAt: W },
      { ...candle(W, 1, 1, 1, 1), start: W + 86_400_000 },
    ];
    const { engine, of } = run(bad);
    assert.equal(engine.stats.dropped.invalid, 5);
    assert.equal(of('window').length, 0);
  });

  it('de-duplicates trades by id and builds candles from trade prices', () => {
    const trade = (ts: number, price: number, id: string): Trade => ({ kind: 'trade', knownAt: ts, mint: 'MINT', pool: 'POOL', source: 'file', ts, priceUsd: price, volumeUsd: 5, side: 'buy', id });
    const { of, engine } = run([trade(W + 1000, 1, 'a'), trade(W + 2000, 1.2, 'b'), trade(W + 2000, 1.2, 'b'), trade(W + 3000, 1.11, 'c')]);
    assert.equal(engine.stats.dropped.duplicate, 1);
    const w = of('window')[0];
    assert.ok(w.type === 'window');
    assert.deepEqual([w.bar.open, w.bar.high, w.bar.close, w.bar.volumeUsd], [1, 1.2, 1.11, 15]);
  });

  it('uses only the lead pool for candles and keeps other pools as cross-pool prices', () => {
    const withMint = (c: Candle): Candle => ({ ...c, mint: 'MINT' });
    const { of, engine } = run([withMint(candle(W, 1, 1, 1, 1)), withMint(candle(W + MINUTE_MS, 5, 5, 5, 5, 10, 'OTHER'))]);
    assert.equal(engine.stats.secondary, 1);
    const w = of('window')[0];
    assert.equal(w.type === 'window' && w.bar.high, 1);
  });

  it('accounts for every record by source: received = applied + secondary + late + duplicate + invalid', () => {
    const from = (c: Candle, source: string): Candle => ({ ...c, mint: 'MINT', source });
    const { engine } = run([
      from(candle(W, 1, 1, 1, 1), 'geckoterminal'),
      from(candle(W + MINUTE_MS, 1, 1.05, 1, 1.05), 'geckoterminal'),
      from(candle(W + MINUTE_MS, 1, 9, 1, 9), 'geckoterminal'),
      from(candle(W + 2 * MINUTE_MS, 2, 2, 2, 2, 10, 'OTHER'), 'birdeye'),
      from(candle(W + 30 * MINUTE_MS, 1.05, 1.06, 1.05, 1.06), 'birdeye'),
      from(candle(W + 3 * MINUTE_MS, 1, 50, 1, 50), 'birdeye'),
      from({ ...candle(W + 31 * MINUTE_MS, 1, 1, 1, 1), open: Number.NaN }, 'birdeye'),
    ]);
    assert.deepEqual(Object.fromEntries(engine.stats.bySource), {
      geckoterminal: { received: 3, applied: 2, secondary: 0, late: 0, duplicate: 1, invalid: 0 },
      birdeye: { received: 4, applied: 1, secondary: 1, late: 1, duplicate: 0, invalid: 1 },
    });
    assert.equal(engine.stats.inputs, 7);
  });
});

describe('trade de-duplication', () => {
  it('remembers ids only for the forming minute: a repeat in it is a duplicate, an older repeat is late', () => {
    const trade = (ts: number, id: string): Trade => ({ kind: 'trade', knownAt: ts, mint: 'MINT', pool: 'POOL', source: 'file', ts, priceUsd: 1, volumeUsd: 5, side: 'buy', id });
    const { engine } = run([trade(W + 1_000, 'a'), trade(W + 2_000, 'a'), trade(W + 61_000, 'b'), trade(W + 62_000, 'a')]);
    // 'a' again in the same minute: duplicate; 'a' at 62 s is a new minute's trade with a reused id, applied.
    assert.deepEqual(engine.stats.dropped, { late: 0, duplicate: 1, invalid: 0 });
    const rec = engine.tokens.get('MINT')!;
    // Two ids held, both of the forming minute: the first in its field, the other in the set.
    assert.equal((rec.firstTradeId === null ? 0 : 1) + (rec.tradeIds?.size ?? 0), 2);
  });
});

describe('gate data still on its way', () => {
  const strict = loadConfig({ env: {} }); // scan-like: gates without data reject, after the grace period
  const now0 = W + 111 * MINUTE_MS;
  const warmup: Candle[] = Array.from({ length: 110 }, (_, i) => ({ ...candle(W + i * MINUTE_MS, 1, 1, 1, 1, 10), mint: 'MINT', knownAt: now0, warmup: true }));
  const pool = { kind: 'pool', knownAt: now0, ts: now0, mint: 'MINT', pool: 'POOL', source: 'dexscreener', dex: 'x', priceUsd: 1, liquidityUsd: 100_000, volume24hUsd: 500_000, priceChange24hPct: null, buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null, marketCapUsd: null, baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: null } as const;
  const pump = (minute: number, close: number): Candle => ({ ...candle(W + minute * MINUTE_MS, 1, close, 1, close, 1000), mint: 'MINT' });
  const security = (at: number) => ({
    kind: 'security' as const, knownAt: at, ts: at, mint: 'MINT', pool: null, source: 'solana', program: 'spl-token' as const, mintAuthority: null, freezeAuthority: null, supply: '1', decimals: 6,
    extensions: { transferFeeBps: null, permanentDelegate: null, transferHookProgram: null, nonTransferable: false, defaultAccountFrozen: false, mintCloseAuthority: null, paused: false, names: [] },
    topHoldersPct: null, provenance: 'rpc' as const,
  });
  const runStrict = (inputs: Input[]) => {
    const events: ScanEvent[] = [];
    const e = new Engine(strict, { emit: (x) => events.push(x) });
    for (const i of inputs) e.push(i);
    return events.filter((x) => x.type === 'ignition' || x.type === 'rejected');
  };

  it('holds an ignition whose mint security has not arrived, and raises it once the data passes', () => {
    const out = runStrict([...warmup, pool, pump(111, 1.05), security(now0 + 90_000), pump(112, 1.06)]);
    assert.deepEqual(out.map((x) => `${x.type}@${(x.ts - W) / MINUTE_MS}`), ['ignition@113']);
  });

  it('rejects it for missing data once the grace period is over', () => {
    const out = runStrict([...warmup, pool, pump(111, 1.05), pump(112, 1.06), pump(114, 1.07)]);
    assert.equal(out.length, 1);
    assert.equal(out[0].type, 'rejected');
    // First seen at minute 111; the candle known at 113 is the first decision past the 2-minute grace.
    assert.equal((out[0].ts - W) / MINUTE_MS, 113);
    assert.deepEqual(out[0].type === 'rejected' && out[0].failed.map((g) => `${g.gate}:${g.reason}`), ['mint_authority:no_data', 'freeze_authority:no_data', 'token2022_traps:no_data']);
  });
});
