import { escapeHtml } from './sanitize.js';
import type { TokenChart } from './types.js';

// One token's 4h candles with wicks, its signals and their ladders, as an inline SVG large enough to read.
const W = 760;
const H = 400;
const PAD = { l: 78, r: 24, t: 44, b: 54 };
const PLOT_W = W - PAD.l - PAD.r;
const PLOT_H = H - PAD.t - PAD.b;
const LADDER_COLOURS: Record<string, string> = { SL: '#dc2626', TP1: '#65a30d', TP2: '#16a34a', TP3: '#15803d' };
const HOUR = 3_600_000;

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Meme-token prices run to many decimals: exponent form keeps the axis label short. */
export const shortPrice = (p: number): string => (p !== 0 && Math.abs(p) < 0.01 ? p.toExponential(2) : Number(p.toPrecision(3)).toString());

/** About `n` round ticks between lo and hi (1, 2, 5 times a power of ten). */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Time ticks on whole UTC days (or 4h steps for spans under two days), at most about 7. */
export function timeTicks(x0: number, x1: number): number[] {
  const spanH = (x1 - x0) / HOUR;
  const stepH = spanH <= 48 ? 4 * Math.max(1, Math.ceil(spanH / 4 / 7)) : 24 * Math.max(1, Math.ceil(spanH / 24 / 7));
  const step = stepH * HOUR;
  const out: number[] = [];
  for (let t = Math.ceil(x0 / step) * step; t <= x1; t += step) out.push(t);
  return out;
}

