import { escapeHtml as esc } from './sanitize.js';
import { shortPrice } from './price-chart.js';
import type { TokenChart } from './types.js';

/** Where to look a token up; the mint is reduced to base58 characters first, so nothing else reaches the URL. */
export function tokenLinks(mint: string | null | undefined): Array<{ name: string; url: string }> {
  const m = (mint ?? '').replace(/[^1-9A-HJ-NP-Za-km-z]/g, '').slice(0, 64);
  if (m.length < 32) return [];
  return [
    { name: 'DexScreener', url: `https://dexscreener.com/solana/${m}` },
    { name: 'Solscan', url: `https://solscan.io/token/${m}` },
    { name: 'Birdeye', url: `https://birdeye.so/token/${m}?chain=solana` },
  ];
}

const td = (s: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${s}</td>`;

/** One row per signal of the charted tokens, newest first: time, token, kind, price, stop distance, ladder, result, R, links. */
export function signalsTable(tokens: readonly TokenChart[]): string {
  const rows = tokens.flatMap((t) => t.signals.map((s) => ({ t, s }))).sort((a, b) => b.s.ts - a.s.ts || a.t.key.localeCompare(b.t.key));
  if (rows.length === 0) return '<p class="muted">no signals</p>';
  const head = ['time (UTC)', 'token', 'signal', 'price', 'stop', 'stop distance', 'TP1 / TP2 / TP3', 'result', 'R', 'links'];
  const body = rows.map(({ t, s }) => {
    const l = s.ladder;
    const stopPct = l && l.entry > 0 ? ((l.entry - l.sl) / l.entry) * 100 : null;
    const links = tokenLinks(t.mint).map((k) => `<a href="${esc(k.url)}" rel="noopener noreferrer">${k.name}</a>`).join(' · ');
    return '<tr>' +
      td(esc(new Date(s.ts).toISOString().slice(0, 16).replace('T', ' '))) +
      td(`${esc(t.symbol ?? '?')} <span class="muted">${esc(t.key.slice(0, 4))}…${esc(t.key.slice(-4))}</span>`) +
      td(s.type) +
      td(esc(shortPrice(s.price))) +
      td(l ? esc(shortPrice(l.sl)) : '–') +
      td(stopPct === null ? '–' : `${stopPct.toFixed(stopPct < 10 ? 1 : 0)}%`, stopPct !== null && stopPct >= 30 ? 'warn' : '') +
      td(l ? esc(l.tp.map(shortPrice).join(' / ')) : '<span class="muted">no ladder</span>') +
      td(s.result ?? '<span class="muted">open</span>') +
      td(s.rMultiple === null || s.rMultiple === undefined ? '–' : s.rMultiple.toFixed(2)) +
      td(links || '–') + '</tr>';
  }).join('');
  return `<table class="signals"><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${body}</table>`;
}
