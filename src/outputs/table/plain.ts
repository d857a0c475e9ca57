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
 * `done` resolves when `events$` completes, `stop()` is called or the reader goes away (EPIPE, as with
 * `| head`), and rejects when `events$` errors or `out` fails otherwise.
 */
export function startPlainLines(events$: Observable<ScanEvent>, out: NodeJS.WritableStream): RunningOutput {
  let finish: () => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const onOutError = (err: NodeJS.ErrnoException): void => {
    sub.unsubscribe();
    if (err.code === 'EPIPE') finish();
    else fail(err);
  };
  out.once('error', onOutError);
  const sub = events$.subscribe({
    next: (e) => {
      if (PANEL_TYPES.has(e.type)) out.write(formatSignalLine(e as PanelLine) + '\n');
    },
    error: (err: unknown) => fail(err),
    complete: () => finish(),
  });
  done.then(() => out.off('error', onOutError), () => out.off('error', onOutError));
  return {
    done,
    stop: () => {
      sub.unsubscribe();
      finish();
    },
  };
}
