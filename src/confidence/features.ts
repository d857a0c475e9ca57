import type { SignalContext } from '../domain/index.js';
import type { ConfidenceConfig, FeatureName } from './config.js';
import { percentileRank, rsi, smaSlopePct, zScore } from './indicators.js';
import * as shape from './price-features.js';
import { barsBefore, lastFrom } from './price-features.js';
import * as atrShape from './atr-features.js';

/**
 * Closes known at decision time. A confirmation decides on the candle that just closed, so it joins the
 * series; an ignition's candle is still forming, so it does not.
 */
function knownCloses(ctx: SignalContext): number[] {
  const bars = ctx.closed4h;
  const closes: number[] = [];
  for (let i = 0; i < bars.length; i++) closes.push(bars[i].close);
  const last = bars.length > 0 ? bars[bars.length - 1] : undefined;
  if (ctx.kind === 'confirmation' && (!last || last.start < ctx.signal4h.start)) closes.push(ctx.signal4h.close);
  return closes;
}

/**
 * Volume z-score on log(1 + USD volume): meme-token volumes are heavy-tailed, so one outlier bar would
 * otherwise dominate the deviation. The signal bar (partial for an ignition) is compared with the closed
 * bars before it.
 */
export function volumeZFeature(ctx: SignalContext, lookback: number): number | null {
  const hist = barsBefore(ctx);
  const logs: number[] = [];
  for (let i = lastFrom(hist.length, lookback); i < hist.length; i++) logs.push(Math.log1p(hist[i].volumeUsd));
  return zScore(Math.log1p(ctx.signal4h.volumeUsd), logs);
}

/** Buy share 0..1 of USD volume from sided trades, else of the lead pool's 24h buy and sell counts. */
export function buyShareFeature(ctx: SignalContext): number | null {
  const { buyVolumeUsd: b, sellVolumeUsd: s } = ctx;
  if (b !== null && s !== null && b + s > 0) return b / (b + s);
  const { buys24h: nb, sells24h: ns } = ctx;
  if (nb !== null && ns !== null && nb + ns > 0) return nb / (nb + ns);
  return null;
}

/** Percent gap between the signal price and the liquidity-weighted mean price of the token's other pools. */
export function crossPoolDeviationFeature(ctx: SignalContext): number | null {
  let wsum = 0;
  let psum = 0;
  const pools = ctx.otherPools;
  for (let i = 0; i < pools.length; i++) {
    const p = pools[i];
    if (!(p.priceUsd > 0)) continue;
    const w = p.liquidityUsd !== null && p.liquidityUsd > 0 ? p.liquidityUsd : 1;
    wsum += w;
    psum += w * p.priceUsd;
  }
  if (wsum === 0 || !(ctx.price > 0)) return null;
  return Math.abs(psum / wsum / ctx.price - 1) * 100;
}

/** Lead-pool liquidity over its 24h volume (low = high turnover). */
export function liquidityToVolumeFeature(ctx: SignalContext): number | null {
  const { liquidityUsd: l, volume24hUsd: v } = ctx;
  if (l === null || v === null || !(l > 0) || !(v > 0)) return null;
  return l / v;
}

/** Every feature at signal time; null marks a missing one (never silently zero). Pure, no look-ahead. */
export function computeFeatures(ctx: SignalContext, cfg: ConfidenceConfig): Record<FeatureName, number | null> {
  const closes = knownCloses(ctx);
  // The last `atrPercentileLookback` values, copied only when there are more.
  const from = lastFrom(ctx.atrHistory.length, cfg.atrPercentileLookback);
  const atrHist = from === 0 ? ctx.atrHistory : ctx.atrHistory.slice(from);
  return {
    volumeZ: volumeZFeature(ctx, cfg.volumeLookbackBars),
    rsi: rsi(closes, cfg.rsiPeriod),
    smaSlope: smaSlopePct(closes, cfg.smaBars),
    atrPercentile: ctx.atr === null ? null : percentileRank(ctx.atr, atrHist),
    buyShare: buyShareFeature(ctx),
    crossPoolDeviation: crossPoolDeviationFeature(ctx),
    liquidityToVolume: liquidityToVolumeFeature(ctx),
    uniqueTraders: ctx.tradeFlow?.uniqueTraders4h ?? null,
    creatorSellUsd: ctx.tradeFlow?.creatorSellUsd ?? null,
    launchSlotBuyShare: ctx.tradeFlow?.launchSlotBuyShare ?? null,
    holderConcentration: ctx.holderConcentration ?? null,
    atrPct: shape.atrPctFeature(ctx),
    return1: shape.returnFeature(ctx, 1),
    return3: shape.returnFeature(ctx, 3),
    return6: shape.returnFeature(ctx, 6),
    fromHigh: shape.fromHighFeature(ctx),
    historyBars: shape.historyBarsFeature(ctx),
    volumeTrend: shape.volumeTrendFeature(ctx),
    closeLocation: shape.closeLocationFeature(ctx),
    upperWick: shape.upperWickFeature(ctx),
    rangePct: shape.rangePctFeature(ctx),
    upBarsInRow: shape.upBarsInRowFeature(ctx),
    volumeToLiquidity: shape.volumeToLiquidityFeature(ctx),
    volume5mRatio: shape.volume5mRatioFeature(ctx),
    hourUtc: shape.hourUtcFeature(ctx),
    rangeToAtr: atrShape.rangeToAtrFeature(ctx),
    recentRangeToAtr: atrShape.recentRangeToAtrFeature(ctx),
    ladderHistory: atrShape.ladderHistoryFeature(ctx),
    moveToAtr: atrShape.moveToAtrFeature(ctx),
  };
}
