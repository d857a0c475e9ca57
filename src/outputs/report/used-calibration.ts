import { forecastMetrics, isSuccess, rocAuc, type ForecastMetrics } from '../../confidence/index.js';
import type { ConfirmationLine, IgnitionLine, OutcomeLine, OutcomeResult, SignalKind } from '../../domain/index.js';
import { ratio } from './stats.js';

/** Where the probabilities judged came from: the calibration file the run loaded, as configured. */
export interface CalibrationUsed {
  /** confidence.calibrationPath as resolved, or null when the run had none (raw score only). */
  path: string | null;
  /** The file's own `source` text (what it was fitted on), when known. */
  source: string | null;
  /** The file's fit period (signal times), when known: signals inside it are not out-of-sample. */
  fitFrom?: number | null;
  fitTo?: number | null;
}

/** The calibration the run USED, judged on this run's labelled signals. */
export interface UsedCalibrationGroup {
  /** Labelled signals (with an outcome) that carried a p. */
  count: number;
  positives: number;
  /** Mean p against the observed success rate of the same signals. */
  meanP: number | null;
  observed: number | null;
  /** Metrics of p (Brier, log loss, ECE, reliability). */
  p: ForecastMetrics;
  /** The same signals all given their own observed rate: the constant forecast p must beat. */
  baseRate: ForecastMetrics;
  /** The raw score read as a probability (score / 100), for comparison; null when a score is missing. */
  rawScore: ForecastMetrics | null;
  /** Ranking: AUC of p and of the raw score it is built from. */
  aucP: number | null;
  aucScore: number | null;
  /** Precision and recall of the top 10% of signals by p. */
  topDecile: { count: number; precision: number | null; recall: number | null };
}

export type UsedCalibrationReport =
  | ({ status: 'ok'; used: CalibrationUsed; successAt: OutcomeResult; signalsWithoutP: number; inFitPeriod: number } & UsedCalibrationGroup & { byKind: Partial<Record<SignalKind, UsedCalibrationGroup>> })
  | { status: 'unavailable'; used: CalibrationUsed; reason: string; labelled: number };

interface Labelled {
  ts: number;
  p: number;
  score: number | null;
  y: 0 | 1;
  kind: SignalKind;
}

function group(items: Labelled[], bins: number): UsedCalibrationGroup {
  const positives = items.reduce((s, x) => s + x.y, 0);
  const observed = ratio(positives, items.length);
  const byP = [...items].sort((a, b) => b.p - a.p);
  const top = byP.slice(0, Math.max(1, Math.ceil(items.length / 10)));
  const topPos = top.reduce((s, x) => s + x.y, 0);
  const scored = items.filter((x) => x.score !== null).map((x) => ({ score: x.score as number, y: x.y }));
  return {
    count: items.length, positives, observed,
    meanP: items.length ? items.reduce((s, x) => s + x.p, 0) / items.length : null,
    p: forecastMetrics(items.map((x) => ({ p: x.p, y: x.y })), bins),
    baseRate: forecastMetrics(items.map((x) => ({ p: observed ?? 0, y: x.y })), bins),
    rawScore: scored.length === items.length ? forecastMetrics(scored.map((x) => ({ p: x.score / 100, y: x.y })), bins) : null,
    aucP: rocAuc(items.map((x) => ({ score: x.p, y: x.y }))),
    aucScore: scored.length === items.length ? rocAuc(scored) : null,
    topDecile: { count: top.length, precision: ratio(topPos, top.length), recall: ratio(topPos, positives) },
  };
}

/**
 * Judges the probabilities the run actually emitted (from the shipped or the user's calibration file) on
 * the run's own signals with an outcome, next to the constant base rate of those same signals. Nothing
 * is refitted here: this is what a user of these p values would have experienced on this data.
 */
export function judgeUsedCalibration(
  signals: ReadonlyArray<IgnitionLine | ConfirmationLine>, outcomes: readonly OutcomeLine[],
  successAt: OutcomeResult, bins: number, used: CalibrationUsed,
): UsedCalibrationReport {
  const bySignal = new Map(signals.map((s) => [s.id, s]));
  const items: Labelled[] = [];
  let withoutP = 0;
  for (const o of outcomes) {
    const s = bySignal.get(o.signalId);
    if (!s) continue;
    const p = s.confidence?.p ?? null;
    if (p === null || !Number.isFinite(p)) {
      withoutP++;
      continue;
    }
    items.push({ ts: s.ts, p, score: s.confidence?.score ?? null, y: isSuccess(o.result, successAt) ? 1 : 0, kind: s.type });
  }
  if (used.path === null) return { status: 'unavailable', used, reason: 'the run had no calibration file (confidence.calibrationPath is empty)', labelled: withoutP };
  if (items.length === 0) return { status: 'unavailable', used, reason: 'no signal with a probability reached an outcome', labelled: withoutP };
  const byKind: Partial<Record<SignalKind, UsedCalibrationGroup>> = {};
  for (const k of ['ignition', 'confirmation'] as const) {
    const of = items.filter((x) => x.kind === k);
    if (of.length) byKind[k] = group(of, bins);
  }
  const { fitFrom, fitTo } = used;
  const inFitPeriod = fitFrom != null && fitTo != null ? items.filter((x) => x.ts >= fitFrom && x.ts <= fitTo).length : 0;
  return { status: 'ok', used, successAt, signalsWithoutP: withoutP, inFitPeriod, ...group(items, bins), byKind };
}
