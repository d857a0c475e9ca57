import type { Observable } from 'rxjs';
import type { ScanEvent } from '../../domain/index.js';
import { formatSignalLine, PANEL_TYPES } from './lines.js';
import type { PanelLine } from './state.js';

/** A running output: `done` settles when it ends (the stream completed, the user quit, or `stop()`). */
export interface RunningOutput {
  done: Promise<void>;
  stop(): void;
}

/**
 * Writes one plain, sanitised line per signal (ignition, confirmation, fade, outcome, rejected) to `out`:
 * no colour, no cursor movement, so the scanner runs under a process manager or with its output piped.
 * `done` resolves when `events$` completes or `stop()` is called, and rejects when `events$` errors.
 */
export function startPlainLines(events$: Observable<ScanEvent>, out: NodeJS.WritableStream): RunningOutput {
  let finish: () => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const sub = events$.subscribe({
    next: (e) => {
      if (PANEL_TYPES.has(e.type)) out.write(formatSignalLine(e as PanelLine) + '\n');
    },
    error: (err: unknown) => fail(err),
    complete: () => finish(),
  });
  return {
    done,
    stop: () => {
      sub.unsubscribe();
      finish();
    },
  };
}
