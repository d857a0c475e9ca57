import type { GateName } from '../../domain/index.js';
import { featureCoverage, gateOf, rowFigures, type AuthorityState, type RowFigures } from './figures.js';
import { formatAge, formatImpact, formatPct, formatPrice, formatRatio, formatStopPct, formatUsd, shortMint, stopDistancePct } from './format.js';
import { padToWidth, sanitizeText } from '../../domain/text.js';
import type { Stage, TableRow } from './state.js';

/** Colours with a meaning: up/ok, down/failed, warning, informational, muted. */
export type Tone = 'green' | 'red' | 'yellow' | 'cyan' | 'gray';
export interface Cell { text: string; tone: Tone | null }

export interface Column {
  id: string;
  title: string;
  width: number;
  align: 'left' | 'right';
  /** Lower is more important: a narrow terminal drops the highest numbers first. */
  priority: number;
  /** A shorter width the column takes (with shorter text) rather than let a more important column go. */
  narrowWidth?: number;
  cell(row: TableRow, f: RowFigures, now: number, ctx: CellContext): Cell;
}

/** What a cell may need to know: the other columns shown, and its own width (narrowed or not). */
export interface CellContext { mintShown: boolean; width: number }

const SYMBOL_WIDTH = 10;

const STAGE_TONE: Record<Stage, Tone> = {
  NEAR: 'gray', IGNITION: 'cyan', CONFIRMED: 'green', FADED: 'yellow', REJECTED: 'red',
  TP1: 'green', TP2: 'green', TP3: 'green', SL: 'red', TIMEOUT: 'yellow',
};

/** Short gate names that fit the stage column (`REJ freeze_auth`). */
export const GATE_SHORT: Record<GateName, string> = {
  liquidity: 'liquidity', volume_24h: 'vol24h', price_impact: 'impact',
  mint_authority: 'mint_auth', freeze_authority: 'freeze_auth', token2022_traps: 'traps',
};

/** Shorter still, for the narrowed stage column (`REJ freeze`, at most 10 columns with the prefix). */
const GATE_TINY: Record<GateName, string> = {
  liquidity: 'liq', volume_24h: 'vol24h', price_impact: 'impact', mint_authority: 'mint', freeze_authority: 'freeze', token2022_traps: 'traps',
};
const STAGE_WIDTH = 15;
const STAGE_NARROW = 10;

export function stageText(row: TableRow, width = STAGE_WIDTH): string {
  const names = width < STAGE_WIDTH ? GATE_TINY : GATE_SHORT;
  return row.stage === 'REJECTED' && row.failedGate ? `REJ ${names[row.failedGate] ?? 'gate'}` : row.stage;
}

function signTone(x: number | null): Tone | null {
  return x === null ? null : x > 0 ? 'green' : x < 0 ? 'red' : null;
}

// A figure that failed its gate is red, one the gate could not measure is yellow.
function gateTone(row: TableRow, gate: GateName): Tone | null {
  const status = gateOf(row, gate)?.status;
  return status === 'fail' ? 'red' : status === 'unknown' ? 'yellow' : null;
}

function authorityCell(mint: AuthorityState, freeze: AuthorityState): Cell {
  if (mint === 'renounced' && freeze === 'renounced') return { text: 'ok', tone: 'green' };
  const part = (s: AuthorityState, letter: string): string => (s === 'present' ? letter : s === 'unknown' ? '?' : '-');
  const bad = mint === 'present' || freeze === 'present';
  return { text: part(mint, 'M') + part(freeze, 'F'), tone: bad ? 'red' : 'yellow' };
}

function confidenceCell(row: TableRow, f: RowFigures): Cell {
  if (f.confidence === null) return { text: '-', tone: null };
  const n = Math.round(f.confidence);
  // Mostly missing features: the figure rests on little, so the count of present features stands beside it.
  const cov = featureCoverage(row.confidence);
  if (cov?.mostlyMissing) return { text: `${n}${f.calibrated ? '%' : '*'} ${cov.present}/${cov.total}`, tone: 'yellow' };
  // An uncalibrated score is not a probability: the star says so.
  return f.calibrated
    ? { text: `${n}%`, tone: n >= 60 ? 'green' : n < 40 ? 'red' : null }
    : { text: `${n}*`, tone: 'gray' };
}

const ladderPrice = (pick: (r: TableRow) => number | undefined, tone: Tone | null) =>
  (row: TableRow): Cell => ({ text: formatPrice(row.ladder ? pick(row) : null), tone: row.ladder ? tone : null });

