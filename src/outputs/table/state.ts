import type {
  Confidence, EpochMs, GateCheck, GateName, Ladder, LogLine, OutcomeLine, OutcomeResult, SignalKind,
  SourceCounters, SourceState, TokenView,
} from '../../domain/index.js';
import type { RateUse } from '../../domain/status.js';

/** What the user can sort rows by (`s` cycles in this order). Default `newest`. */
export type SortKey = 'newest' | 'change' | 'confidence' | 'volume' | 'liquidity' | 'symbol';
export const SORT_KEYS: readonly SortKey[] = ['newest', 'change', 'confidence', 'volume', 'liquidity', 'symbol'];

/** Lifecycle stage shown in a row. `NEAR` is a near miss; `REJECTED` names its first failing gate. */
export type Stage = 'NEAR' | 'IGNITION' | 'CONFIRMED' | 'FADED' | 'REJECTED' | OutcomeResult;

/** One token's row: the latest signal of its current 4h window plus its live figures. */
export interface TableRow {
  /** Mint, else pool, else the symbol: the identity rows are kept under. */
  key: string;
  mint: string | null;
  pool: string | null;
  /** Unsanitised symbol as received; sanitised at display. */
  symbol: string | null;
  stage: Stage;
  failedGate: GateName | null;
  /** Near-miss conditions that missed. */
  missed: readonly string[];
  signalKind: SignalKind | null;
  /** Ids of the ignition / confirmation / rejection lines of the current window (outcomes match them). */
  chainIds: readonly string[];
  window4hStart: EpochMs | null;
  /** Event time of the signal that set the stage (time since is measured from it). */
  signalTs: EpochMs;
  /** Insertion sequence: breaks ties so order is deterministic. */
  seq: number;
  changePct: number | null;
  volumeRatio5m: number | null;
  price: number | null;
  ladder: Ladder | null;
  ladderUnavailable: string | null;
  gates: readonly GateCheck[];
  confidence: Confidence | null;
  outcome: OutcomeLine | null;
  /** Latest live figures of the token, when any arrived after the row was created. */
  view: TokenView | null;
}

/** Health of one source endpoint, from its latest status line. */
export interface SourceHealth {
  source: string;
  endpoint: string | null;
  state: SourceState;
  detail: string | null;
  counters: SourceCounters;
  /** Clock time of the latest status line. */
  at: EpochMs;
  /** Requests per minute measured from `counters.requests` between status lines, else as reported. */
  ratePerMin: number | null;
  budgetPerMin: number | null;
  /** Each rate class's use and budget, when the line carries them. */
  rates: RateUse[] | null;
  nextAttemptAt: EpochMs | null;
  /** Earlier sample for the rate: (time, requests). */
  sampleAt: EpochMs;
  sampleRequests: number;
}

/** Signal lines shown in the recent-signals panel and written by the plain writer. */
export type PanelLine = Extract<LogLine, { type: 'ignition' | 'confirmation' | 'fade' | 'outcome' | 'rejected' }>;
export interface RecentItem { seq: number; line: PanelLine }

/** Everything the event stream has told the table. */
export interface TableData {
  rows: Readonly<Record<string, TableRow>>;
  /** Display order of row keys: new rows are placed by the sort key, updates never move a row. */
  order: readonly string[];
  sources: Readonly<Record<string, SourceHealth>>;
  /** Most recent signal lines, oldest first, bounded. */
  recent: readonly RecentItem[];
  seq: number;
  /** Distinct tokens seen in token views (the header's fallback for "tokens tracked"). */
  tokensSeen: ReadonlySet<string>;
  counts: { events: number; signals: number; rejected: number; nearMisses: number; dropped: number; badData: number };
  /** Newest event time seen in any event; knownAt-ish lag fallback. */
  newestTs: EpochMs | null;
  ended: boolean;
  error: string | null;
}

/** What the user is doing. */
export interface TableUi {
  sort: SortKey;
  hideRejected: boolean;
  paused: boolean;
  selectedKey: string | null;
  detailOpen: boolean;
}

export interface TableState {
  data: TableData;
  ui: TableUi;
  /** The data shown while paused (taken when `p` was pressed). */
  frozen: TableData | null;
}

/** Limits that keep memory bounded in a day-long session. */
export interface TableLimits {
  /** Rows kept; finished rows (outcome, faded, rejected, near miss) are evicted first. Default 500. */
  maxRows: number;
  /** Signal lines kept for the recent panel. Default 500. */
  maxRecent: number;
}
export const DEFAULT_LIMITS: TableLimits = { maxRows: 500, maxRecent: 500 };

export function emptyData(): TableData {
  return {
    rows: {}, order: [], sources: {}, recent: [], seq: 0, tokensSeen: new Set(),
    counts: { events: 0, signals: 0, rejected: 0, nearMisses: 0, dropped: 0, badData: 0 },
    newestTs: null, ended: false, error: null,
  };
}

export function initialTableState(opts: { sort?: SortKey; hideRejected?: boolean } = {}): TableState {
  return {
    data: emptyData(),
    ui: { sort: opts.sort ?? 'newest', hideRejected: opts.hideRejected ?? false, paused: false, selectedKey: null, detailOpen: false },
    frozen: null,
  };
}

/** The data the screen shows: the snapshot while paused, else the live data. */
export function shownData(state: TableState): TableData {
  return state.ui.paused && state.frozen ? state.frozen : state.data;
}

/** Row keys in display order, without rejected rows when they are hidden. */
export function visibleKeys(state: TableState): string[] {
  const data = shownData(state);
  if (!state.ui.hideRejected) return data.order.slice();
  return data.order.filter((k) => data.rows[k]?.stage !== 'REJECTED');
}

export const FINISHED_STAGES: ReadonlySet<Stage> = new Set<Stage>(['NEAR', 'FADED', 'REJECTED', 'TP1', 'TP2', 'TP3', 'SL', 'TIMEOUT']);
