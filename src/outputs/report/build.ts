import { CalibrationError, fitCalibration, SampleCollector, type ConfidenceConfig, type SampleSet } from '../../confidence/index.js';
import type {
  ConfirmationLine, IgnitionLine, OutcomeLine, OutcomeResult, ScanEvent, WindowClosed,
} from '../../domain/index.js';
import { confirmationRecall, ignitionQuality, independentRecall, prCurve, tokenKey, windowKey, type DetectionInput } from './detection.js';
import { InputWindows } from './resample.js';
import { judgeUsedCalibration, type CalibrationUsed } from './used-calibration.js';
import type { Input } from '../../domain/index.js';
import { outcomeStats } from './outcomes.js';
import { sanitizeText } from './sanitize.js';
import type { Headline, Report, ReportCalibration, TokenChart } from './types.js';

export interface ReportOptions {
  /** Confirmation threshold the windows are judged against, percent (signals.confirmation.minChangePct). */
  thresholdPct: number;
  /** Confidence slice: success label, time split, bins for the held-out calibration metrics. */
  confidence: ConfidenceConfig;
  /** Outcome horizon, ms (risk.horizonMs). */
  horizonMs: number;
  /** Tokens with a price chart, most signals first (default 12). */
  maxTokenCharts?: number;
  /** The calibration file the run loaded (judged in `usedCalibration`); default none. */
  calibrationUsed?: CalibrationUsed;
}

/** Accumulates a replay's events; `build()` turns them into the report. Pure apart from its own state. */
export class ReportBuilder {
  private readonly windows: WindowClosed[] = [];
  private readonly ignitions: IgnitionLine[] = [];
  private readonly confirmations: ConfirmationLine[] = [];
  private readonly outcomes: OutcomeLine[] = [];
  private readonly rejectedConfirmations = new Set<string>();
  private readonly ignitionTokens = new Set<string>();
  private readonly symbols = new Map<string, string>();
  private readonly samples: SampleCollector;
  private readonly inputWindows = new InputWindows();
  private inputsSeen = 0;
  private fades = 0;
  private rejectedIgnitions = 0;
  private nearMisses = 0;

  constructor(private readonly opts: ReportOptions) {
    this.samples = new SampleCollector(opts.confidence.successAt as OutcomeResult);
  }

  /** A replayed input: the report rebuilds the >= threshold windows from these on its own. */
  addInput(r: Input): void {
    this.inputsSeen++;
    this.inputWindows.add(r);
  }

  add(e: ScanEvent): void {
    this.samples.add(e);
    if ('symbol' in e && e.symbol && (e.mint || e.pool)) this.symbols.set(tokenKey(e), e.symbol);
    switch (e.type) {
      case 'window': this.windows.push(e); break;
      case 'ignition': this.ignitions.push(e); this.ignitionTokens.add(tokenKey(e)); break;
      case 'confirmation': this.confirmations.push(e); break;
      case 'outcome': this.outcomes.push(e); break;
      case 'fade': this.fades++; break;
      case 'near_miss': this.nearMisses++; this.ignitionTokens.add(tokenKey(e)); break;
      case 'rejected':
        if (e.signalType === 'confirmation') this.rejectedConfirmations.add(windowKey(tokenKey(e), e.window4hStart));
        else { this.rejectedIgnitions++; this.ignitionTokens.add(tokenKey(e)); }
        break;
      default: break;
    }
  }