/** Every column, in display order. */
export const COLUMNS: readonly Column[] = [
  { id: 'symbol', title: 'SYMBOL', width: SYMBOL_WIDTH, align: 'left', priority: 0,
    // Without a symbol: '?' when the MINT column is shown next to it, else the short mint identifies the token.
    cell: (r, f, _now, ctx) => {
      const symbol = sanitizeText(r.symbol, SYMBOL_WIDTH);
      if (symbol) return { text: symbol, tone: f.stale ? 'yellow' : null };
      return { text: ctx.mintShown ? '?' : shortMint(r.mint ?? r.pool), tone: 'gray' };
    } },
  { id: 'mint', title: 'MINT', width: 9, align: 'left', priority: 10, cell: (r) => ({ text: shortMint(r.mint ?? r.pool), tone: 'gray' }) },
  { id: 'stage', title: 'STAGE', width: STAGE_WIDTH, narrowWidth: STAGE_NARROW, align: 'left', priority: 0,
    cell: (r, _f, _now, ctx) => ({ text: stageText(r, ctx.width), tone: STAGE_TONE[r.stage] }) },
  { id: 'change', title: '4H', width: 7, align: 'right', priority: 1, cell: (_r, f) => ({ text: formatPct(f.changePct), tone: signTone(f.changePct) }) },
  { id: 'volume', title: 'VOL5M', width: 5, align: 'right', priority: 6, cell: (_r, f) => ({ text: formatRatio(f.volumeRatio5m), tone: null }) },
  { id: 'liquidity', title: 'LIQ', width: 7, align: 'right', priority: 6.5, cell: (r, f) => ({ text: formatUsd(f.liquidityUsd), tone: gateTone(r, 'liquidity') }) },
  { id: 'volume24h', title: 'VOL24H', width: 7, align: 'right', priority: 12, cell: (r, f) => ({ text: formatUsd(f.volume24hUsd), tone: gateTone(r, 'volume_24h') }) },
  { id: 'impact', title: 'IMPACT', width: 6, align: 'right', priority: 11, cell: (r, f) => ({ text: formatImpact(f.priceImpactPct), tone: gateTone(r, 'price_impact') }) },
  { id: 'auth', title: 'AUTH', width: 4, align: 'left', priority: 7, cell: (_r, f) => authorityCell(f.mintAuthority, f.freezeAuthority) },
  { id: 'confidence', title: 'CONF', width: 7, align: 'right', priority: 2, cell: (r, f) => confidenceCell(r, f) },
  { id: 'entry', title: 'ENTRY', width: 11, align: 'right', priority: 3, cell: (r) => ({ text: formatPrice(r.ladder?.entry ?? r.price), tone: null }) },
  { id: 'stop', title: 'STOP', width: 4, align: 'right', priority: 5,
    // How much of the entry the stop gives away: young pump tokens often have stops 30-95% under entry.
    cell: (r) => {
      const p = stopDistancePct(r.ladder?.entry, r.ladder?.sl);
      return { text: formatStopPct(p), tone: p !== null && p >= 30 ? 'yellow' : null };
    } },
  { id: 'sl', title: 'SL', width: 11, align: 'right', priority: 8, cell: ladderPrice((r) => r.ladder?.sl, 'red') },
  { id: 'tp1', title: 'TP1', width: 11, align: 'right', priority: 9, cell: ladderPrice((r) => r.ladder?.tp[0], 'green') },
  { id: 'tp2', title: 'TP2', width: 11, align: 'right', priority: 13, cell: ladderPrice((r) => r.ladder?.tp[1], 'green') },
  { id: 'tp3', title: 'TP3', width: 11, align: 'right', priority: 14, cell: ladderPrice((r) => r.ladder?.tp[2], 'green') },
  { id: 'age', title: 'AGE', width: 6, align: 'right', priority: 4, cell: (r, _f, now) => ({ text: formatAge(now - r.signalTs), tone: null }) },
];

/** Space between columns, and the selection marker's width at the start of a line. */
export const GAP = 1;
export const MARKER_WIDTH = 2;

/**
 * The columns that fit in `width` terminal columns, in display order. The most important stay: when the next
 * one does not fit, the columns kept so far take their narrow widths if that makes room for it, else it and
 * every less important column are dropped. A narrowed column comes back as a copy with its narrow width.
 */
export function fitColumns(width: number, columns: readonly Column[] = COLUMNS): Column[] {
  const byImportance = columns.slice().sort((a, b) => a.priority - b.priority);
  const kept = new Map<Column, number>();
  let used = MARKER_WIDTH;
  for (const c of byImportance) {
    const gap = kept.size > 0 ? GAP : 0;
    if (used + gap + c.width > width) {
      let saving = 0;
      for (const [k, w] of kept) saving += w - Math.min(w, k.narrowWidth ?? w);
      const own = Math.min(c.width, c.narrowWidth ?? c.width);
      if (used - saving + gap + own > width) break;
      for (const [k, w] of kept) kept.set(k, Math.min(w, k.narrowWidth ?? w));
      used -= saving;
    }
    const w = used + gap + c.width <= width ? c.width : Math.min(c.width, c.narrowWidth ?? c.width);
    kept.set(c, w);
    used += gap + w;
  }
  return columns.filter((c) => kept.has(c)).map((c) => (kept.get(c) === c.width ? c : { ...c, width: kept.get(c)! }));
}

/** The cells of one row for the given columns, each padded to its column width. */
export function rowCells(row: TableRow, columns: readonly Column[], now: number): Cell[] {
  const f = rowFigures(row);
  const mintShown = columns.some((c) => c.id === 'mint');
  return columns.map((c) => {
    const cell = c.cell(row, f, now, { mintShown, width: c.width });
    return { text: padToWidth(cell.text, c.width, c.align), tone: cell.tone };
  });
}

export function headerCells(columns: readonly Column[]): string[] {
  return columns.map((c) => padToWidth(c.title, c.width, c.align));
}
