import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.js';
import type { Headline, Report, StopModeRow } from './types.js';

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, d = 3) => (v === null ? 'n/a' : v.toFixed(d));

/** The headline numbers as a few plain lines for the terminal. */
export function headlineText(h: Headline): string {
  return [
    `confirmation recall: ${pct(h.confirmationRecall)} of ${h.windowsUp} windows >= ${h.thresholdPct}% (${h.windows} windows, counted from the ${h.confirmationRecallAgainst})`,
    `ignitions: ${h.ignitions}, precision ${pct(h.ignitionPrecision)}, recall ${pct(h.ignitionRecall)}, F1 ${num(h.ignitionF1, 2)}, median lead ${num(h.medianLeadToThresholdMin, 0)} min`,
    `outcomes: ${h.signalsWithOutcome} (${h.signalsOpen ?? 0} open at end of data, not counted), TP1-or-better ${pct(h.tp1Rate)}, expectancy ${num(h.expectancyR, 2)} R`,
    `calibration used, on ${h.calibrationSignals} signals (${h.calibrationSignalsInFit} inside its fit period): Brier ${num(h.brierP)} (base rate ${num(h.brierBaseRate)}), ECE ${num(h.eceP)}, AUC p ${num(h.aucP)} (raw score ${num(h.aucScore)})`,
    `refit on this replay (not used): held-out Brier raw ${num(h.refitHeldOutBrierRaw)} -> refitted ${num(h.refitHeldOutBrierCalibrated)}, ECE ${num(h.refitHeldOutEce)}`,
  ].join('\n');
}

/** Writes report.json and the self-contained report.html into `dir` (created when missing). */
export async function writeReport(dir: string, report: Report, horizonMs: number): Promise<{ json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  await writeFile(json, JSON.stringify(report, null, 2) + '\n');
  await writeFile(html, renderHtml(report, horizonMs));
  return { json, html };
}

/** One line per stop mode (the report's side-by-side comparison) for the terminal. */
export function stopModesText(rows: readonly StopModeRow[]): string {
  return rows.map((m) => {
    const o = m.outcomes;
    const tp = o.count ? (o.counts.TP1 + o.counts.TP2 + o.counts.TP3) / o.count : null;
    return `stop ${m.mode} (${m.atrMultiple} ATR): ${m.withLadder}/${m.signals} signals with a ladder, stop ${num(m.stopDistancePct.median, 1)}% under entry (median), ` +
      `${o.count} outcomes: TP1+ ${pct(tp)}, SL ${pct(o.rates.SL)}, expectancy ${num(o.expectancyR, 2)} R, MAE median ${num(o.maePct.median, 1)}%`;
  }).join('\n');
}
