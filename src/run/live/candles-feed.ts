import type { Candle, Watermark } from '../../domain/market.js';
import { FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../../domain/time.js';
import type { Store } from '../../store/index.js';
import type { GeckoTerminalClient } from '../../sources/geckoterminal/client.js';
import type { Tracked } from './universe.js';

export interface CandleFeedConfig {
  backfill4hBars: number;
  backfill1mMinutes: number;
}

/** What the candle feed needs: the candle source, the store (warm start) and the pipeline. */
export interface CandleFeedDeps {
  gecko: GeckoTerminalClient;
  store: Store;
  now(): number;
  push(c: Candle | Watermark): void;
}

/**
 * The free GeckoTerminal API refreshes about once a minute, so a poll at time P is only trusted to be
 * complete up to two minutes before P: that is the watermark it sends.
 */
const UPSTREAM_LAG_MS = 2 * MINUTE_MS;

function watermark(mint: string, pool: string, now: number): Watermark {
  return { kind: 'watermark', knownAt: now, mint, pool, through: bucketStart(now - UPSTREAM_LAG_MS, MINUTE_MS) };
}

const cursorKey = (mint: string) => `candles1m:${mint}`;

/** Marks candles as the token's and as final only when their interval has ended by `now`. */
function own(cs: Candle[], mint: string, pool: string, now: number, warmup: boolean): Candle[] {
  return cs.map((c) => ({ ...c, mint, pool, final: c.start + c.intervalMs <= now, ...(warmup ? { warmup: true } : {}) }));
}

/**
 * History for a newly admitted token: closed 4h candles before W (for ATR) and 1m candles from W
 * (for the 5m volume average and the forming window), W being the 4h boundary at least
 * `backfill1mMinutes` ago. Taken from the store where it has them (no re-download after a restart),
 * else from GeckoTerminal; stored for the next start. All of it is marked warm-up.
 */
export async function backfill(t: Tracked, cfg: CandleFeedConfig, d: CandleFeedDeps): Promise<number> {
  const pool = t.lead!;
  const now = d.now();
  const w = bucketStart(now - cfg.backfill1mMinutes * MINUTE_MS, FOUR_HOUR_MS);
  const since4h = w - (cfg.backfill4hBars + 1) * FOUR_HOUR_MS;
  let bars = d.store.loadCandles(t.mint, FOUR_HOUR_MS, since4h).filter((c) => c.start + FOUR_HOUR_MS <= w);
  // Fetch only when the store lacks the latest closed bar before W; a young token simply has fewer bars.
  // After a restart that crossed a 4h boundary only the bars after the last stored one are fetched.
  const lastEnd = bars.length ? bars[bars.length - 1].start + FOUR_HOUR_MS : null;
  if (lastEnd === null || lastEnd < w) {
    const missing = lastEnd === null ? cfg.backfill4hBars : Math.min(cfg.backfill4hBars, (w - lastEnd) / FOUR_HOUR_MS);
    const fetched = await d.gecko.ohlcv(pool, { timeframe: 'hour', aggregate: 4, limit: missing + 2 });
    const fresh = own(fetched, t.mint, pool, now, true).filter((c) => c.final && c.start + FOUR_HOUR_MS <= w);
    d.store.upsertCandles(t.mint, fresh);
    const byStart = new Map([...bars, ...fresh].map((c) => [c.start, c]));
    bars = [...byStart.values()].sort((a, b) => a.start - b.start).filter((c) => c.start >= since4h);
  }
  let minutes = d.store.loadCandles(t.mint, MINUTE_MS, w);
  const lastStored = minutes.at(-1)?.start ?? w - MINUTE_MS;
  if (now - (lastStored + MINUTE_MS) >= MINUTE_MS) {
    const fresh = own(await d.gecko.ohlcvRange(pool, 'minute', 1, lastStored + MINUTE_MS, now), t.mint, pool, now, true);
    d.store.upsertCandles(t.mint, fresh.filter((c) => c.final));
    minutes = [...minutes, ...fresh.filter((c) => c.start > lastStored)];
  }
  for (const c of bars) d.push({ ...c, knownAt: now, warmup: true });
  let lastFinal = -Infinity;
  for (const c of minutes) {
    d.push({ ...c, knownAt: now, warmup: true, final: c.start + MINUTE_MS <= now });
    if (c.start + MINUTE_MS <= now) lastFinal = c.start;
  }
  if (lastFinal > -Infinity) d.store.setCursor(cursorKey(t.mint), String(lastFinal), now);
  d.push(watermark(t.mint, pool, now));
  return bars.length + minutes.length;
}

/**
 * New 1m candles of the lead pool since the last final one fed: final ones once, the still-forming
 * one as provisional (replaced by the next poll, then by its final version).
 */
export async function pollCandles(t: Tracked, d: CandleFeedDeps): Promise<number> {
  const pool = t.lead!;
  const now = d.now();
  const last = Number(d.store.getCursor(cursorKey(t.mint))?.value ?? now - 10 * MINUTE_MS);
  const limit = Math.min(1000, Math.max(2, Math.ceil((now - last) / MINUTE_MS) + 1));
  const cs = own(await d.gecko.ohlcv(pool, { timeframe: 'minute', aggregate: 1, limit }), t.mint, pool, now, false).filter((c) => c.start > last);
  let lastFinal = last;
  for (const c of cs) {
    d.push(c);
    if (c.final) lastFinal = c.start;
  }
  d.store.upsertCandles(t.mint, cs.filter((c) => c.final));
  if (lastFinal > last) d.store.setCursor(cursorKey(t.mint), String(lastFinal), now);
  d.push(watermark(t.mint, pool, now));
  return cs.length;
}
