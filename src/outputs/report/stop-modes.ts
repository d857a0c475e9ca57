import type { Config } from '../../config/index.js';
import type { OutcomeLine, ScanEvent } from '../../domain/index.js';
import { outcomeStats } from './outcomes.js';
import { distribution } from './stats.js';
import type { Distribution, OutcomeStats } from './types.js';

export type RiskConfig = Config['risk'];
type Events = Iterable<ScanEvent> | AsyncIterable<ScanEvent>;

/** One stop mode replayed over the same data: how many signals got a ladder, how far the stop was, how it went. */
export interface StopModeRow {
  mode: 'atr' | 'candle_low';
  /** k of the mode: stopAtrMultiple for atr, candleLowAtrMultiple for candle_low. */
  atrMultiple: number;
  signals: number;
  withLadder: number;
  /** Why the rest had none (insufficient_history, stop_not_positive, ...). */
  noLadder: Record<string, number>;
  /** Stop distance under entry, percent of entry. */
  stopDistancePct: Distribution;
  outcomes: OutcomeStats;
}

/** The same risk slice with the other stop rule. */
export function withStopMode(risk: RiskConfig, mode: 'atr' | 'candle_low'): RiskConfig {
  return { ...risk, stopMode: mode };
}

/** Folds one replay's events into a row for its stop mode. */
export async function stopModeRow(events: Events, risk: RiskConfig): Promise<StopModeRow> {
  const mode = risk.stopMode === 'candle_low' ? 'candle_low' : 'atr';
  let signals = 0;
  const noLadder: Record<string, number> = {};
  const distances: number[] = [];
  const outcomes: OutcomeLine[] = [];
  for await (const e of events) {
    if (e.type === 'ignition' || e.type === 'confirmation') {
      signals++;
      if (e.ladder) distances.push(((e.ladder.entry - e.ladder.sl) / e.ladder.entry) * 100);
      else noLadder[e.ladderUnavailable ?? 'unknown'] = (noLadder[e.ladderUnavailable ?? 'unknown'] ?? 0) + 1;
    } else if (e.type === 'outcome') outcomes.push(e);
  }
  return {
    mode, atrMultiple: mode === 'atr' ? risk.stopAtrMultiple : risk.candleLowAtrMultiple,
    signals, withLadder: distances.length, noLadder, stopDistancePct: distribution(distances), outcomes: outcomeStats(outcomes),
  };
}

/** Replays the data once per stop mode (the caller's `replay` runs the engine with that risk slice). */
export async function compareStopModes(replay: (risk: RiskConfig) => Events | Promise<Events>, risk: RiskConfig): Promise<StopModeRow[]> {
  const rows: StopModeRow[] = [];
  for (const mode of ['atr', 'candle_low'] as const) {
    const r = withStopMode(risk, mode);
    rows.push(await stopModeRow(await replay(r), r));
  }
  return rows;
}
