// Price and volume shape of a token at decision time, from the 4h bars of its SignalContext. Each is a
// pure function of bars with start before or at the signal bar (the forming bar for an ignition, the one
// that just closed for a confirmation), so nothing after the decision can reach it. Null when the bars
// needed are not there.
import type { Bar, SignalContext } from '../domain/index.js';

/**
 * Closed 4h bars strictly before the signal bar, oldest first. The engine's contexts hold only those, so the
 * context's own array is returned (no copy per feature); a later bar in it is filtered out.
 */
export function barsBefore(ctx: SignalContext): readonly Bar[] {
  const bars = ctx.closed4h;
  const start = ctx.signal4h.start;
  for (let i = 0; i < bars.length; i++) if (!(bars[i].start < start)) return bars.filter((b) => b.start < start);
  return bars;
}

/** Index where `xs.slice(-k)` starts in an array of `len` items (k >= 1: the last k, or all when fewer). */
export function lastFrom(len: number, k: number): number {
  return k >= 1 ? Math.max(0, len - Math.trunc(k)) : 0;
}

/** ATR as a percent of price: the stop sits 1.5 ATR under entry, so this is the stop distance / 1.5. */
export function atrPctFeature(ctx: SignalContext): number | null {
  if (ctx.atr === null || !(ctx.atr > 0) || !(ctx.price > 0)) return null;
  return (ctx.atr / ctx.price) * 100;
}

/** Percent change from the close `n` closed bars before the signal bar's start to the decision price. */
export function returnFeature(ctx: SignalContext, n: number): number | null {
  const hist = barsBefore(ctx);
  const ref = hist[hist.length - n];
  if (!ref || !(ref.close > 0) || !(ctx.price > 0)) return null;
  return (ctx.price / ref.close - 1) * 100;
}

/** Percent under the highest high of the known bars (the signal bar included), 0 at a new high, negative below. */
export function fromHighFeature(ctx: SignalContext): number | null {
  let hi = ctx.signal4h.high;
  const hist = barsBefore(ctx);
  for (let i = 0; i < hist.length; i++) hi = Math.max(hi, hist[i].high);
  if (!(hi > 0) || !(ctx.price > 0)) return null;
  return (ctx.price / hi - 1) * 100;
}

/** Closed 4h bars of history the token has before the signal (capped by the engine's lookback, 60). */
export function historyBarsFeature(ctx: SignalContext): number {
  return barsBefore(ctx).length;
}

/** log of (signal-bar USD volume + 1) over (mean of the 6 closed bars before it + 1): volume building up or not. */
export function volumeTrendFeature(ctx: SignalContext): number | null {
  const hist = barsBefore(ctx);
  const from = lastFrom(hist.length, 6);
  const n = hist.length - from;
  if (n < 3) return null;
  let s = 0;
  for (let i = from; i < hist.length; i++) s += hist[i].volumeUsd;
  const m = s / n;
  return Math.log((ctx.signal4h.volumeUsd + 1) / (m + 1));
}

/** Where the decision price sits in the signal bar's range, 0 = at the low, 1 = at the high. */
export function closeLocationFeature(ctx: SignalContext): number | null {
  const { high, low } = ctx.signal4h;
  if (!(high > low)) return null;
  return Math.min(1, Math.max(0, (ctx.price - low) / (high - low)));
}

/** Share of the signal bar's range above its body (sold off from the high). */
export function upperWickFeature(ctx: SignalContext): number | null {
  const { high, low, open } = ctx.signal4h;
  if (!(high > low)) return null;
  return Math.min(1, Math.max(0, (high - Math.max(open, ctx.price)) / (high - low)));
}

/** Signal bar's high-low range as a percent of its open. */
export function rangePctFeature(ctx: SignalContext): number | null {
  const { high, low, open } = ctx.signal4h;
  if (!(open > 0) || !(high >= low)) return null;
  return ((high - low) / open) * 100;
}

/** Closed bars in a row before the signal bar that closed above their open. */
export function upBarsInRowFeature(ctx: SignalContext): number {
  const hist = barsBefore(ctx);
  let n = 0;
  for (let i = hist.length - 1; i >= 0 && hist[i].close > hist[i].open; i--) n++;
  return n;
}

/** Signal-bar USD volume over the lead pool's liquidity (turnover of the pool in 4h). */
export function volumeToLiquidityFeature(ctx: SignalContext): number | null {
  const l = ctx.liquidityUsd;
  if (l === null || !(l > 0)) return null;
  return ctx.signal4h.volumeUsd / l;
}

/** log of the current 5m volume over the mean of the closed 5m volumes before it (null without 5m data). */
export function volume5mRatioFeature(ctx: SignalContext): number | null {
  const v = ctx.volumes5m;
  if (v.length < 12) return null;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const m = s / v.length;
  if (!(m > 0)) return null;
  return Math.log((ctx.volume5mUsd + 1) / (m + 1));
}

/** Hour of the day of the decision, UTC (0..23). */
export function hourUtcFeature(ctx: SignalContext): number {
  return new Date(ctx.ts).getUTCHours();
}
