import type {
  ConfirmationLine, IgnitionLine, NearMissLine, RejectedLine, ScanEvent, StatusLine, TokenView, WindowClosed,
} from '../../domain/index.js';
import { compareRows } from './figures.js';
import { healthKey, reduceSourceHealth } from './sources.js';
import {
  DEFAULT_LIMITS, FINISHED_STAGES, type PanelLine, type SortKey, type TableData, type TableLimits,
  type TableRow, type TableState,
} from './state.js';

type SignalLine = IgnitionLine | ConfirmationLine | RejectedLine;

/** Identity of a token's row: mint, else pool, else symbol. Null when the line names no token. */
export function rowKeyOf(e: { mint: string | null; pool: string | null; symbol: string | null }): string | null {
  return e.mint ?? e.pool ?? (e.symbol ? `symbol:${e.symbol}` : null);
}

/**
 * Folds one scan event into the table state. Pure: returns a new state and never mutates the old one.
 * Called at event rate; rendering reads the result at its own, throttled rate.
 */
export function reduceTable(state: TableState, event: ScanEvent, limits: TableLimits = DEFAULT_LIMITS): TableState {
  const data = reduceData(state.data, event, state.ui.sort, limits);
  return data === state.data ? state : { ...state, data };
}

function reduceData(d: TableData, e: ScanEvent, sort: SortKey, limits: TableLimits): TableData {
  const newestTs = Number.isFinite(e.ts) && (d.newestTs === null || e.ts > d.newestTs) ? e.ts : d.newestTs;
  const base: TableData = { ...d, counts: { ...d.counts, events: d.counts.events + 1 }, newestTs };
  switch (e.type) {
    case 'ignition':
    case 'confirmation':
    case 'rejected':
      return withRecent(upsertSignal(base, e, sort, limits), e, limits);
    case 'near_miss':
      return upsertNearMiss(base, e, sort, limits);
    case 'fade':
      return withRecent(updateRow(base, rowKeyOf(e), (r) =>
        r.chainIds.includes(e.ignitionId) && r.stage === 'IGNITION' ? { ...r, stage: 'FADED', changePct: e.changePct } : r), e, limits);
    case 'outcome':
      return withRecent(updateRow(base, rowKeyOf(e), (r) =>
        r.chainIds.includes(e.signalId) ? { ...r, stage: e.result, outcome: e } : r), e, limits);
    case 'token':
      return applyTokenView(base, e);
    case 'window':
      return closeNearMiss(base, e);
    case 'status':
      return applyStatus(base, e);
    case 'dropped':
      return { ...base, counts: { ...base.counts, dropped: base.counts.dropped + 1 } };
    case 'bad_data':
      return { ...base, counts: { ...base.counts, badData: base.counts.badData + 1 } };
    default:
      return base;
  }
}

function withRecent(d: TableData, line: PanelLine, limits: TableLimits): TableData {
  const seq = d.seq + 1;
  const recent = d.recent.length >= limits.maxRecent ? d.recent.slice(d.recent.length - limits.maxRecent + 1) : d.recent.slice();
  recent.push({ seq, line });
  return { ...d, seq, recent };
}

function updateRow(d: TableData, key: string | null, f: (r: TableRow) => TableRow): TableData {
  const row = key === null ? undefined : d.rows[key];
  if (!row || key === null) return d;
  const next = f(row);
  return next === row ? d : { ...d, rows: { ...d.rows, [key]: next } };
}

function upsertSignal(d: TableData, e: SignalLine, sort: SortKey, limits: TableLimits): TableData {
  const key = rowKeyOf(e);
  if (key === null) return d;
  const prev = d.rows[key];
  const sameWindow = prev !== undefined && prev.window4hStart === e.window4hStart && prev.stage !== 'NEAR';
  const rejected = e.type === 'rejected';
  const row: TableRow = {
    key,
    mint: e.mint,
    pool: e.pool ?? prev?.pool ?? null,
    symbol: e.symbol ?? prev?.symbol ?? null,
    stage: rejected ? 'REJECTED' : e.type === 'ignition' ? 'IGNITION' : 'CONFIRMED',
    failedGate: rejected ? (e.failed[0]?.gate ?? null) : null,
    missed: [],
    signalKind: rejected ? e.signalType : e.type,
    chainIds: sameWindow ? [...prev.chainIds, e.id] : [e.id],
    window4hStart: e.window4hStart,
    signalTs: e.ts,
    seq: prev?.seq ?? d.seq + 1,
    changePct: e.changePct,
    volumeRatio5m: e.type === 'ignition' ? e.volumeRatio5m : (prev?.volumeRatio5m ?? null),
    price: e.type === 'confirmation' ? e.close : e.price,
    ladder: rejected ? null : e.ladder,
    ladderUnavailable: rejected ? 'rejected' : e.ladderUnavailable,
    gates: e.gates,
    confidence: rejected ? null : e.confidence,
    outcome: null,
    view: prev?.view ?? null,
  };
  const counts = {
    ...d.counts,
    signals: d.counts.signals + (rejected ? 0 : 1),
    rejected: d.counts.rejected + (rejected ? 1 : 0),
  };
  return placeRow({ ...withToken(d, key), counts, seq: Math.max(d.seq, row.seq) }, row, prev === undefined, sort, limits);
}

/** Counts the token among those seen (signals and near misses too, not only token views). */
function withToken(d: TableData, key: string): TableData {
  if (d.tokensSeen.has(key)) return d;
  return { ...d, tokensSeen: new Set(d.tokensSeen).add(key) };
}

