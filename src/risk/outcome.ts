import type { Ladder, OutcomeResult, SignalKind } from '../domain/signals.js';

/** Follows one signal's ladder through later prices to TP1/TP2/TP3/SL/TIMEOUT. */
export interface OutcomeTracker {
  signalId: string;
  signalType: SignalKind;
  tokenKey: string;
  mint: string | null;
  pool: string | null;
  startTs: number;
  deadline: number;
  ladder: Ladder;
  /** Targets reached so far (0..3). */
  hits: number;
  /** Price at which each reached target's third was taken. */
  high: number;
  low: number;
  lastClose: number;
  done: boolean;
}

export interface OutcomeResultData {
  result: OutcomeResult;
  exit: 'tp3' | 'breakeven' | 'stop' | 'horizon';
  exitPrice: number;
  rMultiple: number;
  mfePct: number;
  maePct: number;
  endTs: number;
}

export function newTracker(
  signalId: string, signalType: SignalKind, tokenKey: string, mint: string | null, pool: string | null,
  startTs: number, horizonMs: number, ladder: Ladder,
): OutcomeTracker {
  const e = ladder.entry;
  return { signalId, signalType, tokenKey, mint, pool, startTs, deadline: startTs + horizonMs, ladder, hits: 0, high: e, low: e, lastClose: e, done: false };
}

const RESULTS: OutcomeResult[] = ['SL', 'TP1', 'TP2', 'TP3'];

/**
 * Realised R when a third of the position is taken at each target reached and the rest leaves at
 * `exitPrice`. SL = -1R; TP1 then breakeven = 0.5R with targets 1.5/3/5R; TP3 = the mean of the targets.
 */
export function realisedR(l: Ladder, hits: number, exitPrice: number): number {
  let sum = 0;
  for (let i = 0; i < 3; i++) sum += i < hits ? (l.tp[i] - l.entry) / l.r : (exitPrice - l.entry) / l.r;
  return sum / 3;
}

function finish(t: OutcomeTracker, exit: OutcomeResultData['exit'], exitPrice: number, endTs: number): OutcomeResultData {
  t.done = true;
  const e = t.ladder.entry;
  return {
    result: exit === 'horizon' && t.hits === 0 ? 'TIMEOUT' : RESULTS[t.hits],
    exit,
    exitPrice,
    rMultiple: realisedR(t.ladder, t.hits, exitPrice),
    mfePct: ((t.high - e) / e) * 100,
    maePct: ((t.low - e) / e) * 100,
    endTs,
  };
}

/**
 * Folds a later price range into the tracker. Within one range the stop is checked before the
 * targets (the order inside a candle is unknown, so the conservative reading is taken).
 */
export function trackPrice(t: OutcomeTracker, high: number, low: number, close: number, ts: number): OutcomeResultData | null {
  if (t.done) return null;
  if (high > t.high) t.high = high;
  if (low < t.low) t.low = low;
  t.lastClose = close;
  const l = t.ladder;
  const atBreakeven = t.hits > 0 && l.breakevenAfterTp1;
  const stop = atBreakeven ? l.entry : l.sl;
  if (low <= stop) return finish(t, atBreakeven ? 'breakeven' : 'stop', stop, ts);
  while (t.hits < 3 && high >= l.tp[t.hits]) t.hits += 1;
  if (t.hits === 3) return finish(t, 'tp3', l.tp[2], ts);
  return null;
}

/** Ends the tracker at its horizon with the last price seen. */
export function timeoutTracker(t: OutcomeTracker): OutcomeResultData {
  return finish(t, 'horizon', t.lastClose, t.deadline);
}
