import React from 'react';
import { render } from 'ink';
import type { Observable } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { ScanEvent } from '../../domain/index.js';
import { TableApp } from './components/App.js';
import { colorAllowed } from './components/tone.js';
import type { RunningOutput } from './plain.js';
import type { SortKey, TableLimits } from './state.js';
import { TableStore, type TableStats } from './store.js';

export { startPlainLines, type RunningOutput } from './plain.js';
export { sanitizeText } from './sanitize.js';
export { formatSignalLine } from './lines.js';
export { reduceTable, rowKeyOf } from './reduce-events.js';
export { reduceAction, type TableAction } from './reduce-actions.js';
export { initialTableState, visibleKeys, SORT_KEYS, type SortKey, type TableState, type TableRow } from './state.js';
export { TableStore, type TableStats, type TableSnapshot } from './store.js';
export { colorAllowed } from './components/tone.js';

export interface TableOptions {
  /** Terminal to draw on. Default process.stdout. */
  stdout?: NodeJS.WriteStream;
  /** Keys come from here. Default process.stdin; keys are off when it is not a TTY. */
  stdin?: NodeJS.ReadStream;
  /** Initial sort. Default `newest`. */
  sort?: SortKey;
  /** Start with rejected rows hidden. Default false. */
  hideRejected?: boolean;
  /** Redraws per second at most. Default 10. */
  maxFps?: number;
  /** Pipeline figures for the header (tokens tracked, inputs/s, lag), polled at each redraw. */
  stats?: () => TableStats;
  /** Clock for "time since signal" and ages. Default the wall clock. */
  clock?: Clock;
  /** Colour. Default: on unless NO_COLOR is set. */
  color?: boolean;
  limits?: TableLimits;
}

/**
 * Draws the live table for `events$` with Ink until the user quits (`q`, or Ctrl+C) or `stop()` is called;
 * either way `done` resolves after the terminal is restored. The stream completing or failing does not
 * end the table (the user may still be reading it); the header says so.
 */
export function startTable(events$: Observable<ScanEvent>, opts: TableOptions = {}): RunningOutput {
  const maxFps = opts.maxFps ?? 10;
  const store = new TableStore(events$, {
    sort: opts.sort, hideRejected: opts.hideRejected, maxFps, stats: opts.stats, clock: opts.clock, limits: opts.limits,
  });
  const instance = render(
    React.createElement(TableApp, { store, color: opts.color ?? colorAllowed(), onQuit: () => undefined }),
    {
      stdout: opts.stdout ?? process.stdout,
      stdin: opts.stdin ?? process.stdin,
      maxFps,
      // Ink 6.8's line-diffing mode left stale lines in tmux when the frame changed height (detail pane
      // open/close), so frames are rewritten whole; Ink wraps them in synchronized updates where the
      // terminal supports it, and rows that did not change are not re-rendered by React (memo).
      incrementalRendering: false,
      exitOnCtrlC: true,
      patchConsole: true,
    },
  );
  const done = instance.waitUntilExit().then(
    () => store.close(),
    () => store.close(),
  );
  return {
    done,
    stop: () => {
      store.close();
      instance.unmount();
    },
  };
}
