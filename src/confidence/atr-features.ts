// Features measured in ATRs of the token's own 4h bars: how large the current move and the recent bars are
// against the volatility the ladder is built from, and how the default ladder fared on the token's past
// bars. Pure functions of the SignalContext; bars after the signal bar are never read.
import type { Bar, SignalContext } from '../domain/index.js';
import { barsBefore, lastFrom } from './price-features.js';

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
  const hist = barsBefore(ctx);
  const from = lastFrom(hist.length, 3);
  if (ctx.atr === null || !(ctx.atr > 0) || hist.length - from < 3) return null;
  let s = 0;
  for (let i = from; i < hist.length; i++) s += hist[i].high - hist[i].low;
  return s / 3 / ctx.atr;
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
