import type { ConfirmationLine, IgnitionLine, WindowClosed } from '../../domain/index.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../domain/index.js';
import { distribution, f1, ratio } from './stats.js';
import type { PrPoint, Report } from './types.js';
import type { InputWindow } from './resample.js';

/** Canonical key of a token in the report: mint, else pool. */
export const tokenKey = (e: { mint: string | null; pool: string | null }): string => e.mint ?? e.pool ?? 'unknown';
export const windowKey = (key: string, start: number): string => `${key}@${start}`;

export interface DetectionInput {
  windows: readonly WindowClosed[];
  ignitions: readonly IgnitionLine[];
  confirmations: readonly ConfirmationLine[];
  /** Window keys of confirmations rejected by a gate. */
  rejectedConfirmations: ReadonlySet<string>;
  /** Tokens that can produce ignitions (any ignition, near miss or rejected ignition). */
  ignitionTokens: ReadonlySet<string>;
  thresholdPct: number;
}

/** Confirmation recall against the >= threshold windows: every such window must have been detected. */
export function confirmationRecall(d: DetectionInput): Report['confirmation'] {
  const emitted = new Set(d.confirmations.map((c) => windowKey(tokenKey(c), c.window4hStart)));
  const up = d.windows.filter((w) => w.changePct >= d.thresholdPct);
  const missed = up.filter((w) => {
    const k = windowKey(tokenKey(w), w.bar.start);
    return !emitted.has(k) && !d.rejectedConfirmations.has(k);
  });
  return {
    windowsUp: up.length,
    detected: up.length - missed.length,
    emitted: up.filter((w) => emitted.has(windowKey(tokenKey(w), w.bar.start))).length,
    recall: ratio(up.length - missed.length, up.length),
    missed: missed.slice(0, 20).map((w) => ({ key: tokenKey(w), start: w.bar.start, changePct: w.changePct })),
    independent: null,
  };
}

/** Confirmation recall against windows rebuilt from the inputs (InputWindows), not the engine's. */
export function independentRecall(d: DetectionInput, windows: readonly InputWindow[], tokens: number): NonNullable<Report['confirmation']['independent']> {
  const detected = new Set([...d.confirmations.map((c) => windowKey(tokenKey(c), c.window4hStart)), ...d.rejectedConfirmations]);
  const up = windows.filter((w) => w.changePct >= d.thresholdPct - 1e-9);
  const upKeys = new Set(up.map((w) => windowKey(w.key, w.start)));
  const missed = up.filter((w) => !detected.has(windowKey(w.key, w.start)));
  const unexpected = d.confirmations.filter((c) => !upKeys.has(windowKey(tokenKey(c), c.window4hStart)));
  return {
    tokens, windows: windows.length, windowsUp: up.length, detected: up.length - missed.length,
    recall: ratio(up.length - missed.length, up.length),
    missed: missed.slice(0, 20).map((w) => ({ key: w.key, start: w.start, changePct: w.changePct })),
    unexpected: unexpected.length,
    unexpectedExamples: unexpected.slice(0, 20).map((c) => ({ key: tokenKey(c), start: c.window4hStart })),
  };
}

/** Ignition precision / recall / F1 against windows that closed >= threshold, and lead times. */
export function ignitionQuality(d: DetectionInput): Report['ignition'] {
  const byWindow = new Map(d.windows.map((w) => [windowKey(tokenKey(w), w.bar.start), w]));
  const up = d.windows.filter((w) => w.changePct >= d.thresholdPct);
  const hitWindows = new Set<string>();
  const leadThreshold: number[] = [];
  const leadClose: number[] = [];
  let tp = 0;
  for (const ig of d.ignitions) {
    const k = windowKey(tokenKey(ig), ig.window4hStart);
    const w = byWindow.get(k);
    if (!w || w.changePct < d.thresholdPct) continue;
    tp++;
    hitWindows.add(k);
    if (w.firstUpThresholdAt !== null) leadThreshold.push((w.firstUpThresholdAt - ig.ts) / MINUTE_MS);
    leadClose.push((w.bar.start + FOUR_HOUR_MS - ig.ts) / MINUTE_MS);
  }
  const precision = ratio(tp, d.ignitions.length);
  const recall = ratio(hitWindows.size, up.length);
  const eligibleUp = up.filter((w) => d.ignitionTokens.has(tokenKey(w)));
  return {
    count: d.ignitions.length, truePositives: tp, precision, recall, f1: f1(precision, recall),
    eligibleTokens: d.ignitionTokens.size, eligibleWindowsUp: eligibleUp.length,
    eligibleRecall: ratio(eligibleUp.filter((w) => hitWindows.has(windowKey(tokenKey(w), w.bar.start))).length, eligibleUp.length),
    leadToThresholdMin: distribution(leadThreshold), leadToCloseMin: distribution(leadClose),
  };
}

/** Precision and recall of positives among items whose score is at least each threshold (0, 5, .. 100). */
export function prCurve(items: ReadonlyArray<{ score: number | null; positive: boolean }>, totalPositives: number): PrPoint[] {
  const scored = items.filter((i) => i.score !== null);
  const out: PrPoint[] = [];
  for (let t = 0; t <= 100; t += 5) {
    const sel = scored.filter((i) => i.score! >= t);
    const tp = sel.filter((i) => i.positive).length;
    out.push({ threshold: t, count: sel.length, precision: ratio(tp, sel.length), recall: ratio(tp, totalPositives) });
  }
  return out;
}
