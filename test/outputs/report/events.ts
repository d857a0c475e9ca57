// Hand-made event builders for report edge cases (the real-data proof replays ../shared/data).
import type { ConfirmationLine, IgnitionLine, Ladder, OutcomeLine, OutcomeResult, WindowClosed } from '../../../src/domain/index.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../../src/domain/index.js';

const base = (mint: string, symbol: string | null) => ({ v: 1 as const, mint, pool: `${mint}-pool`, symbol });
const ladder = (entry: number): Ladder => ({ entry, sl: entry * 0.9, tp: [entry * 1.15, entry * 1.3, entry * 1.5], atr: entry * 0.066, r: entry * 0.1, slMode: 'atr', breakevenAfterTp1: true });

export function windowEv(mint: string, i: number, changePct: number, firstUpMin: number | null = null, symbol: string | null = null): WindowClosed {
  const start = i * FOUR_HOUR_MS;
  const open = 1;
  const close = open * (1 + changePct / 100);
  return {
    type: 'window', ts: start + FOUR_HOUR_MS, mint, pool: `${mint}-pool`, symbol,
    bar: { start, intervalMs: FOUR_HOUR_MS, open, high: Math.max(open, close), low: Math.min(open, close), close, volumeUsd: 1000 },
    changePct, firstUpThresholdAt: firstUpMin === null ? null : start + firstUpMin * MINUTE_MS,
  };
}

export function ignitionEv(mint: string, i: number, atMin: number, score: number | null, symbol: string | null = null): IgnitionLine {
  const start = i * FOUR_HOUR_MS;
  return {
    ...base(mint, symbol), type: 'ignition', id: `ign-${mint}-${i}`, ts: start + atMin * MINUTE_MS, window4hStart: start,
    changePct: 3, volumeRatio5m: 4, volume5mUsd: 400, volumeSma5mUsd: 100, price: 1.03, ladder: ladder(1.03), ladderUnavailable: null,
    gates: [], confidence: { score, p: null, calibrated: false, features: {} },
  };
}

export function confirmationEv(mint: string, i: number, changePct: number, score: number | null, symbol: string | null = null): ConfirmationLine {
  const start = i * FOUR_HOUR_MS;
  const close = 1 + changePct / 100;
  return {
    ...base(mint, symbol), type: 'confirmation', id: `conf-${mint}-${i}`, ts: start + FOUR_HOUR_MS, window4hStart: start,
    open: 1, high: close, low: 1, close, volumeUsd: 1000, changePct, ladder: ladder(close), ladderUnavailable: null, ignitionId: null,
    gates: [], confidence: { score, p: null, calibrated: false, features: {} },
  };
}

export function outcomeEv(signal: IgnitionLine | ConfirmationLine, result: OutcomeResult, rMultiple: number, mfePct: number, maePct: number): OutcomeLine {
  return {
    ...base(signal.mint!, signal.symbol), type: 'outcome', id: `out-${signal.id}`, ts: signal.ts + 60 * MINUTE_MS, signalId: signal.id,
    signalType: signal.type, result, exit: result === 'SL' ? 'stop' : 'horizon', entry: 1, exitPrice: 1, rMultiple, mfePct, maePct, durationMs: 60 * MINUTE_MS,
  };
}
