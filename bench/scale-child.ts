// One scale measurement in a fresh process (RSS belongs to it alone): `tokens` tokens built up to full
// windows in the Engine from real CBRL candle shapes, then steady-state trades and 1m candles, timed.
// Prints one JSON line. Run: node --expose-gc dist/bench/scale-child.js <tokens>
import { Engine } from '../src/run/engine.js';
import { loadConfig } from '../src/config/load.js';
import { confidenceOf } from '../src/run/commands/replay.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../src/domain/time.js';
import type { Candle, Input, Trade } from '../src/domain/market.js';
import { poolId } from './gen.js';
import { cbrl1m, cbrl4h, pathThrough, signatureLike, type Ohlcv } from './cbrl.js';
import { gc } from './md.js';

const TOKENS = Number(process.argv[2] ?? 10_000);
const BARS_4H = 64;
const HISTORY_1M = 130;
const STEADY_TRADES_PER_TOKEN = 100;
const STEADY_1M = 10;
const T0 = Date.UTC(2025, 8, 1);

const root = process.cwd();
const bars4h = cbrl4h();
const rows1m = cbrl1m(root);
const mints = Array.from({ length: TOKENS }, (_, i) => poolId(i));
const pools = Array.from({ length: TOKENS }, (_, i) => poolId(1_000_000 + i));
const cfg = loadConfig({ presets: ['replay'], env: {} });
const events = new Map<string, number>();

const candle = (j: number, c: Ohlcv, start: number, intervalMs: number): Candle => ({
  kind: 'candle', knownAt: start + intervalMs, mint: mints[j], pool: pools[j], source: 'file',
  start, intervalMs, open: c.open, high: c.high, low: c.low, close: c.close, volumeUsd: c.volumeUsd, final: true,
});

/** Pushes chunks produced by `make`, timing only the pushes; returns [inputs, ns]. */
function timed(engine: Engine, chunks: number, make: (k: number) => Input[]): [number, number] {
  let n = 0;
  let ns = 0;
  for (let k = 0; k < chunks; k++) {
    const chunk = make(k);
    const t = process.hrtime.bigint();
    for (const x of chunk) engine.push(x);
    ns += Number(process.hrtime.bigint() - t);
    n += chunk.length;
  }
  return [n, ns];
}

const heap = () => process.memoryUsage();
gc();
const before = heap();
const engine = new Engine(cfg, { emit: (e) => events.set(e.type, (events.get(e.type) ?? 0) + 1), confidence: confidenceOf(cfg) });

// History: 64 closed 4h bars per token (CBRL's native 4h bars, each token starting elsewhere in them),
// then 130 minutes of CBRL 1m candles in the next 4h window: 26 closed 5m bars and forming 1m/5m/4h.
const [n4h, ns4h] = timed(engine, BARS_4H, (k) => mints.map((_, j) => candle(j, bars4h[(k + j) % bars4h.length], T0 + k * FOUR_HOUR_MS, FOUR_HOUR_MS)));
const T1 = T0 + BARS_4H * FOUR_HOUR_MS;
const [n1m, ns1m] = timed(engine, HISTORY_1M, (k) => mints.map((_, j) => candle(j, rows1m[(k + j * 7) % rows1m.length], T1 + k * MINUTE_MS, MINUTE_MS)));
gc();
const fullNow = heap();
// Freed heap pages go back to the OS lazily: measure again after an idle moment.
await new Promise((r) => setTimeout(r, 2000));
gc();
const full = heap();


// Steady state: trades with signature-shaped ids (each remembered in the token's duplicate window),
// at prices walking through the next CBRL 1m candle of each token.
const T2 = T1 + HISTORY_1M * MINUTE_MS;
let seq = 0;
const [nTr, nsTr] = timed(engine, STEADY_TRADES_PER_TOKEN, (k) => mints.map((_, j): Trade => {
  const c = rows1m[(HISTORY_1M + j * 7) % rows1m.length];
  const price = pathThrough(c, STEADY_TRADES_PER_TOKEN)[k];
  const ts = T2 + Math.floor((k * MINUTE_MS) / STEADY_TRADES_PER_TOKEN);
  return { kind: 'trade', knownAt: ts, mint: mints[j], pool: pools[j], source: 'file', ts, priceUsd: price, volumeUsd: c.volumeUsd / STEADY_TRADES_PER_TOKEN, side: k % 2 ? 'sell' : 'buy', id: signatureLike(seq++) };
}));
gc();
const withIds = heap();
const T3 = T2 + MINUTE_MS;
const [nC, nsC] = timed(engine, STEADY_1M, (k) => mints.map((_, j) => candle(j, rows1m[(HISTORY_1M + 1 + k + j * 7) % rows1m.length], T3 + k * MINUTE_MS, MINUTE_MS)));

const rec = engine.tokens.get(mints[0])!;
const check = { closed4h: rec.w.closed4h.size, vol5m: rec.w.vol5m.size, atr: rec.w.atr.value !== null, forming4h: rec.w.t4h.start !== null, forming5m: rec.w.t5m.start !== null };
process.stdout.write(JSON.stringify({
  tokens: engine.tokens.size, check, events: Object.fromEntries(events),
  rss: { before: before.rss, busy: fullNow.rss, full: full.rss, withIds: withIds.rss }, heapUsed: { before: before.heapUsed, full: full.heapUsed, withIds: withIds.heapUsed },
  heapTotal: { before: before.heapTotal, full: full.heapTotal, withIds: withIds.heapTotal },
  idsPerToken: STEADY_TRADES_PER_TOKEN,
  phases: { history4h: [n4h, ns4h], history1m: [n1m, ns1m], trades: [nTr, nsTr], candles1m: [nC, nsC] },
  maxRss: process.resourceUsage().maxRSS * 1024,
}) + '\n');
