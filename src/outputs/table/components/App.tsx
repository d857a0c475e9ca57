import React, { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Text, useApp, useInput, useStdin, useStdout, type Key } from 'ink';
import { fitColumns } from '../columns.js';
import { formatUsd } from '../format.js';
import { sanitizeText } from '../../../domain/text.js';
import { selectedRowKey } from '../reduce-actions.js';
import { shownData, visibleKeys } from '../state.js';
import type { TableStore } from '../store.js';
import { Detail } from './Detail.js';
import { Header } from './Header.js';
import { RecentPanel } from './RecentPanel.js';
import { Rows, windowStart } from './Rows.js';
import { ColorContext, Toned } from './tone.js';

export interface TableAppProps {
  store: TableStore;
  /** Colour on (false under NO_COLOR). */
  color: boolean;
  /** Called once when the user quits with `q`. */
  onQuit: () => void;
}

// Header (2 lines), column titles and footer: the rest of the screen is rows.
const CHROME_LINES = 4;

// Follows the terminal size; Ink re-lays out on resize too, but not in CI, and it does not track rows.
function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]); // eslint-disable-line react-hooks/exhaustive-deps
  return size;
}

/** The live table: recent signals above, header, rows or the detail pane, and a key hint. */
export function TableApp(props: TableAppProps): React.JSX.Element {
  const { store } = props;
  const renderStarted = performance.now();
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  // Runs after React committed and Ink wrote the frame: the whole cost of this redraw.
  useLayoutEffect(() => store.reportRedrawCost(performance.now() - renderStarted));
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize();
  const startRef = useRef(0);

  const onKey = (input: string, key: Key): void => {
    const ui = store.getSnapshot().state.ui;
    // Keys typed fast (or through tmux) can arrive as one chunk, `/abc`: handled one by one.
    if (!ui.searching && input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) onKey(ch, { ...key, return: false });
      return;
    }
    if (ui.searching) {
      // Typing a search: every key edits it until Enter (keep) or Esc (clear).
      if (key.return) store.dispatch({ type: 'endSearch', clear: false });
      else if (key.escape) store.dispatch({ type: 'endSearch', clear: true });
      else if (key.backspace || key.delete) store.dispatch({ type: 'setSearch', text: ui.search.slice(0, -1) });
      else if (input && !key.ctrl && !key.meta) store.dispatch({ type: 'setSearch', text: ui.search + input });
      return;
    }
    if (input === 'q') {
      props.onQuit();
      exit();
    } else if (key.upArrow || input === 'k') store.dispatch({ type: 'move', delta: -1 });
    else if (key.downArrow || input === 'j') store.dispatch({ type: 'move', delta: 1 });
    else if (key.pageUp) store.dispatch({ type: 'move', delta: -10 });
    else if (key.pageDown) store.dispatch({ type: 'move', delta: 10 });
    else if (key.return) store.dispatch({ type: store.getSnapshot().state.ui.detailOpen ? 'closeDetail' : 'openDetail' });
    else if (key.escape) store.dispatch({ type: 'closeDetail' });
    else if (input === 's') store.dispatch({ type: 'cycleSort' });
    else if (input === 'f') store.dispatch({ type: 'toggleHideRejected' });
    else if (input === 'p') store.dispatch({ type: 'togglePause' });
    else if (input === '/') store.dispatch({ type: 'startSearch' });
    else if (input === 't') store.dispatch({ type: 'cycleStageFilter' });
    else if (input === 'l') store.dispatch({ type: 'cycleLiquidityFloor' });
  };
  useInput(onKey, { isActive: isRawModeSupported === true });

  const { state } = snap;
  const data = shownData(state);
  const keys = visibleKeys(state);
  const selectedKey = selectedRowKey(state, keys);
  // One line short of the screen: a frame as tall as the terminal makes Ink clear and redraw everything.
  const height = Math.max(1, size.rows - 1 - CHROME_LINES);
  const start = windowStart(startRef.current, Math.max(0, keys.indexOf(selectedKey ?? '')), height, keys.length);
  startRef.current = start;
  const columns = fitColumns(size.columns);
  const nowSecond = Math.floor(snap.now / 1000) * 1000;
  const detailRow = state.ui.detailOpen && selectedKey !== null ? data.rows[selectedKey] : undefined;

  return (
    <ColorContext.Provider value={props.color}>
      <RecentPanel recent={data.recent} width={size.columns} />
      <Box flexDirection="column" width={size.columns}>
        <Header snap={snap} width={size.columns} />
        {detailRow ? (
          <Detail row={detailRow} now={snap.now} width={size.columns} maxLines={height + 1} />
        ) : (
          <Rows rows={data.rows} keys={keys} start={start} height={height} selectedKey={selectedKey} columns={columns} now={nowSecond}
            emptyText={data.order.length > 0 ? 'no row matches the search and filters' : undefined} />
        )}
        <Text wrap="truncate">
          <Toned tone="gray">
            {state.ui.searching
              ? `search symbol or mint: ${sanitizeText(state.ui.search, 44)}▏  ⏎ keep  Esc clear`
              : `q quit  ↑↓ select  ⏎ detail  / search  t stage:${state.ui.stageFilter}  l liq:${state.ui.minLiquidityUsd > 0 ? `>=${formatUsd(state.ui.minLiquidityUsd)}` : 'any'}  s sort  f ${state.ui.hideRejected ? 'show' : 'hide'} rejected  p ${state.ui.paused ? 'resume' : 'pause'}`}
            {keys.length > height && !detailRow ? `  rows ${start + 1}-${Math.min(keys.length, start + height)} of ${keys.length}` : ''}
            {isRawModeSupported ? '' : '  (keys off: stdin is not a terminal)'}
          </Toned>
        </Text>
      </Box>
    </ColorContext.Provider>
  );
}
