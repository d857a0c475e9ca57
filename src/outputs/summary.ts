import type { OutcomeResult, ScanEvent } from '../domain/signals.js';
import { FOUR_HOUR_MS } from '../domain/time.js';

/** Headline figures of a replay, built by folding its events. */
export interface ReplaySummary {
  /** Every token replayed (any record of it reached the engine). */
  tokens: number;
  /** Tokens with 5m data, the only ones that can ignite (1h or 4h series cannot). */
  tokensWith5m: number;
  /** Tokens whose last 4h window was still open when the input ended (its data stopped inside it). */
  windowsOpenAtEnd: number;
  inputs: number;
  windows4h: number;
  /** Closed 4h windows at or above the confirmation threshold. */
  windowsUp: number;
  confirmations: number;
  ignitions: number;
  /** Ignitions whose window went on to confirm. */
  ignitionsConfirmed: number;
  /** Minutes from an ignition to the close of its confirmed window: median and 90th percentile. */
  ignitionToCloseMin: { median: number; p90: number } | null;
  fades: number;
  rejected: number;
  nearMisses: number;
  outcomes: Record<OutcomeResult, number>;
  /**
   * Signals with a ladder whose outcome was not decided when the data ended: their horizon runs past the
   * end of the input, or in a file replay past their own series' end. They have no outcome line.
   */
  openOutcomes: number;
  /** Signals without a ladder (too little 4h history), which are not tracked. */
  noLadder: number;
  dropped: { late: number; duplicate: number; invalid: number };
}

export interface SummaryAcc {
  /** Tokens seen in window events; null when the engine's own counts will give them (finishSummary's counts). */
  tokens: Set<string> | null;
  windows: number;
  windowsUp: number;
  confirmations: number;
  ignitions: Map<string, number>;
  leadMinutes: number[];
  fades: number;
  rejected: number;
  nearMisses: number;
  outcomes: Record<OutcomeResult, number>;
  tracked: number;
  noLadder: number;
  dropped: { late: number; duplicate: number; invalid: number };
}

/** `countTokens` false: the caller passes the engine's counts to finishSummary, so window events need not be keyed. */
export function newSummaryAcc(countTokens = true): SummaryAcc {
  return {
    tokens: countTokens ? new Set() : null, windows: 0, windowsUp: 0, confirmations: 0, ignitions: new Map(), leadMinutes: [], fades: 0, rejected: 0,
    nearMisses: 0, outcomes: { TP1: 0, TP2: 0, TP3: 0, SL: 0, TIMEOUT: 0 }, tracked: 0, noLadder: 0, dropped: { late: 0, duplicate: 0, invalid: 0 },
  };
}

export function addToSummary(a: SummaryAcc, e: ScanEvent, upThresholdPct: number): void {
  switch (e.type) {
    case 'window':
      a.tokens?.add(e.mint ?? `pool:${e.pool}`);
      a.windows += 1;
      if (e.changePct >= upThresholdPct - 1e-9) a.windowsUp += 1;
      return;
    case 'ignition':
      a.ignitions.set(e.id, e.ts);
      if (e.ladder) a.tracked += 1;
      else a.noLadder += 1;
      return;
    case 'confirmation':
      a.confirmations += 1;
      if (e.ladder) a.tracked += 1;
      else a.noLadder += 1;
      if (e.ignitionId && a.ignitions.has(e.ignitionId)) a.leadMinutes.push((e.window4hStart + FOUR_HOUR_MS - a.ignitions.get(e.ignitionId)!) / 60_000);
      return;
    case 'fade': a.fades += 1; return;
    case 'rejected': a.rejected += 1; return;
    case 'near_miss': a.nearMisses += 1; return;
    case 'outcome': a.outcomes[e.result] += 1; return;
    case 'dropped': a.dropped[e.reason] += 1; return;
    default:
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** What only the engine knows at the end: every token replayed, those with 5m data, open windows. */
export interface EngineCounts {
  tokens: number;
  tokensWith5m: number;
  windowsOpenAtEnd: number;
}

export function finishSummary(a: SummaryAcc, inputs: number, counts?: EngineCounts): ReplaySummary {
  const lead = [...a.leadMinutes].sort((x, y) => x - y);
  const decided = Object.values(a.outcomes).reduce((s, n) => s + n, 0);
  return {
    tokens: counts?.tokens ?? a.tokens?.size ?? 0, tokensWith5m: counts?.tokensWith5m ?? 0, windowsOpenAtEnd: counts?.windowsOpenAtEnd ?? 0, inputs, windows4h: a.windows, windowsUp: a.windowsUp, confirmations: a.confirmations,
    ignitions: a.ignitions.size, ignitionsConfirmed: lead.length,
    ignitionToCloseMin: lead.length ? { median: percentile(lead, 50), p90: percentile(lead, 90) } : null,
    fades: a.fades, rejected: a.rejected, nearMisses: a.nearMisses, outcomes: a.outcomes,
    openOutcomes: a.tracked - decided, noLadder: a.noLadder, dropped: a.dropped,
  };
}

export function formatSummary(s: ReplaySummary): string {
  const o = s.outcomes;
  const lead = s.ignitionToCloseMin ? `median ${s.ignitionToCloseMin.median.toFixed(0)} min, p90 ${s.ignitionToCloseMin.p90.toFixed(0)} min before close` : 'no lead times';
  return [
    `tokens ${s.tokens} (${s.tokensWith5m} with 5m data could ignite)  inputs ${s.inputs}  4h windows ${s.windows4h} (${s.windowsUp} up >= threshold; ${s.windowsOpenAtEnd} open at end of data)`,
    `confirmations ${s.confirmations}  ignitions ${s.ignitions} (${s.ignitionsConfirmed} preceded a confirmation; ${lead})  fades ${s.fades}`,
    `rejected ${s.rejected}  near misses ${s.nearMisses}  without ladder ${s.noLadder}`,
    `outcomes TP1 ${o.TP1}  TP2 ${o.TP2}  TP3 ${o.TP3}  SL ${o.SL}  TIMEOUT ${o.TIMEOUT}  open at end of data ${s.openOutcomes}`,
    `dropped late ${s.dropped.late}  duplicate ${s.dropped.duplicate}  invalid ${s.dropped.invalid}`,
  ].join('\n');
}
