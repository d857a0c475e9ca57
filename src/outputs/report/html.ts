import type { CalibrationMetrics } from '../../confidence/index.js';
import { escapeHtml as esc } from './sanitize.js';
import { priceSvg } from './price-chart.js';
import { signalsTable } from './signals-table.js';
import { prSvg, reliabilitySvg } from './svg.js';
import type { Distribution, Headline, OutcomeStats, Report } from './types.js';
import { independentRecallSection, stopModesSection, usedCalibrationSection } from './html-used.js';

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#0f172a;max-width:1300px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #e2e8f0}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e2e8f0;padding:3px 8px;text-align:right}
th{background:#f1f5f9}td:first-child,th:first-child{text-align:left}.muted{color:#64748b}
.grid{display:flex;flex-wrap:wrap;gap:16px}.card{border:1px solid #e2e8f0;border-radius:6px;padding:8px}
.tk{font-size:12px;fill:#475569}.ax{font-size:13px;fill:#334155}.lg{font-size:12px}.warn{color:#b91c1c}
.ttl{font-size:15px;font-weight:600;fill:#0f172a}.off{font-size:11px;font-weight:600}a{color:#2563eb}
table.signals td{white-space:nowrap}`;

const pct = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(d)}%`);
const num = (v: number | null | undefined, d = 3) => (v === null || v === undefined ? '–' : v.toFixed(d));
const date = (ts: number | null) => (ts === null ? '–' : new Date(ts).toISOString().slice(0, 16).replace('T', ' '));

function table(head: string[], rows: Array<Array<string | number>>): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`).join('')}</table>`;
}

const distRow = (name: string, d: Distribution, digits = 1) =>
  [name, d.count, num(d.min, digits), num(d.p25, digits), num(d.median, digits), num(d.p75, digits), num(d.max, digits), num(d.mean, digits)];
const DIST_HEAD = ['', 'n', 'min', 'p25', 'median', 'p75', 'max', 'mean'];

function headlineTable(h: Headline): string {
  return table(['metric', 'value'], [
    [`confirmation recall (windows ≥ ${h.thresholdPct}%, from the ${h.confirmationRecallAgainst})`, `${pct(h.confirmationRecall)} of ${h.windowsUp}`],
    ['ignition precision / recall / F1', `${pct(h.ignitionPrecision)} / ${pct(h.ignitionRecall)} / ${num(h.ignitionF1, 2)} (${h.ignitions} ignitions)`],
    ['median lead to +threshold, min', num(h.medianLeadToThresholdMin, 0)],
    ['TP1-or-better rate, expectancy', `${pct(h.tp1Rate)}, ${num(h.expectancyR, 2)} R (${h.signalsWithOutcome} outcomes)`],
    [`calibration used: Brier p vs base rate, ECE, AUC p vs raw score (${h.calibrationSignals} signals)`, `${num(h.brierP, 4)} vs ${num(h.brierBaseRate, 4)}, ${num(h.eceP, 4)}, ${num(h.aucP)} vs ${num(h.aucScore)}`],
    ['refit on this replay (not used): held-out Brier raw → refitted, ECE', `${num(h.refitHeldOutBrierRaw)} → ${num(h.refitHeldOutBrierCalibrated)}, ${num(h.refitHeldOutEce)}`],
  ]);
}

function outcomesSection(o: Report['outcomes']): string {
  const rows = (['all', 'ignition', 'confirmation'] as const).filter((k) => o[k]).map((k) => {
    const s = o[k] as OutcomeStats;
    return [k, s.count, pct(s.rates.TP1), pct(s.rates.TP2), pct(s.rates.TP3), pct(s.rates.SL), pct(s.rates.TIMEOUT), num(s.expectancyR, 2)];
  });
  const a = o.all;
  return table(['signals', 'n', 'TP1', 'TP2', 'TP3', 'SL', 'TIMEOUT', 'expectancy R'], rows) +
    table(DIST_HEAD, [distRow('R multiple', a.rMultiple, 2), distRow('MFE %', a.mfePct), distRow('MAE %', a.maePct)]);
}

/** Signals still open when the data ended are not in the rates above: say how many. */
function openNote(n: number): string {
  return n > 0 ? `<p class="muted">${n} signal${n === 1 ? '' : 's'} with a ladder ${n === 1 ? 'is' : 'are'} open at end of data (the horizon runs past the token's data): not in these figures.</p>` : '';
}

function metricsTable(m: CalibrationMetrics): string {
  return table(['forecast', 'n', 'base rate', 'Brier', 'log loss', 'ECE'], [
    ['raw score / 100', m.raw.count, pct(m.raw.baseRate), num(m.raw.brier, 4), num(m.raw.logLoss, 4), num(m.raw.ece, 4)],
    ['calibrated', m.calibrated.count, pct(m.calibrated.baseRate), num(m.calibrated.brier, 4), num(m.calibrated.logLoss, 4), num(m.calibrated.ece, 4)],
    ...(m.baseRate ? [['fit-period success rate, constant', m.baseRate.count, pct(m.baseRate.baseRate), num(m.baseRate.brier, 4), num(m.baseRate.logLoss, 4), num(m.baseRate.ece, 4)]] : []),
  ]) + table(['bin', 'n', 'mean p (cal.)', 'observed'], m.calibrated.reliability.map((b) =>
    [`${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`, b.count, num(b.meanP), num(b.observed)]));
}

function calibrationSection(r: Report): string {
  const c = r.calibration;
  if (c.status !== 'ok') return `<p class="muted">Not enough labelled signals for a held-out evaluation (${c.samples} samples): ${esc(c.reason)}</p>`;
  return `<p>Fit on ${c.fit.samples} signals (${date(c.fit.from)} – ${date(c.fit.to)}), evaluated on ${c.heldOut.samples} held-out signals ` +
    `(${date(c.heldOut.from)} – ${date(c.heldOut.to)}) after a purge gap of ${(c.purgeGapMs / 3_600_000).toFixed(0)} h.</p>` +
    `<div class="grid"><div class="card">${reliabilitySvg(c.metrics)}</div><div class="card">${metricsTable(c.metrics)}</div></div>`;
}

function sensitivitySection(r: Report): string {
  if (!r.sensitivity) return '';
  return `<h2>Sensitivity (thresholds ±20%)</h2>` + table(
    ['run', 'ignition change %', 'volume ×', 'confirm %', 'conf. recall', 'ign. precision', 'ign. recall', 'F1', 'TP1+ rate', 'expectancy R'],
    r.sensitivity.map((s) => [s.label, s.thresholds.ignitionMinChangePct, s.thresholds.ignitionVolumeMultiple, s.thresholds.confirmationMinChangePct,
      pct(s.headline.confirmationRecall), pct(s.headline.ignitionPrecision), pct(s.headline.ignitionRecall), num(s.headline.ignitionF1, 2),
      pct(s.headline.tp1Rate), num(s.headline.expectancyR, 2)]),
  );
}

/** The whole report as one self-contained HTML page (inline CSS and SVG, no scripts, no network). */
export function renderHtml(r: Report, horizonMs: number): string {
  const i = r.ignition;
  const missed = r.confirmation.missed.length
    ? `<p class="warn">Missed windows: ${r.confirmation.missed.map((m) => esc(`${m.key} ${date(m.start)} +${m.changePct.toFixed(1)}%`)).join('; ')}</p>` : '';
  const charts = r.tokens.map((t) => `<div class="card"><h3>${esc(t.symbol ?? '(no symbol)')} <span class="muted">${esc(t.key)}</span></h3>` +
    `${priceSvg(t, horizonMs)}<p class="muted">${t.windows.length} windows, ${t.signals.length} signals (▲ ignition, ● confirmation; ` +
    `dashed red stop, green targets over the horizon; a level off the price range is a labelled ▲/▼ at the edge)</p></div>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pump-scanner replay report</title><style>${CSS}</style></head><body>
<h1>Replay report</h1><p class="muted">${r.counts.tokens} tokens, ${r.counts.windows} closed 4h windows (${date(r.span.from)} – ${date(r.span.to)}).</p>
${headlineTable(r.headline)}
<h2>Detection</h2>${table(['', 'count'], [['windows ≥ threshold', r.confirmation.windowsUp], ['confirmations emitted', r.confirmation.emitted],
    ['confirmations rejected by gates', r.counts.rejectedConfirmations], ['ignitions', i.count], ['ignitions rejected by gates', r.counts.rejectedIgnitions],
    ['fades', r.counts.fades], ['near misses', r.counts.nearMisses]])}${missed}${independentRecallSection(r)}
<p>Ignitions: precision ${pct(i.precision)} (${i.truePositives}/${i.count}), recall ${pct(i.recall)} of all ${r.confirmation.windowsUp} windows, ` +
    `${pct(i.eligibleRecall)} of the ${i.eligibleWindowsUp} windows of the ${i.eligibleTokens} tokens with 5m data.</p>
${table(DIST_HEAD, [distRow('lead to +threshold, min', i.leadToThresholdMin, 0), distRow('lead to window close, min', i.leadToCloseMin, 0)])}
<h2>Outcomes</h2>${outcomesSection(r.outcomes)}${openNote(r.counts.openOutcomes ?? 0)}${stopModesSection(r)}
<h2>Calibration the run used</h2>${usedCalibrationSection(r)}
<h2>Refit on this replay (time split, held-out period; not the calibration used)</h2>${calibrationSection(r)}
<h2>Precision and recall over the score threshold</h2><div class="card" style="display:inline-block">${prSvg(r.prCurves)}</div>
${sensitivitySection(r)}
<h2>Tokens</h2><div class="grid">${charts}</div>${r.tokensOmitted ? `<p class="muted">${r.tokensOmitted} more tokens not charted.</p>` : ''}
<h2>Signals</h2>${signalsTable(r.signals ?? [])}
</body></html>
`;
}
