import type { Confidence, GateCheck, GateName } from '../../domain/index.js';
import type { SortKey, TableRow } from './state.js';

/** The figures a row shows: live token view first, then what the signal line measured. */
export interface RowFigures {
  changePct: number | null;
  volumeRatio5m: number | null;
  liquidityUsd: number | null;
  volume24hUsd: number | null;
  priceImpactPct: number | null;
  price: number | null;
  /** `renounced`, `present` or `unknown`, for mint and freeze authority. */
  mintAuthority: AuthorityState;
  freezeAuthority: AuthorityState;
  /** Confidence as a 0..100 number for sorting, and whether it is calibrated. */
  confidence: number | null;
  calibrated: boolean;
  stale: boolean;
}
export type AuthorityState = 'renounced' | 'present' | 'unknown';

export function gateOf(row: TableRow, gate: GateName): GateCheck | undefined {
  return row.gates.find((g) => g.gate === gate);
}

function gateNumber(row: TableRow, gate: GateName): number | null {
  const v = gateOf(row, gate)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function authority(viewValue: string | null | 'unknown' | undefined, gate: GateCheck | undefined): AuthorityState {
  if (viewValue === null) return 'renounced';
  if (viewValue === 'unknown' || viewValue === undefined) {
    if (!gate || gate.status === 'unknown') return 'unknown';
    return gate.status === 'pass' ? 'renounced' : 'present';
  }
  return 'present';
}

export function rowFigures(row: TableRow): RowFigures {
  const v = row.view;
  const c = row.confidence;
  const confidence = c ? (c.calibrated && c.p !== null ? c.p * 100 : c.score) : null;
  return {
    changePct: v?.changePct4h ?? row.changePct,
    volumeRatio5m: v?.volumeRatio5m ?? row.volumeRatio5m,
    liquidityUsd: v?.liquidityUsd ?? gateNumber(row, 'liquidity'),
    volume24hUsd: v?.volume24hUsd ?? gateNumber(row, 'volume_24h'),
    priceImpactPct: v?.priceImpactPct ?? gateNumber(row, 'price_impact'),
    price: v?.price ?? row.price,
    mintAuthority: authority(v?.mintAuthority, gateOf(row, 'mint_authority')),
    freezeAuthority: authority(v?.freezeAuthority, gateOf(row, 'freeze_authority')),
    confidence: confidence ?? null,
    calibrated: Boolean(c?.calibrated && c.p !== null),
    stale: v?.stale ?? false,
  };
}

// Nulls sort last whatever the direction, so unknown figures never crowd the top.
function byNumberDesc(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return b - a;
}

/** Order of two rows under a sort key; ties fall back to the newest signal, then the key. */
export function compareRows(sort: SortKey, a: TableRow, b: TableRow): number {
  let d = 0;
  if (sort === 'symbol') {
    d = (a.symbol ?? '\uffff').localeCompare(b.symbol ?? '\uffff');
  } else if (sort !== 'newest') {
    const fa = rowFigures(a);
    const fb = rowFigures(b);
    const pick = { change: 'changePct', confidence: 'confidence', volume: 'volumeRatio5m', liquidity: 'liquidityUsd' } as const;
    d = byNumberDesc(fa[pick[sort]], fb[pick[sort]]);
  }
  if (d !== 0) return d;
  d = b.signalTs - a.signalTs || b.seq - a.seq;
  return d !== 0 ? d : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Features present at signal time out of those the model uses; null without a confidence. */
export interface FeatureCoverage { present: number; total: number; mostlyMissing: boolean }

export function featureCoverage(c: Confidence | null | undefined): FeatureCoverage | null {
  if (!c) return null;
  // The engine's own count when the line carries it, else counted from the features object.
  const values = Object.values(c.features);
  const present = c.featuresPresent ?? values.filter((v) => v !== null && v !== undefined).length;
  const total = c.featuresTotal ?? values.length;
  // "Mostly missing": fewer than half of the features carried a value.
  return { present, total, mostlyMissing: total > 0 && present * 2 < total };
}
