// Price and volume shape of a token at decision time, from the 4h bars of its SignalContext. Each is a
// pure function of bars with start before or at the signal bar (the forming bar for an ignition, the one
// that just closed for a confirmation), so nothing after the decision can reach it. Null when the bars
// needed are not there.
import type { Bar, SignalContext } from '../domain/index.js';

/** Closed 4h bars strictly before the signal bar, oldest first. */
export function barsBefore(ctx: SignalContext): readonly Bar[] {
  return ctx.closed4h.filter((b) => b.start < ctx.signal4h.start);
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
  for (const b of barsBefore(ctx)) hi = Math.max(hi, b.high);
  if (!(hi > 0) || !(ctx.price > 0)) return null;
  return (ctx.price / hi - 1) * 100;
}

/** Closed 4h bars of history the token has before the signal (capped by the engine's lookback, 60). */
export function historyBarsFeature(ctx: SignalContext): number {
  return barsBefore(ctx).length;
}

/** log of (signal-bar USD volume + 1) over (mean of the 6 closed bars before it + 1): volume building up or not. */
export function volumeTrendFeature(ctx: SignalContext): number | null {
  const prev = barsBefore(ctx).slice(-6);
  if (prev.length < 3) return null;
  const m = prev.reduce((s, b) => s + b.volumeUsd, 0) / prev.length;
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
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  if (!(m > 0)) return null;
  return Math.log((ctx.volume5mUsd + 1) / (m + 1));
}

/** Hour of the day of the decision, UTC (0..23). */
export function hourUtcFeature(ctx: SignalContext): number {
  return new Date(ctx.ts).getUTCHours();
}

/** Mean true range of the `n` bars ending at index `i` (null without `n` bars and a previous close). */
function meanTrueRange(bars: readonly Bar[], i: number, n: number): number | null {
  if (i - n < 0) return null;
  let s = 0;
  for (let j = i - n + 1; j <= i; j++) {
    const pc = bars[j - 1].close;
    s += Math.max(bars[j].high - bars[j].low, Math.abs(bars[j].high - pc), Math.abs(bars[j].low - pc));
  }
  return s / n;
}

/** Signal bar's high-low range over the ATR: how large this move is for this token. */
export function rangeToAtrFeature(ctx: SignalContext): number | null {
  if (ctx.atr === null || !(ctx.atr > 0)) return null;
  return (ctx.signal4h.high - ctx.signal4h.low) / ctx.atr;
}

/** Mean high-low range of the 3 closed bars before the signal bar over the ATR (volatility fading or building). */
export function recentRangeToAtrFeature(ctx: SignalContext): number | null {
  const hist = barsBefore(ctx).slice(-3);
  if (ctx.atr === null || !(ctx.atr > 0) || hist.length < 3) return null;
  return hist.reduce((s, b) => s + (b.high - b.low), 0) / 3 / ctx.atr;
}

/** The default ladder replayed on the token's own past bars: stop 1.5 ATR under the close, target 1.5 R, 6 bars (24h). */
export const LADDER_HISTORY = { atrBars: 14, stopAtr: 1.5, targetR: 1.5, horizonBars: 6, minTrials: 5 } as const;

/**
 * Share of the token's past closed bars from which the default ladder would have reached its target
 * before its stop within the horizon (stop checked first inside a bar, as the outcome tracker does).
 * Only trials whose horizon ended before the signal bar began count, so no bar after the decision is
 * read. Null with fewer than `minTrials` trials.
 */
export function ladderHistoryFeature(ctx: SignalContext): number | null {
  const bars = barsBefore(ctx);
  const { atrBars, stopAtr, targetR, horizonBars, minTrials } = LADDER_HISTORY;
  let wins = 0;
  let trials = 0;
  for (let i = atrBars; i + horizonBars < bars.length; i++) {
    const atr = meanTrueRange(bars, i, atrBars);
    if (atr === null || !(atr > 0)) continue;
    const stop = bars[i].close - stopAtr * atr;
    const target = bars[i].close + stopAtr * atr * targetR;
    trials++;
    for (let j = i + 1; j <= i + horizonBars; j++) {
      if (bars[j].low <= stop) break;
      if (bars[j].high >= target) {
        wins++;
        break;
      }
    }
  }
  return trials >= minTrials ? wins / trials : null;
}

/** The signal bar's move from its open to the decision price, in ATRs. */
export function moveToAtrFeature(ctx: SignalContext): number | null {
  if (ctx.atr === null || !(ctx.atr > 0)) return null;
  return (ctx.price - ctx.signal4h.open) / ctx.atr;
}
