import { Subject } from 'rxjs';
import { render } from 'ink-testing-library';
import { VirtualClock } from '../../../src/clock/clock.js';
import type { ScanEvent } from '../../../src/domain/index.js';
import { TableApp } from '../../../src/outputs/table/components/App.js';
import { TableStore, type TableStats } from '../../../src/outputs/table/store.js';
import type { SortKey } from '../../../src/outputs/table/state.js';

/** Lets React commit and Ink write after a store publish or a key press. */
export const settle = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Renders the table in ink-testing-library at a fixed size, fed by a subject on a virtual clock. */
export function renderTable(o: { columns: number; rows?: number; color?: boolean; sort?: SortKey; start: number; stats?: () => TableStats; onPause?: (paused: boolean) => void }) {
  const events$ = new Subject<ScanEvent>();
  const clock = new VirtualClock(o.start);
  const store = new TableStore(events$, { clock, renderScheduler: clock.scheduler, sort: o.sort, stats: o.stats, onPause: o.onPause });
  let quit = 0;
  const ink = render(<TableApp store={store} color={o.color ?? false} onQuit={() => quit++} />);
  const size = { columns: o.columns, rows: o.rows ?? 30 };
  // ink-testing-library's stdout is 100 columns and has no rows: give it a size, as a terminal would.
  Object.defineProperty(ink.stdout, 'columns', { get: () => size.columns });
  Object.defineProperty(ink.stdout, 'rows', { get: () => size.rows });
  ink.stdout.emit('resize');
  return {
    ink,
    /** Resizes the fake terminal the way a terminal does (new size, then a resize event). */
    async resize(columns: number, rows = size.rows): Promise<string> {
      size.columns = columns;
      size.rows = rows;
      ink.stdout.emit('resize');
      await settle();
      return ink.lastFrame() ?? '';
    },
    store,
    clock,
    quits: () => quit,
    /** Feeds events, then moves the clock past the redraw interval so the frame shows them. */
    async push(...events: ScanEvent[]): Promise<string> {
      for (const e of events) events$.next(e);
      clock.advanceTo(clock.now() + 1_000);
      await settle();
      return ink.lastFrame() ?? '';
    },
    async key(input: string): Promise<string> {
      ink.stdin.write(input);
      await settle(5);
      return ink.lastFrame() ?? '';
    },
    end(): void {
      events$.complete();
      ink.unmount();
      store.close();
    },
  };
}

/** The live part of a frame: from the header on (in debug mode each frame starts with the panel lines). */
export function liveLines(frame: string): string[] {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => l.includes('pump-scanner'));
  return at === -1 ? lines : lines.slice(at);
}