  build(): Report {
    const t = this.opts.thresholdPct;
    const d: DetectionInput = {
      windows: this.windows, ignitions: this.ignitions, confirmations: this.confirmations,
      rejectedConfirmations: this.rejectedConfirmations, ignitionTokens: this.ignitionTokens, thresholdPct: t,
    };
    const confirmation = confirmationRecall(d);
    if (this.inputsSeen > 0) confirmation.independent = independentRecall(d, this.inputWindows.closed(), this.inputWindows.tokens);
    const bins = this.opts.confidence.bins;
    const usedCalibration = judgeUsedCalibration([...this.ignitions, ...this.confirmations], this.outcomes, this.opts.confidence.successAt as OutcomeResult, bins, this.opts.calibrationUsed ?? { path: null, source: null });
    const ignition = ignitionQuality(d);
    const kindOf = new Map<string, 'ignition' | 'confirmation'>();
    for (const s of [...this.ignitions, ...this.confirmations]) kindOf.set(s.id, s.type);
    const outcomes: Report['outcomes'] = { all: outcomeStats(this.outcomes) };
    for (const k of ['ignition', 'confirmation'] as const) {
      const of = this.outcomes.filter((o) => (kindOf.get(o.signalId) ?? o.signalType) === k);
      if (of.length) outcomes[k] = outcomeStats(of);
    }
    const sampleSet = this.samples.result();
    const calibration = this.calibration(sampleSet);
    const byWindow = new Map(this.windows.map((w) => [windowKey(tokenKey(w), w.bar.start), w.changePct]));
    const positives = sampleSet.samples.filter((s) => s.label === 1).length;
    const starts = this.windows.map((w) => w.bar.start);
    const report: Report = {
      version: 1,
      span: { from: starts.length ? Math.min(...starts) : null, to: starts.length ? Math.max(...starts) : null },
      headline: null as unknown as Headline,
      counts: {
        tokens: new Set(this.windows.map(tokenKey)).size, windows: this.windows.length, windowsUp: confirmation.windowsUp,
        ignitions: this.ignitions.length, confirmations: this.confirmations.length, fades: this.fades,
        rejectedIgnitions: this.rejectedIgnitions, rejectedConfirmations: this.rejectedConfirmations.size,
        nearMisses: this.nearMisses, outcomes: this.outcomes.length, openOutcomes: this.openOutcomes(),
      },
      confirmation, ignition, outcomes, usedCalibration, calibration,
      prCurves: [
        {
          // Recall against the windows of tokens that can ignite: 1h-only series never can.
          name: `ignition → window closed ≥ ${t}% (tokens with 5m data)`,
          points: prCurve(this.ignitions.map((i) => ({
            score: i.confidence?.score ?? null, positive: (byWindow.get(windowKey(tokenKey(i), i.window4hStart)) ?? -Infinity) >= t,
          })), ignition.eligibleWindowsUp),
        },
        { name: `signal → ${this.opts.confidence.successAt} reached`, points: prCurve(sampleSet.samples.map((s) => ({ score: s.score, positive: s.label === 1 })), positives) },
      ],
      ...this.tokenCharts(),
      sensitivity: null,
    };
    report.headline = headlineOf(report, t);
    return report;
  }

  private calibration(set: SampleSet): ReportCalibration {
    try {
      const cal = fitCalibration(set.samples, this.opts.confidence, { horizonMs: this.opts.horizonMs, source: 'replay' });
      const { heldOut, ...byKind } = cal.metrics;
      return { status: 'ok', label: 'refit on this replay (earlier signals fit, later ones judge, purged gap): not the calibration the run used', fit: cal.fit, heldOut: cal.heldOut, purgeGapMs: cal.purgeGapMs, metrics: heldOut, byKind };
    } catch (e) {
      if (!(e instanceof CalibrationError)) throw e;
      return { status: 'unavailable', reason: e.message, samples: set.samples.length };
    }
  }

  private openOutcomes(): number {
    const decided = new Set(this.outcomes.map((o) => o.signalId));
    return [...this.ignitions, ...this.confirmations].filter((s) => s.ladder && !decided.has(s.id)).length;
  }

