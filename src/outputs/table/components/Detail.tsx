import React from 'react';
import { Box, Text } from 'ink';
import type { GateCheck, GateName, HoldersAt } from '../../../domain/index.js';
import { stageText, type Tone } from '../columns.js';
import { featureCoverage, rowFigures } from '../figures.js';
import { formatAge, formatGateNumber, formatImpact, formatIsoSeconds, formatPct, formatPrice, formatR, formatStopPct, safeAddress, stopDistancePct } from '../format.js';
import { sanitizeText } from '../../../domain/text.js';
import type { TableRow } from '../state.js';
import { Toned } from './tone.js';

const LINK_NAMES = ['dexscreener', 'solscan    ', 'birdeye    '];

const GATE_TONE: Record<GateCheck['status'], Tone> = { pass: 'green', fail: 'red', unknown: 'yellow' };

function show(v: number | string | null): string {
  if (v === null) return '-';
  return typeof v === 'number' ? String(Number(v.toPrecision(6))) : sanitizeText(v, 48);
}

/** A gate's value or limit in its unit: dollars for liquidity and volume, percent for price impact. */
export function gateFigure(gate: GateName, v: number | string | null): string {
  return typeof v === 'number' ? formatGateNumber(gate, v) : show(v);
}

/** Where to look the token up: DexScreener, Solscan, Birdeye (the mint, reduced to base58, is the only input). */
export function tokenLinks(mint: string | null): string[] {
  const m = mint ? safeAddress(mint) : '';
  if (!m || m === '-') return [];
  return [`https://dexscreener.com/solana/${m}`, `https://solscan.io/token/${m}`, `https://birdeye.so/token/${m}?chain=solana`];
}

/** The confidence line: p or the raw score, and how many features it rests on when most are missing. */
export function confidenceText(c: TableRow['confidence']): string {
  if (!c) return 'confidence -';
  const head = c.calibrated && c.p !== null ? `p=${(c.p * 100).toFixed(0)}% (calibrated)`
    : c.score === null ? 'none (no feature available)' : `${Math.round(c.score)}* (uncalibrated score)`;
  const cov = featureCoverage(c);
  const note = cov?.mostlyMissing ? `  only ${cov.present} of ${cov.total} features present: little to go on` : '';
  return `confidence ${head}${note}`;
}

/** The holder line: the share of the largest holders with pools and curves left out, or why there is none. */
export function holdersText(h: HoldersAt | null | undefined): string {
  if (!h) return 'holders -';
  if (h.state === 'unavailable') return `holders unavailable on this RPC (getTokenLargestAccounts), asked ${formatAge(h.ageMs)} ago`;
  const left = Object.entries(h.excluded).filter(([, n]) => (n ?? 0) > 0).map(([why, n]) => `${why} ${n}`);
  const out = left.length ? `  left out: ${left.join(', ')} (${formatImpact(h.excludedPct)} of supply)` : '  no pool or curve among the largest';
  return `holders top ${h.holders} hold ${formatImpact(h.topPct)} of supply${out}  ${formatAge(h.ageMs)} old`;
}

