import type { Observable } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { ScanEvent } from '../../domain/index.js';
import { colorAllowed } from './color.js';
import type { RunningOutput } from './plain.js';
import type { SortKey, TableLimits } from './state.js';
import { TableStore, type TableStats } from './store.js';

export { startPlainLines, type RunningOutput } from './plain.js';
export { sanitizeText } from '../../domain/text.js';
export { formatSignalLine } from './lines.js';
export { reduceTable, rowKeyOf } from './reduce-events.js';
export { reduceAction, type TableAction } from './reduce-actions.js';
export { initialTableState, visibleKeys, SORT_KEYS, type SortKey, type TableState, type TableRow } from './state.js';
export { TableStore, type TableStats, type TableSnapshot } from './store.js';
export { colorAllowed } from './color.js';

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
  /** Called when the user presses `p`; a replay passes this to hold its input while paused. */
  onPause?: (paused: boolean) => void;
}

/**
 * Draws the live table for `events$` with Ink until the user quits (`q`, or Ctrl+C) or `stop()` is called;
 * either way `done` resolves after the terminal is restored. The stream completing or failing does not
 * end the table (the user may still be reading it); the header says so.
 *
 * Ink and React are loaded on the first call, after NODE_ENV defaults to `production`: React's
 * development build costs several times the CPU per redraw. Events are reduced from the first moment.
 */
export function startTable(events$: Observable<ScanEvent>, opts: TableOptions = {}): RunningOutput {
  const maxFps = opts.maxFps ?? 10;
  const store = new TableStore(events$, {
    sort: opts.sort, hideRejected: opts.hideRejected, maxFps, stats: opts.stats, clock: opts.clock, limits: opts.limits, onPause: opts.onPause,
  });
  process.env.NODE_ENV ??= 'production';
  let stopped = false;
  let unmount: (() => void) | null = null;
  const done = import('./ink-app.js')
    .then(({ mountTable }) => {
      if (stopped) return;
      const app = mountTable(store, {
        stdout: opts.stdout ?? process.stdout,
        stdin: opts.stdin ?? process.stdin,
        maxFps,
        color: opts.color ?? colorAllowed(),
      });
      unmount = app.unmount;
      return app.exited;
    })
    .finally(() => store.close());
  return {
    done,
    stop: () => {
      stopped = true;
      store.close();
      unmount?.();
    },
  };
}
