import type { CalibrationMetrics } from '../../confidence/index.js';
import { escapeHtml } from './sanitize.js';
import type { PrPoint } from './types.js';

// Charts are plain inline SVG strings: no scripts, fonts or network, so the report opens anywhere.
const W = 420;
const H = 300;
const PAD = { l: 48, r: 12, t: 12, b: 36 };
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#d97706'];

const f = (n: number): string => (Math.round(n * 10) / 10).toString();
const sx = (v: number, lo: number, hi: number) => PAD.l + ((v - lo) / (hi - lo || 1)) * (W - PAD.l - PAD.r);
const sy = (v: number, lo: number, hi: number) => H - PAD.b - ((v - lo) / (hi - lo || 1)) * (H - PAD.t - PAD.b);

function frame(title: string, xLabel: string, yLabel: string, body: string, xTicks: string, yTicks: string): string {
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">` +
    `<rect x="${PAD.l}" y="${PAD.t}" width="${W - PAD.l - PAD.r}" height="${H - PAD.t - PAD.b}" fill="#fff" stroke="#ccc"/>` +
    xTicks + yTicks + body +
    `<text x="${(W + PAD.l) / 2}" y="${H - 4}" text-anchor="middle" class="ax">${escapeHtml(xLabel)}</text>` +
    `<text x="12" y="${(H - PAD.b) / 2}" text-anchor="middle" class="ax" transform="rotate(-90 12 ${(H - PAD.b) / 2})">${escapeHtml(yLabel)}</text></svg>`;
}

function unitTicks(axis: 'x' | 'y'): string {
  let out = '';
  for (let v = 0; v <= 1.0001; v += 0.2) {
    if (axis === 'x') out += `<text x="${f(sx(v, 0, 1))}" y="${H - PAD.b + 14}" text-anchor="middle" class="tk">${v.toFixed(1)}</text>`;
    else out += `<text x="${PAD.l - 4}" y="${f(sy(v, 0, 1) + 4)}" text-anchor="end" class="tk">${v.toFixed(1)}</text>`;
  }
  return out;
}

function legend(names: string[]): string {
  return names.map((n, i) => `<text x="${PAD.l + 8}" y="${PAD.t + 16 + i * 14}" fill="${COLOURS[i % COLOURS.length]}" class="lg">${escapeHtml(n)}</text>`).join('');
}

/** Reliability diagram: observed rate against mean predicted probability per bin, dot area by count. */
export function reliabilitySvg(m: CalibrationMetrics): string {
  let body = `<line x1="${sx(0, 0, 1)}" y1="${sy(0, 0, 1)}" x2="${sx(1, 0, 1)}" y2="${sy(1, 0, 1)}" stroke="#999" stroke-dasharray="4 3"/>`;
  const series = [m.raw, m.calibrated];
  const max = Math.max(1, ...series.flatMap((s) => s.reliability.map((b) => b.count)));
  series.forEach((s, i) => {
    const pts = s.reliability.filter((b) => b.count > 0);
    body += `<polyline fill="none" stroke="${COLOURS[i]}" stroke-width="1.5" points="${pts.map((b) => `${f(sx(b.meanP!, 0, 1))},${f(sy(b.observed!, 0, 1))}`).join(' ')}"/>`;
    for (const b of pts) body += `<circle cx="${f(sx(b.meanP!, 0, 1))}" cy="${f(sy(b.observed!, 0, 1))}" r="${f(2 + 6 * Math.sqrt(b.count / max))}" fill="${COLOURS[i]}" fill-opacity="0.5"><title>${b.count} signals</title></circle>`;
  });
  return frame('Reliability diagram', 'predicted probability', 'observed success rate', body + legend(['raw score / 100', 'calibrated']), unitTicks('x'), unitTicks('y'));
}

/** Precision against recall as the raw-score threshold rises (one line per curve, labelled thresholds). */
export function prSvg(curves: Array<{ name: string; points: PrPoint[] }>): string {
  let body = '';
  curves.forEach((c, i) => {
    const pts = c.points.filter((p) => p.precision !== null && p.recall !== null && p.count > 0);
    body += `<polyline fill="none" stroke="${COLOURS[i]}" stroke-width="1.5" points="${pts.map((p) => `${f(sx(p.recall!, 0, 1))},${f(sy(p.precision!, 0, 1))}`).join(' ')}"/>`;
    for (const p of pts) body += `<circle cx="${f(sx(p.recall!, 0, 1))}" cy="${f(sy(p.precision!, 0, 1))}" r="2.5" fill="${COLOURS[i]}"><title>score ≥ ${p.threshold}: ${p.count} signals</title></circle>`;
  });
  return frame('Precision-recall over the score threshold', 'recall', 'precision', body + legend(curves.map((c) => c.name)), unitTicks('x'), unitTicks('y'));
}
