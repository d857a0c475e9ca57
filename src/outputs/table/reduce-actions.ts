import { compareRows } from './figures.js';
import { LIQUIDITY_FLOORS, SORT_KEYS, STAGE_FILTERS, visibleKeys, type SortKey, type TableData, type TableState } from './state.js';

/** What a key press asks for. */
export type TableAction =
  | { type: 'move'; delta: number }
  | { type: 'openDetail' }
  | { type: 'closeDetail' }
  | { type: 'cycleSort' }
  | { type: 'setSort'; sort: SortKey }
  | { type: 'toggleHideRejected' }
  | { type: 'togglePause' }
  | { type: 'cycleStageFilter' }
  | { type: 'cycleLiquidityFloor' }
  /** `/` starts typing a search (the previous text stays, to be edited). */
  | { type: 'startSearch' }
  /** The search text as typed so far. */
  | { type: 'setSearch'; text: string }
  /** Enter keeps the search and leaves typing; Esc (`clear`) also empties it. */
  | { type: 'endSearch'; clear: boolean }
  | { type: 'ended'; error: string | null };

/** Applies a user action to the state. Pure, like `reduceTable`. */
export function reduceAction(state: TableState, action: TableAction): TableState {
  switch (action.type) {
    case 'move':
      return moveSelection(state, action.delta);
    case 'openDetail': {
      const keys = visibleKeys(state);
      const selectedKey = selectedRowKey(state, keys);
      return selectedKey === null ? state : { ...state, ui: { ...state.ui, selectedKey, detailOpen: true } };
    }
    case 'closeDetail':
      return state.ui.detailOpen ? { ...state, ui: { ...state.ui, detailOpen: false } } : state;
    case 'cycleSort':
      return resort(state, SORT_KEYS[(SORT_KEYS.indexOf(state.ui.sort) + 1) % SORT_KEYS.length]);
    case 'setSort':
      return resort(state, action.sort);
    case 'toggleHideRejected':
      return { ...state, ui: { ...state.ui, hideRejected: !state.ui.hideRejected } };
    case 'togglePause': {
      const paused = !state.ui.paused;
      return { ...state, ui: { ...state.ui, paused }, frozen: paused ? state.data : null };
    }
    case 'cycleStageFilter': {
      const stageFilter = STAGE_FILTERS[(STAGE_FILTERS.indexOf(state.ui.stageFilter) + 1) % STAGE_FILTERS.length];
      return { ...state, ui: { ...state.ui, stageFilter } };
    }
    case 'cycleLiquidityFloor': {
      const i = LIQUIDITY_FLOORS.indexOf(state.ui.minLiquidityUsd);
      return { ...state, ui: { ...state.ui, minLiquidityUsd: LIQUIDITY_FLOORS[(i + 1) % LIQUIDITY_FLOORS.length] } };
    }
    case 'startSearch':
      return { ...state, ui: { ...state.ui, searching: true, detailOpen: false } };
    case 'setSearch':
      // Typed text is shown back on screen: keep printable characters only, and not too many.
      return { ...state, ui: { ...state.ui, search: action.text.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '').slice(0, 44) } };
    case 'endSearch':
      return { ...state, ui: { ...state.ui, searching: false, search: action.clear ? '' : state.ui.search } };
    case 'ended':
      return { ...state, data: { ...state.data, ended: true, error: action.error } };
    default:
      return state;
  }
}

/** The selected row among `keys`: the remembered one when still shown, else the first. */
export function selectedRowKey(state: TableState, keys: readonly string[] = visibleKeys(state)): string | null {
  const k = state.ui.selectedKey;
  if (k !== null && keys.includes(k)) return k;
  return keys[0] ?? null;
}

function moveSelection(state: TableState, delta: number): TableState {
  const keys = visibleKeys(state);
  if (keys.length === 0) return state;
  const current = selectedRowKey(state, keys);
  const i = current === null ? 0 : keys.indexOf(current);
  const next = keys[Math.min(keys.length - 1, Math.max(0, i + delta))];
  return next === state.ui.selectedKey ? state : { ...state, ui: { ...state.ui, selectedKey: next } };
}

function sortData(d: TableData, sort: SortKey): TableData {
  const order = d.order.slice().sort((a, b) => compareRows(sort, d.rows[a], d.rows[b]));
  return { ...d, order };
}

// Re-sorting is the one moment rows move: the user asked for it.
function resort(state: TableState, sort: SortKey): TableState {
  return {
    ...state,
    ui: { ...state.ui, sort },
    data: sortData(state.data, sort),
    frozen: state.frozen ? sortData(state.frozen, sort) : null,
  };
}

