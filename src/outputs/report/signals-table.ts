import { escapeHtml as esc } from './sanitize.js';
import { shortPrice } from './price-chart.js';
import type { SignalRow } from './types.js';

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

/** How the signal table is paged: the newest rows open, then folded pages, up to a cap with a count of the rest. */
export interface SignalPaging {
  /** Rows shown open at the top (default 100). */
  first: number;
  /** Rows per folded page after those (default 500). */
  pageSize: number;
  /** Rows listed at most; older ones are counted, and report.json holds them all (default 5000). */
  max: number;
}

const PAGING: SignalPaging = { first: 100, pageSize: 500, max: 5000 };
const HEAD = ['time (UTC)', 'token', 'signal', 'price', 'stop', 'stop distance', 'TP1 / TP2 / TP3', 'result', 'R', 'links'];
const td = (s: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${s}</td>`;

function rowHtml(s: SignalRow): string {
  const l = s.ladder;
  const stopPct = l && l.entry > 0 ? ((l.entry - l.sl) / l.entry) * 100 : null;
  const links = tokenLinks(s.mint).map((k) => `<a href="${esc(k.url)}" rel="noopener noreferrer">${k.name}</a>`).join(' · ');
  return '<tr>' +
    td(esc(new Date(s.ts).toISOString().slice(0, 16).replace('T', ' '))) +
    td(`${esc(s.symbol ?? '?')} <span class="muted">${esc(s.key.slice(0, 4))}…${esc(s.key.slice(-4))}</span>`) +
    td(esc(s.type)) +
    td(esc(shortPrice(s.price))) +
    td(l ? esc(shortPrice(l.sl)) : '–') +
    td(stopPct === null ? '–' : `${stopPct.toFixed(stopPct < 10 ? 1 : 0)}%`, stopPct !== null && stopPct >= 30 ? 'warn' : '') +
    td(l ? esc(l.tp.map(shortPrice).join(' / ')) : '<span class="muted">no ladder</span>') +
    // No result: open when a ladder is followed (horizon past the data), untracked without a ladder.
    td(s.result ? esc(s.result) : l ? '<span class="muted">open</span>' : '–') +
    td(s.rMultiple === null ? '–' : s.rMultiple.toFixed(2)) +
    td(links || '–') + '</tr>';
}

const tableOf = (rows: readonly SignalRow[]) => `<table class="signals"><tr>${HEAD.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map(rowHtml).join('')}</table>`;

/**
 * One row per signal of every token, newest first (`rows` sorted so): time, token, kind, price, stop and its
 * distance, ladder, result, R, links. The newest rows are open; later ones fold into pages (no script needed);
 * past `max` the rest are counted.
 */
export function signalsTable(rows: readonly SignalRow[], paging: SignalPaging = PAGING): string {
  if (rows.length === 0) return '<p class="muted">no signals</p>';
  const listed = rows.slice(0, paging.max);
  const parts = [tableOf(listed.slice(0, paging.first))];
  for (let i = paging.first; i < listed.length; i += paging.pageSize) {
    const page = listed.slice(i, i + paging.pageSize);
    parts.push(`<details><summary>signals ${i + 1}–${i + page.length} of ${rows.length}</summary>${tableOf(page)}</details>`);
  }
  const rest = rows.length - listed.length;
  if (rest > 0) parts.push(`<p class="muted">${rest} older signals are not listed here; report.json holds every signal.</p>`);
  return `<p class="muted">${rows.length} signals, newest first.</p>` + parts.join('');
}