  private tokenCharts(): Pick<Report, 'tokens' | 'tokensOmitted' | 'signals'> {
    const results = new Map(this.outcomes.map((o) => [o.signalId, o]));
    const charts = new Map<string, TokenChart>();
    const chart = (key: string): TokenChart => {
      let c = charts.get(key);
      if (!c) charts.set(key, (c = { key, symbol: sanitizeText(this.symbols.get(key)), windows: [], signals: [] }));
      return c;
    };
    for (const w of this.windows) {
      const c = chart(tokenKey(w));
      c.mint ??= w.mint;
      c.windows.push({ start: w.bar.start, open: w.bar.open, high: w.bar.high, low: w.bar.low, close: w.bar.close, changePct: w.changePct });
    }
    for (const s of [...this.ignitions, ...this.confirmations]) {
      const price = s.type === 'ignition' ? s.price : s.close;
      const c = chart(tokenKey(s));
      c.mint ??= s.mint;
      const o = results.get(s.id);
      c.signals.push({ type: s.type, ts: s.ts, price, ladder: s.ladder, result: o?.result ?? null, rMultiple: o?.rMultiple ?? null });
    }
    const all = [...charts.values()].sort((a, b) => b.signals.length - a.signals.length || a.key.localeCompare(b.key));
    for (const c of all) {
      c.windows.sort((a, b) => a.start - b.start);
      c.signals.sort((a, b) => a.ts - b.ts);
    }
    const max = this.opts.maxTokenCharts ?? 12;
    // The signal table lists every token's signals, not only the charted ones.
    const signals = all.flatMap((c) => c.signals.map((s) => ({ key: c.key, symbol: c.symbol, mint: c.mint ?? null, ...s, rMultiple: s.rMultiple ?? null })))
      .sort((a, b) => b.ts - a.ts || a.key.localeCompare(b.key));
    return { tokens: all.slice(0, max), tokensOmitted: Math.max(0, all.length - max), signals };
  }
}

export function headlineOf(r: Report, thresholdPct: number): Headline {
  const cal = r.calibration.status === 'ok' ? r.calibration.metrics : null;
  const used = r.usedCalibration.status === 'ok' ? r.usedCalibration : null;
  const ind = r.confirmation.independent;
  return {
    thresholdPct, windows: ind ? ind.windows : r.counts.windows, windowsUp: ind ? ind.windowsUp : r.counts.windowsUp,
    confirmationRecall: ind ? ind.recall : r.confirmation.recall, confirmationRecallAgainst: ind ? 'inputs' : 'engine windows',
    ignitions: r.ignition.count,
    ignitionPrecision: r.ignition.precision, ignitionRecall: r.ignition.recall, ignitionF1: r.ignition.f1,
    medianLeadToThresholdMin: r.ignition.leadToThresholdMin.median,
    signalsWithOutcome: r.outcomes.all.count, signalsOpen: r.counts.openOutcomes ?? 0,
    tp1Rate: r.outcomes.all.count ? (r.outcomes.all.counts.TP1 + r.outcomes.all.counts.TP2 + r.outcomes.all.counts.TP3) / r.outcomes.all.count : null,
    expectancyR: r.outcomes.all.expectancyR,
    calibrationSignals: used?.count ?? 0, calibrationSignalsInFit: used?.inFitPeriod ?? 0, brierP: used?.p.brier ?? null, brierBaseRate: used?.baseRate.brier ?? null, eceP: used?.p.ece ?? null,
    aucP: used?.aucP ?? null, aucScore: used?.aucScore ?? null,
    refitHeldOutBrierRaw: cal?.raw.brier ?? null, refitHeldOutBrierCalibrated: cal?.calibrated.brier ?? null, refitHeldOutEce: cal?.calibrated.ece ?? null,
  };
}

/** Builds the report from a finished list or stream of events. */
export async function buildReport(events: Iterable<ScanEvent> | AsyncIterable<ScanEvent>, opts: ReportOptions): Promise<Report> {
  const b = new ReportBuilder(opts);
  for await (const e of events) b.add(e);
  return b.build();
}
