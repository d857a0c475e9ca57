import { GATE_SHORT } from './columns.js';
import { featureCoverage } from './figures.js';
import { formatGateNumber, formatIsoSeconds, formatPct, formatPrice, formatRatio, formatStopPct, formatUsd, shortMint, stopDistancePct } from './format.js';
import { sanitizeText } from '../../domain/text.js';
import type { PanelLine } from './state.js';
import type { Confidence, GateCheck } from '../../domain/index.js';

const SYMBOL_MAX = 16;

function confidenceText(c: Confidence): string {
  const cov = featureCoverage(c);
  // When most features are missing the figure rests on little: say how many were present.
  const note = cov?.mostlyMissing ? ` (${cov.present}/${cov.total} features)` : '';
  if (c.calibrated && c.p !== null) return `p=${Math.round(c.p * 100)}%${note}`;
  return c.score === null ? 'conf -' : `score ${Math.round(c.score)}*${note}`;
}

function gateValue(g: GateCheck): string {
  const show = (v: number | string | null): string =>
    typeof v === 'number' ? formatGateNumber(g.gate, v) : v === null ? '-' : sanitizeText(v, 20);
  return `${GATE_SHORT[g.gate] ?? 'gate'}=${show(g.value)}${g.threshold !== null ? ` (limit ${show(g.threshold)})` : ''}`;
}

/** The words of a signal line after its time and token, e.g. `IGNITION +12.3% vol 4.1x entry ...`. */
export function signalSummary(line: PanelLine): string {
  switch (line.type) {
    case 'ignition':
    case 'confirmation': {
      const head = line.type === 'ignition'
        ? `IGNITION ${formatPct(line.changePct)} vol ${formatRatio(line.volumeRatio5m)} @ ${formatPrice(line.price)}`
        : `CONFIRMED ${formatPct(line.changePct)} close ${formatPrice(line.close)}`;
      const l = line.ladder;
      const ladder = l
        ? `entry ${formatPrice(l.entry)} sl ${formatPrice(l.sl)} (-${formatStopPct(stopDistancePct(l.entry, l.sl))}) tp ${l.tp.map(formatPrice).join('/')}`
        : `no ladder (${sanitizeText(line.ladderUnavailable ?? 'unknown', 30)})`;
      const liq = line.gates.find((g) => g.gate === 'liquidity')?.value;
      return `${head} ${ladder} ${confidenceText(line.confidence)}${typeof liq === 'number' ? ` liq ${formatUsd(liq)}` : ''}`;
    }
    case 'fade':
      return `FADED ${formatPct(line.changePct)}`;
    case 'outcome':
      return `${line.result} ${line.rMultiple >= 0 ? '+' : ''}${line.rMultiple.toFixed(2)}R exit ${formatPrice(line.exitPrice)} (${line.exit}) mfe ${formatPct(line.mfePct)} mae ${formatPct(line.maePct)}`;
    case 'rejected':
      return `REJECTED ${line.signalType} ${formatPct(line.changePct)} @ ${formatPrice(line.price)}: ${line.failed.map(gateValue).join(', ') || 'no gate named'}`;
  }
}

/** One plain, sanitised line for a signal: `2025-08-21T04:05:00Z CBRL 5LKH…pump IGNITION ...`. */
export function formatSignalLine(line: PanelLine): string {
  const symbol = sanitizeText(line.symbol, SYMBOL_MAX) || '?';
  return `${formatIsoSeconds(line.ts)} ${symbol} ${shortMint(line.mint ?? line.pool)} ${signalSummary(line)}`;
}

export const PANEL_TYPES: ReadonlySet<string> = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected']);
