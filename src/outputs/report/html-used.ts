import { escapeHtml as esc } from './sanitize.js';
import { reliabilitySvg } from './svg.js';
import type { Report, UsedCalibrationGroup } from './types.js';

const pct = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(d)}%`);
const num = (v: number | null | undefined, d = 4) => (v === null || v === undefined ? '–' : v.toFixed(d));
const date = (ts: number) => new Date(ts).toISOString().slice(0, 16).replace('T', ' ');

function table(head: string[], rows: Array<Array<string | number>>): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`).join('')}</table>`;
}

function groupRows(name: string, g: UsedCalibrationGroup): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [
    [`${name}: calibrated p`, g.count, pct(g.observed), pct(g.meanP), num(g.p.brier), num(g.p.logLoss), num(g.p.ece), num(g.aucP, 3)],
    [`${name}: constant base rate`, g.count, pct(g.observed), pct(g.observed), num(g.baseRate.brier), num(g.baseRate.logLoss), num(g.baseRate.ece), '0.500'],
  ];
  if (g.rawScore) rows.push([`${name}: raw score / 100`, g.count, pct(g.observed), pct(g.rawScore.reliability.reduce((s, b) => s + (b.meanP ?? 0) * b.count, 0) / Math.max(1, g.count)), num(g.rawScore.brier), num(g.rawScore.logLoss), num(g.rawScore.ece), num(g.aucScore, 3)]);
  return rows;
}

/** The calibration the run used, judged on its own signals (next to the constant base rate). */
export function usedCalibrationSection(r: Report): string {
  const u = r.usedCalibration;
  const from = `<p>Calibration file: <code>${esc(u.used.path ?? 'none')}</code>${u.used.source ? ` (fitted on: ${esc(u.used.source)})` : ''}.</p>`;
  if (u.status !== 'ok') return from + `<p class="muted">Not judged: ${esc(u.reason)}.</p>`;
  const rows = groupRows('all', u);
  for (const k of ['ignition', 'confirmation'] as const) if (u.byKind[k]) rows.push(...groupRows(k, u.byKind[k]!));
  return from + `<p>${u.count} signals of this run with an outcome and a p (success = ${esc(u.successAt)} or better); ` +
    `${u.signalsWithoutP} more had no p. ${u.inFitPeriod ? `<span class="warn">${u.inFitPeriod} of them fall inside the file's fit period (not out of sample).</span> ` : ''}Top 10% by p: precision ${pct(u.topDecile.precision)}, recall ${pct(u.topDecile.recall)}.</p>` +
    `<div class="grid"><div class="card">${reliabilitySvg({ raw: u.rawScore ?? u.p, calibrated: u.p, baseRate: u.baseRate })}</div><div class="card">` +
    table(['forecast', 'n', 'observed', 'mean p', 'Brier', 'log loss', 'ECE', 'AUC'], rows) +
    table(['bin', 'n', 'mean p', 'observed'], u.p.reliability.map((b) => [`${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`, b.count, num(b.meanP, 3), num(b.observed, 3)])) +
    `</div></div>`;
}

/** Recall against the windows rebuilt from the inputs, and confirmations the inputs do not support. */
export function independentRecallSection(r: Report): string {
  const i = r.confirmation.independent;
  if (!i) return '<p class="muted">Recall above is against the engine\'s own windows (the report was not given the inputs).</p>';
  const missed = i.missed.length ? ` Missed: ${esc(i.missed.map((m) => `${m.key} ${date(m.start)} +${m.changePct.toFixed(1)}%`).join('; '))}.` : '';
  const extra = i.unexpected ? ` <span class="warn">${i.unexpected} confirmations have no closed ≥ threshold window in the inputs: ${esc(i.unexpectedExamples.map((m) => `${m.key} ${date(m.start)}`).join('; '))}.</span>` : '';
  return `<p>Against the inputs (a separate resampler, not the engine's windows): ${i.detected} of ${i.windowsUp} windows ≥ threshold detected ` +
    `(recall ${pct(i.recall)}) among ${i.windows} closed windows of ${i.tokens} tokens.${missed}${extra}</p>`;
}

/** The `atr` and `candle_low` stop modes on the same data. */
export function stopModesSection(r: Report): string {
  if (!r.stopModes || r.stopModes.length === 0) return '';
  const d = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  return '<h2>Stop modes side by side (same data)</h2>' + table(
    ['mode', 'k × ATR', 'signals', 'with ladder', 'stop distance % median (p25–p75)', 'outcomes', 'TP1+', 'SL', 'TIMEOUT', 'expectancy R', 'MAE % median', 'MAE % p25'],
    r.stopModes.map((m) => {
      const o = m.outcomes;
      const tp = o.count ? (o.counts.TP1 + o.counts.TP2 + o.counts.TP3) / o.count : null;
      return [m.mode, m.atrMultiple, m.signals, m.withLadder, `${d(m.stopDistancePct.median)} (${d(m.stopDistancePct.p25)}–${d(m.stopDistancePct.p75)})`, o.count,
        pct(tp), pct(o.rates.SL), pct(o.rates.TIMEOUT), num(o.expectancyR, 3), d(o.maePct.median), d(o.maePct.p25)];
    }),
  );
}
