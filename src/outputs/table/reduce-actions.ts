import { compareRows } from './figures.js';
import { SORT_KEYS, visibleKeys, type SortKey, type TableData, type TableState } from './state.js';

/** What a key press asks for. */
export type TableAction =
  | { type: 'move'; delta: number }
  | { type: 'openDetail' }
  | { type: 'closeDetail' }
  | { type: 'cycleSort' }
  | { type: 'setSort'; sort: SortKey }
  | { type: 'toggleHideRejected' }
  | { type: 'togglePause' }
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

