import type { GateCheck, Ladder, LogLine } from '../../domain/signals.js';
import { sanitizeSymbol, sanitizeText } from '../../domain/text.js';
import { formatAge, formatImpact, formatPct, formatPrice, formatRatio, formatUsd } from '../table/format.js';

/**
 * An alert before any sink's formatting. Every field is text this module wrote from numbers, base58
 * addresses and our own literals, except `symbol`: attacker text, sanitised here and escaped again by
 * each sink for its own markup.
 */
export interface AlertMessage {
  /** `IGNITION`, `4H CONFIRMED`, `OUTCOME TP1`, `FADE`, `REJECTED`. */
  title: string;
  symbol: string | null;
  /** The mint, or the pool when only the pool is known (base58 only). */
  token: string;
  tokenLabel: 'Mint' | 'Pool';
  /** One short sentence of what happened. */
  headline: string;
  /** Further lines: ladder, confidence, gates. */
  details: string[];
  links: Array<{ label: string; url: string }>;
  signalId: string;
}

const base58 = (s: string | null): string => (s ?? '').replace(/[^1-9A-HJ-NP-Za-km-z]/g, '').slice(0, 64);
const pctFrom = (price: number, entry: number): string => formatPct(((price - entry) / entry) * 100);

function ladderText(l: Ladder | null, unavailable: string | null): string {
  if (!l) return `Ladder: none (${sanitizeText(unavailable ?? 'unknown', 40)})`;
  const tps = l.tp.map((tp, i) => `TP${i + 1} ${formatPrice(tp)} (${pctFrom(tp, l.entry)})`).join(' · ');
  return `Entry ${formatPrice(l.entry)} · SL ${formatPrice(l.sl)} (${pctFrom(l.sl, l.entry)}) · ${tps}`;
}

const GATE_LABEL: Record<string, string> = {
  liquidity: 'liquidity', volume_24h: 'vol 24h', price_impact: 'impact', mint_authority: 'mint auth', freeze_authority: 'freeze auth', token2022_traps: 'token-2022',
};
const MARK = { pass: '✅', fail: '❌', unknown: '❔' } as const;

function gateValue(g: GateCheck): string {
  if (g.value === null) return g.status === 'unknown' ? 'no data' : '';
  if (typeof g.value === 'number') return g.gate === 'price_impact' ? formatImpact(g.value) : formatUsd(g.value);
  // Authority addresses and trap lists: shown short and inert.
  return sanitizeText(g.value, 24);
}

export function gatesText(gates: readonly GateCheck[]): string {
  return 'Gates: ' + gates.map((g) => `${GATE_LABEL[g.gate] ?? 'gate'} ${MARK[g.status] ?? '❔'} ${gateValue(g)}`.trim()).join(' · ');
}

function confidenceText(c: { p: number | null; score: number | null; calibrated: boolean }): string {
  const p = c.p === null ? 'p n/a' : `p ${c.p.toFixed(2)}`;
  return `${p} (score ${c.score === null ? 'n/a' : Math.round(c.score)}${c.calibrated ? ', calibrated' : ', uncalibrated'})`;
}

function linksFor(token: string, isPool: boolean): AlertMessage['links'] {
  const links = [
    { label: 'DexScreener', url: `https://dexscreener.com/solana/${token}` },
    { label: 'Solscan', url: `https://solscan.io/${isPool ? 'account' : 'token'}/${token}` },
  ];
  if (!isPool) links.push({ label: 'Birdeye', url: `https://birdeye.so/token/${token}?chain=solana` });
  return links;
}

/** The alert for a log line, or null for line types that are never alerts (status, dropped, ...). */
export function alertMessage(line: LogLine): AlertMessage | null {
  const isPool = !line.mint;
  const token = base58(line.mint ?? line.pool);
  const base = { symbol: sanitizeSymbol(line.symbol), token, tokenLabel: isPool ? 'Pool' : 'Mint', links: linksFor(token, isPool), signalId: line.id } as const;
  switch (line.type) {
    case 'ignition':
      return { ...base, title: 'IGNITION', headline: `${formatPct(line.changePct)} on the forming 4h candle, 5m volume ${formatRatio(line.volumeRatio5m)} its average, price ${formatPrice(line.price)}`,
        details: [ladderText(line.ladder, line.ladderUnavailable), confidenceText(line.confidence), gatesText(line.gates)] };
    case 'confirmation':
      return { ...base, title: '4H CONFIRMED', headline: `4h candle closed ${formatPct(line.changePct)} (open ${formatPrice(line.open)}, close ${formatPrice(line.close)}, volume ${formatUsd(line.volumeUsd)})`,
        details: [ladderText(line.ladder, line.ladderUnavailable), confidenceText(line.confidence), gatesText(line.gates)] };
    case 'outcome':
      return { ...base, title: `OUTCOME ${line.result}`, headline: `${line.signalType} ${line.signalId.replace(/[^0-9a-z]/g, "")} ended ${line.result}: exit ${line.exit} at ${formatPrice(line.exitPrice)}, ${line.rMultiple >= 0 ? '+' : ''}${line.rMultiple.toFixed(2)}R after ${formatAge(line.durationMs)}`,
        details: [`Entry ${formatPrice(line.entry)} · MFE ${formatPct(line.mfePct)} · MAE ${formatPct(line.maePct)}`] };
    case 'fade':
      return { ...base, title: 'FADE', headline: `the ignition's 4h candle closed ${formatPct(line.changePct)}, below the confirmation threshold`, details: [] };
    case 'rejected':
      return { ...base, title: 'REJECTED', headline: `${line.signalType} ${formatPct(line.changePct)} at ${formatPrice(line.price)} failed its gates`, details: [gatesText(line.failed)] };
    default:
      return null;
  }
}

/** Plain text (the generic webhook's `text`): title, symbol, token, headline, details, links. */
export function plainText(m: AlertMessage): string {
  return [
    `${m.title} · ${m.symbol ?? '(no symbol)'}: ${m.headline}`,
    `${m.tokenLabel} ${m.token}`,
    ...m.details,
    m.links.map((l) => `${l.label} ${l.url}`).join(' · '),
  ].join('\n');
}