function upsertNearMiss(d: TableData, e: NearMissLine, sort: SortKey, limits: TableLimits): TableData {
  const key = rowKeyOf(e);
  const counts = { ...d.counts, nearMisses: d.counts.nearMisses + 1 };
  if (key === null) return { ...d, counts };
  const prev = d.rows[key];
  // A near miss never hides a real signal of the same token.
  if (prev && prev.stage !== 'NEAR') return { ...d, counts };
  const row: TableRow = {
    key, mint: e.mint, pool: e.pool ?? prev?.pool ?? null, symbol: e.symbol ?? prev?.symbol ?? null,
    stage: 'NEAR', failedGate: null, missed: e.missed, signalKind: null, chainIds: [],
    window4hStart: e.window4hStart, signalTs: prev?.window4hStart === e.window4hStart ? prev.signalTs : e.ts,
    seq: prev?.seq ?? d.seq + 1, changePct: e.changePct, volumeRatio5m: e.volumeRatio5m, price: null,
    ladder: null, ladderUnavailable: null, gates: [], confidence: null, outcome: null, view: prev?.view ?? null,
  };
  return placeRow({ ...withToken(d, key), counts, seq: Math.max(d.seq, row.seq) }, row, prev === undefined, sort, limits);
}

/** Stores the row; a new row goes where the sort puts it among the current order, others stay put. */
function placeRow(d: TableData, row: TableRow, isNew: boolean, sort: SortKey, limits: TableLimits): TableData {
  const rows = { ...d.rows, [row.key]: row };
  if (!isNew) return { ...d, rows };
  const order = d.order.slice();
  const at = order.findIndex((k) => compareRows(sort, row, rows[k]) < 0);
  order.splice(at === -1 ? order.length : at, 0, row.key);
  return evictRows({ ...d, rows, order }, limits);
}

function evictRows(d: TableData, limits: TableLimits): TableData {
  const excess = d.order.length - limits.maxRows;
  if (excess <= 0) return d;
  // Oldest finished rows go first; live signals only when nothing finished is left.
  const candidates = d.order
    .map((k) => d.rows[k])
    .sort((a, b) => Number(FINISHED_STAGES.has(b.stage)) - Number(FINISHED_STAGES.has(a.stage)) || a.signalTs - b.signalTs || a.seq - b.seq)
    .slice(0, excess);
  const gone = new Set(candidates.map((r) => r.key));
  const rows: Record<string, TableRow> = {};
  for (const k of d.order) if (!gone.has(k)) rows[k] = d.rows[k];
  return { ...d, rows, order: d.order.filter((k) => !gone.has(k)) };
}

function applyTokenView(d: TableData, v: TokenView): TableData {
  return applyViews(d, [v]);
}

/**
 * Folds many token views at once, copying the rows once: the same result as reducing them one by one
 * (a later view of a token replaces an earlier one; views of different tokens commute). Token views are
 * most of the traffic (every tracked token, every tick), so the store applies them in batches.
 */
export function reduceTokenViews(state: TableState, views: readonly TokenView[]): TableState {
  if (views.length === 0) return state;
  let newestTs = state.data.newestTs;
  for (const v of views) if (Number.isFinite(v.ts) && (newestTs === null || v.ts > newestTs)) newestTs = v.ts;
  const counted = { ...state.data, counts: { ...state.data.counts, events: state.data.counts.events + views.length }, newestTs };
  return { ...state, data: applyViews(counted, views) };
}

function applyViews(d: TableData, views: readonly TokenView[]): TableData {
  let seen: Set<string> | null = null;
  // Per row: the latest view, and the first symbol and pool any of its views named.
  const latest = new Map<string, { view: TokenView; symbol: string | null; pool: string | null }>();
  for (const v of views) {
    // Keyed like rows (mint, else pool): candle files often name only the pool.
    const key = rowKeyOf(v);
    if (key !== null && !d.tokensSeen.has(key) && !seen?.has(key)) (seen ??= new Set(d.tokensSeen)).add(key);
    if (key === null || d.rows[key] === undefined) continue;
    const prev = latest.get(key);
    latest.set(key, { view: v, symbol: prev?.symbol ?? v.symbol, pool: prev?.pool ?? v.pool });
  }
  if (!seen && latest.size === 0) return d;
  let rows = d.rows;
  if (latest.size > 0) {
    const next: Record<string, TableRow> = { ...d.rows };
    for (const [key, l] of latest) {
      const row = next[key];
      next[key] = { ...row, view: l.view, symbol: row.symbol ?? l.symbol, pool: row.pool ?? l.pool };
    }
    rows = next;
  }
  return { ...d, tokensSeen: seen ?? d.tokensSeen, rows };
}

function closeNearMiss(d: TableData, w: WindowClosed): TableData {
  const key = rowKeyOf(w);
  const row = key === null ? undefined : d.rows[key];
  if (!row || key === null || row.stage !== 'NEAR' || row.window4hStart !== w.bar.start) return d;
  const rows = { ...d.rows };
  delete rows[key];
  return { ...d, rows, order: d.order.filter((k) => k !== key) };
}

function applyStatus(d: TableData, line: StatusLine): TableData {
  const key = healthKey(line);
  return { ...d, sources: { ...d.sources, [key]: reduceSourceHealth(d.sources[key], line) } };
}