/** 4h candles (log scale when the range spans more than 10x), signals, and ladder levels; levels outside the range are labelled markers at the edge. */
export function priceSvg(t: TokenChart, horizonMs: number, name = t.symbol ?? t.key): string {
  const wins = t.windows.filter((w) => w.close > 0);
  const highs = wins.map((w) => Math.max(w.high ?? w.close, w.open ?? w.close, w.close));
  const lows = wins.map((w) => Math.min(w.low ?? w.close, w.open ?? w.close, w.close)).filter((p) => p > 0);
  const prices = [...highs, ...lows, ...t.signals.map((s) => s.price)].filter((p) => p > 0);
  if (wins.length === 0 || prices.length === 0) return '<p class="muted">no closed windows</p>';
  const log = Math.max(...prices) / Math.min(...prices) > 10;
  const tv = (p: number) => (log ? Math.log10(p) : p);
  let [lo, hi] = [Math.min(...prices.map(tv)), Math.max(...prices.map(tv))];
  const margin = (hi - lo || Math.abs(hi) || 1) * 0.05;
  [lo, hi] = [lo - margin, hi + margin];
  const x0 = wins[0].start;
  const x1 = Math.max(wins[wins.length - 1].start + 4 * HOUR, ...t.signals.map((s) => s.ts + horizonMs));
  const X = (ts: number) => PAD.l + ((ts - x0) / (x1 - x0 || 1)) * PLOT_W;
  const Yv = (v: number) => PAD.t + PLOT_H - ((v - lo) / (hi - lo || 1)) * PLOT_H;
  const Y = (p: number) => Yv(tv(p));
  const inRange = (p: number) => p > 0 && tv(p) >= lo && tv(p) <= hi;
  let body = '';
  // Grid and ticks.
  const yTicks = log ? niceTicks(lo, hi, 5).map((v) => 10 ** v) : niceTicks(lo, hi, 5);
  for (const p of yTicks) {
    if (!inRange(p)) continue;
    body += `<line x1="${PAD.l}" x2="${PAD.l + PLOT_W}" y1="${f(Y(p))}" y2="${f(Y(p))}" stroke="#eef2f7"/>` +
      `<text x="${PAD.l - 6}" y="${f(Y(p) + 4)}" text-anchor="end" class="tk">${escapeHtml(shortPrice(p))}</text>`;
  }
  const dayOnly = (x1 - x0) > 48 * HOUR;
  for (const ts of timeTicks(x0, x1)) {
    const iso = new Date(ts).toISOString();
    const label = dayOnly ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
    body += `<line x1="${f(X(ts))}" x2="${f(X(ts))}" y1="${PAD.t}" y2="${PAD.t + PLOT_H + 4}" stroke="#eef2f7"/>` +
      `<text x="${f(X(ts))}" y="${PAD.t + PLOT_H + 24}" text-anchor="middle" class="tk">${label}</text>`;
  }
  // Candles: wick from low to high, body from open to close; green up, red down.
  const bodyW = Math.max(1.5, Math.min(12, (PLOT_W / Math.max(1, (x1 - x0) / (4 * HOUR))) * 0.7));
  for (const w of wins) {
    const open = w.open ?? w.close;
    const hiP = Math.max(w.high ?? w.close, open, w.close);
    const loP = Math.max(Math.min(w.low ?? w.close, open, w.close), Number.MIN_VALUE);
    const cx = X(w.start + 2 * HOUR);
    const colour = w.close >= open ? '#16a34a' : '#dc2626';
    const top = Y(Math.max(open, w.close));
    const h = Math.max(1, Y(Math.min(open, w.close)) - top);
    const tip = `${new Date(w.start).toISOString().slice(0, 16)}Z O ${shortPrice(open)} H ${shortPrice(hiP)} L ${shortPrice(loP)} C ${shortPrice(w.close)} (${w.changePct.toFixed(1)}%)`;
    body += `<g><title>${escapeHtml(tip)}</title><line x1="${f(cx)}" x2="${f(cx)}" y1="${f(Y(hiP))}" y2="${f(Y(loP))}" stroke="${colour}" stroke-width="1"/>` +
      `<rect x="${f(cx - bodyW / 2)}" y="${f(top)}" width="${f(bodyW)}" height="${f(h)}" fill="${colour}"/></g>`;
  }
  // Ladders: a line over the signal's horizon when the level is in range; levels off the range become one
  // marker per edge and signal, labelled when the label does not run into the previous one on that edge.
  const labelEnd = { above: -Infinity, below: -Infinity };
  for (const s of t.signals) {
    if (!s.ladder) continue;
    const levels: Array<[string, number]> = [['SL', s.ladder.sl], ['TP1', s.ladder.tp[0]], ['TP2', s.ladder.tp[1]], ['TP3', s.ladder.tp[2]]];
    const off = { above: [] as Array<[string, number]>, below: [] as Array<[string, number]> };
    for (const [level, p] of levels) {
      if (inRange(p)) {
        const tip = escapeHtml(`${level} ${shortPrice(p)} (signal ${new Date(s.ts).toISOString().slice(0, 16)}Z)`);
        body += `<line x1="${f(X(s.ts))}" x2="${f(X(s.ts + horizonMs))}" y1="${f(Y(p))}" y2="${f(Y(p))}" stroke="${LADDER_COLOURS[level]}" stroke-width="1.2" stroke-dasharray="5 3"><title>${tip}</title></line>`;
      } else off[p > 0 && tv(p) > hi ? 'above' : 'below'].push([level, p]);
    }
    for (const edge of ['above', 'below'] as const) {
      const list = off[edge];
      if (list.length === 0) continue;
      const x = X(s.ts);
      const y = edge === 'above' ? PAD.t : PAD.t + PLOT_H;
      const c = LADDER_COLOURS[list[0][0]];
      const text = `${list.map(([l]) => l).join(' ')} ${edge === 'above' ? '↑' : '↓'} ${shortPrice(list[0][1])}`;
      const tip = escapeHtml(`off the chart: ${list.map(([l, p]) => `${l} ${shortPrice(p)}`).join(', ')} (signal ${new Date(s.ts).toISOString().slice(0, 16)}Z)`);
      const d = edge === 'above' ? `M${f(x)} ${y - 9} l5 8 h-10 z` : `M${f(x)} ${y + 9} l5 -8 h-10 z`;
      body += `<path d="${d}" fill="${c}"><title>${tip}</title></path>`;
      const width = text.length * 6.2;
      if (x - 6 > labelEnd[edge] && x + 8 + width < W - 2) {
        body += `<text x="${f(x + 8)}" y="${edge === 'above' ? y - 2 : y + 10}" class="off" fill="${c}"><title>${tip}</title>${escapeHtml(text)}</text>`;
        labelEnd[edge] = x + 8 + width;
      }
    }
  }
  for (const s of t.signals) {
    const colour = s.type === 'ignition' ? '#d97706' : '#2563eb';
    const tip = `${s.type} ${new Date(s.ts).toISOString().slice(0, 16)}Z @ ${shortPrice(s.price)}${s.result ? ` → ${s.result}` : ''}`;
    body += s.type === 'ignition'
      ? `<path d="M${f(X(s.ts))} ${f(Y(s.price) - 7)} l6 10 h-12 z" fill="${colour}" stroke="#fff"><title>${escapeHtml(tip)}</title></path>`
      : `<circle cx="${f(X(s.ts))}" cy="${f(Y(s.price))}" r="5" fill="${colour}" stroke="#fff"><title>${escapeHtml(tip)}</title></circle>`;
  }
  const title = `${name} · 4h candles${log ? ' (log scale)' : ''}`;
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">` +
    `<rect x="${PAD.l}" y="${PAD.t}" width="${PLOT_W}" height="${PLOT_H}" fill="#fff" stroke="#cbd5e1"/>` + body +
    `<text x="${PAD.l}" y="20" class="ttl">${escapeHtml(title)}</text>` +
    `<text x="${PAD.l + PLOT_W / 2}" y="${H - 6}" text-anchor="middle" class="ax">time (UTC)</text>` +
    `<text x="16" y="${PAD.t + PLOT_H / 2}" text-anchor="middle" class="ax" transform="rotate(-90 16 ${PAD.t + PLOT_H / 2})">price, USD</text></svg>`;
}
