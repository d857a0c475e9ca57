import type { Ladder, StopMode } from '../domain/signals.js';

export interface LadderConfig {
  /** `atr` or `candle_low` (validated by the config schema). */
  stopMode: StopMode | string;
  /** k in entry - k x ATR (default 1.5). */
  stopAtrMultiple: number;
  /** k in signal-candle low - k x ATR (default 0.5). */
  candleLowAtrMultiple: number;
  /** TP1..TP3 in R (default [1.5, 3, 5]). */
  targetsR: readonly number[];
  breakevenAfterTp1: boolean;
}

/** Stop distance under entry in percent of entry, rounded to 4 decimals (young pump tokens: often 30-95%). */
export function stopDistancePct(entry: number, sl: number): number {
  return Math.round(((entry - sl) / entry) * 100 * 1e4) / 1e4;
}

export type LadderResult = { ladder: Ladder; unavailable: null } | { ladder: null; unavailable: string };

/**
 * Entry, stop and targets from the ATR. Never invents an ATR: without one the ladder is unavailable,
 * and so it is when the stop would not be a positive price below entry (ATR larger than the price).
 */
export function ladderFor(entry: number, atrValue: number | null, signalLow: number, cfg: LadderConfig): LadderResult {
  if (atrValue === null) return { ladder: null, unavailable: 'insufficient_history' };
  if (!(atrValue > 0)) return { ladder: null, unavailable: 'zero_atr' };
  const mode: StopMode = cfg.stopMode === 'candle_low' ? 'candle_low' : 'atr';
  const sl = mode === 'atr' ? entry - cfg.stopAtrMultiple * atrValue : signalLow - cfg.candleLowAtrMultiple * atrValue;
  if (!(sl > 0)) return { ladder: null, unavailable: 'stop_not_positive' };
  const r = entry - sl;
  if (!(r > 0)) return { ladder: null, unavailable: 'stop_not_below_entry' };
  const [a, b, c] = cfg.targetsR;
  return {
    ladder: {
      entry,
      sl,
      tp: [entry + a * r, entry + b * r, entry + c * r],
      atr: atrValue,
      r,
      slMode: mode,
      breakevenAfterTp1: cfg.breakevenAfterTp1,
      stopDistancePct: stopDistancePct(entry, sl),
    },
    unavailable: null,
  };
}
