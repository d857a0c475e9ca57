import type { CalibrationMetrics, SamplePeriod } from '../../confidence/index.js';
import type { EpochMs, Ladder, OutcomeResult, SignalKind } from '../../domain/index.js';
import type { UsedCalibrationReport } from './used-calibration.js';
import type { StopModeRow } from './stop-modes.js';
export type { StopModeRow } from './stop-modes.js';
export type { CalibrationUsed, UsedCalibrationGroup, UsedCalibrationReport } from './used-calibration.js';

/** Summary of a set of numbers; fields are null when it is empty. */
export interface Distribution {
  count: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  max: number | null;
  mean: number | null;
}

export interface OutcomeStats {
  count: number;
  /** Share of outcomes per result, 0..1. */
  rates: Record<OutcomeResult, number | null>;
  counts: Record<OutcomeResult, number>;
  /** Mean realised R per signal. */
  expectancyR: number | null;
  rMultiple: Distribution;
  mfePct: Distribution;
  maePct: Distribution;
}

/** Precision and recall of signals whose raw score is at least `threshold`. */
export interface PrPoint {
  threshold: number;
  count: number;
  precision: number | null;
  recall: number | null;
}

export interface TokenChart {
  key: string;
  /** Sanitised symbol (plain text; escaped again when rendered). */
  symbol: string | null;
  /** The token's mint when the lines named one (links in the report). */
  mint?: string | null;
  /** Closed 4h windows; open/high/low draw the candle and its wicks. */
  windows: Array<{ start: EpochMs; open?: number; high?: number; low?: number; close: number; changePct: number }>;
  signals: Array<{
    type: SignalKind; ts: EpochMs; price: number; ladder: Ladder | null; result: OutcomeResult | null;
    /** The outcome's R multiple, when it has one. */
    rMultiple?: number | null;
  }>;
}

/** One signal of the replay in the report's signal table (every signal, charted token or not). */
export interface SignalRow {
  /** Token key (mint, else `pool:<address>`); `symbol` sanitised (escaped again when rendered). */
  key: string;
  symbol: string | null;
  mint: string | null;
  type: SignalKind;
  ts: EpochMs;
  price: number;
  ladder: Ladder | null;
  /** Null while open (no outcome line: horizon past the data, or no ladder to follow). */
  result: OutcomeResult | null;
  rMultiple: number | null;
}

/**
 * A refit of the calibration on this replay's own signals (earlier part fits, later part judges, after a
 * purge gap). Labelled as such: it is NOT the calibration the run used (see Report.usedCalibration).
 */
export type ReportCalibration =
  | { status: 'ok'; label: string; fit: SamplePeriod; heldOut: SamplePeriod; purgeGapMs: number; metrics: CalibrationMetrics; byKind: Partial<Record<SignalKind, CalibrationMetrics>> }
  | { status: 'unavailable'; reason: string; samples: number };

/** The few numbers printed after a replay and compared across sensitivity runs. */
export interface Headline {
  thresholdPct: number;
  windows: number;
  windowsUp: number;
  /** Recall against the >= threshold windows rebuilt from the inputs (`inputs`), else the engine's own windows. */
  confirmationRecall: number | null;
  confirmationRecallAgainst: 'inputs' | 'engine windows';
  ignitions: number;
  ignitionPrecision: number | null;
  ignitionRecall: number | null;
  ignitionF1: number | null;
  medianLeadToThresholdMin: number | null;
  signalsWithOutcome: number;
  /** Signals with a ladder left open at end of data: not in the outcome figures. */
  signalsOpen?: number;
  tp1Rate: number | null;
  expectancyR: number | null;
  /** The calibration the run used, on this run's labelled signals: count, Brier of p vs the base rate, ECE, AUCs. */
  calibrationSignals: number;
  /** Of those, how many fall inside the calibration file's own fit period (in-sample for it). */
  calibrationSignalsInFit: number;
  brierP: number | null;
  brierBaseRate: number | null;
  eceP: number | null;
  aucP: number | null;
  aucScore: number | null;
  /** The refit on this replay (labelled "refit"), held-out period: raw score and refitted p. */
  refitHeldOutBrierRaw: number | null;
  refitHeldOutBrierCalibrated: number | null;
  refitHeldOutEce: number | null;
}

export interface SensitivityRow {
  label: string;
  /** Multiplier applied to the default thresholds (0.8, 1, 1.2). */
  factor: number;
  thresholds: { ignitionMinChangePct: number; ignitionVolumeMultiple: number; confirmationMinChangePct: number };
  headline: Headline;
}

export interface Report {
  version: 1;
  /** Event-time span of the closed windows seen. */
  span: { from: EpochMs | null; to: EpochMs | null };
  headline: Headline;
  counts: {
    tokens: number; windows: number; windowsUp: number; ignitions: number; confirmations: number; fades: number;
    rejectedIgnitions: number; rejectedConfirmations: number; nearMisses: number; outcomes: number;
    /** Signals with a ladder but no outcome: open at end of data (their horizon runs past the data). */
    openOutcomes?: number;
  };
  confirmation: {
    windowsUp: number;
    /** Confirmation lines plus confirmations rejected by a gate (the detector fired either way). */
    detected: number;
    emitted: number;
    recall: number | null;
    missed: Array<{ key: string; start: EpochMs; changePct: number }>;
    /**
     * The same recall against windows rebuilt from the replayed inputs by a separate resampler (not the
     * engine's windows), so an engine error shows; null when the report was not given the inputs.
     */
    independent: {
      tokens: number; windows: number; windowsUp: number; detected: number; recall: number | null;
      missed: Array<{ key: string; start: EpochMs; changePct: number }>;
      /** Confirmations whose window is not >= threshold in the inputs (or not closed there). */
      unexpected: number;
      unexpectedExamples: Array<{ key: string; start: EpochMs }>;
    } | null;
  };
  ignition: {
    count: number; truePositives: number; precision: number | null; recall: number | null; f1: number | null;
    /** Recall over tokens that can produce ignitions (had any ignition, near miss or rejected ignition). */
    eligibleTokens: number; eligibleWindowsUp: number; eligibleRecall: number | null;
    leadToThresholdMin: Distribution; leadToCloseMin: Distribution;
  };
  outcomes: { all: OutcomeStats } & Partial<Record<SignalKind, OutcomeStats>>;
  /** The calibration the run actually used (shipped or the user's file), judged on this run's signals. */
  usedCalibration: UsedCalibrationReport;
  calibration: ReportCalibration;
  prCurves: Array<{ name: string; points: PrPoint[] }>;
  tokens: TokenChart[];
  tokensOmitted: number;
  /** Every ignition and confirmation, newest first (the HTML lists the newest ones, with a count of the rest). */
  signals: SignalRow[];
  sensitivity: SensitivityRow[] | null;
  /** The `atr` and `candle_low` stop modes side by side on the same data (null when not run). */
  stopModes?: StopModeRow[] | null;
}