/** Packs `items` into lines no wider than `width`, separated by two spaces. */
export function packLines(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const it of items) {
    if (cur && cur.length + 2 + it.length > width) {
    lines.push(cur);
    cur = it;
    } else cur = cur ? `${cur}  ${it}` : it;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Everything known about one token's signal: identity, ladder with R multiples, gates, confidence, data ages. */
export function Detail({ row, now, width, maxLines }: { row: TableRow; now: number; width: number; maxLines: number }): React.JSX.Element {
  const f = rowFigures(row);
  const l = row.ladder;
  const c = row.confidence;
  const line = (text: string, key: string): React.JSX.Element => <Text key={key} wrap="truncate">{text}</Text>;
  const pools = [row.pool, row.view?.pool].filter((p, i, a): p is string => !!p && a.indexOf(p) === i).map(safeAddress);
  const features = c ? Object.entries(c.features).map(([k, v]) => `${sanitizeText(k, 24)}=${v === null ? 'missing' : show(v)}`) : [];
  const links = tokenLinks(row.mint);
  const ages = (row.view?.ages ?? []).map((a) => `${sanitizeText(a.kind, 16)}/${sanitizeText(a.source, 16)} ${formatAge(a.ageMs)}`);
  const parts = [
    <Text key="head" wrap="truncate">
      <Toned tone="cyan" bold>{sanitizeText(row.symbol, 32) || '?'}</Toned>
      {`  ${stageText(row)}  4h ${formatPct(f.changePct)}  signal ${formatIsoSeconds(row.signalTs)} (${formatAge(now - row.signalTs)} ago)`}
      {f.stale ? <Toned tone="yellow">  STALE</Toned> : null}
    </Text>,
    line(`mint ${safeAddress(row.mint)}`, 'mint'),
    line(`pool ${pools.join(', ') || '-'}`, 'pool'),
    // A link must stay whole to be clickable: the name goes when the line is too narrow, and a URL still wider
    // than the pane wraps (its extra lines are counted below).
    ...links.map((u, i) => (
      <Text key={`link${i}`} wrap="wrap">{LINK_NAMES[i].length + 1 + u.length <= width ? `${LINK_NAMES[i]} ${u}` : u}</Text>
    )),
    l
      ? line(`ladder entry ${formatPrice(l.entry)}  SL ${formatPrice(l.sl)} (${formatR(l.sl, l.entry, l.r)}, -${formatStopPct(stopDistancePct(l.entry, l.sl))})  ` +
          l.tp.map((tp, i) => `TP${i + 1} ${formatPrice(tp)} (${formatR(tp, l.entry, l.r)})`).join('  ') +
          `  ATR ${formatPrice(l.atr)}  stop ${l.slMode}${l.breakevenAfterTp1 ? ', breakeven after TP1' : ''}`, 'ladder')
      : line(`ladder unavailable: ${sanitizeText(row.ladderUnavailable ?? 'no signal yet', 40)}`, 'ladder'),
    row.outcome
      ? line(`outcome ${row.outcome.result} ${row.outcome.rMultiple.toFixed(2)}R exit ${formatPrice(row.outcome.exitPrice)} (${row.outcome.exit}) ` +
          `mfe ${formatPct(row.outcome.mfePct)} mae ${formatPct(row.outcome.maePct)} after ${formatAge(row.outcome.durationMs)}`, 'outcome')
      : null,
    row.missed.length > 0 ? line(`near miss: ${row.missed.map((m) => sanitizeText(m, 32)).join(', ')}`, 'missed') : null,
    <Toned key="gates" tone={null} bold>gates</Toned>,
    row.gates.length === 0 ? line('  none measured', 'nogates') : null,
    ...row.gates.map((g) => (
      <Text key={`g-${g.gate}`} wrap="truncate">
        {'  '}
        <Toned tone={GATE_TONE[g.status]}>{g.status.padEnd(8)}</Toned>
        {`${g.gate.padEnd(17)} value ${gateFigure(g.gate, g.value)}  limit ${gateFigure(g.gate, g.threshold)}`}
        {g.reason ? `  ${sanitizeText(g.reason, 40)}` : ''}
        {`  ${g.source ? sanitizeText(g.source, 20) : '-'} ${g.ageMs === null ? '' : formatAge(g.ageMs) + ' old'}`}
      </Text>
    )),
    line(holdersText(row.view?.holders), 'holders'),
    line(confidenceText(c), 'conf'),
    ...packLines(features, Math.max(20, width - 2)).map((t, i) => line(`  ${t}`, `f${i}`)),
    line(`data ages: ${ages.length ? '' : '-'}`, 'ages'),
    ...packLines(ages, Math.max(20, width - 2)).map((t, i) => line(`  ${t}`, `a${i}`)),
  ].filter((p) => p !== null);
  // Keep the pane within the screen; the close hint is always the last line.
  const wrapped = links.reduce((n, u) => n + Math.max(0, Math.ceil(u.length / Math.max(1, width)) - 1), 0);
  const shown = parts.slice(0, Math.max(1, maxLines - 1 - wrapped));
  return (
    <Box flexDirection="column" width={width}>
    {shown}
    <Toned tone="gray">Esc or Enter closes</Toned>
    </Box>
  );
}
