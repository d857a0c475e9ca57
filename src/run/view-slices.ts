import type { ScanEvent } from '../domain/signals.js';
import type { TokenRec } from './token.js';
import { emitViewIfDue } from './view.js';

export interface ViewSliceOptions {
  staleAfterMs: number;
  smaBars: number;
  /** Work per turn of the event loop, ms: a pass yields (setImmediate) once a slice has run this long. */
  sliceMs: number;
  /** The clock: each slice's views are as of its own turn (a view's ts and ages never precede its data). */
  now: () => number;
  emit: (e: ScanEvent) => void;
  /** A later slice's failure (a consumer that throws), which has no caller to throw to. */
  error: (err: unknown) => void;
}

/** Tokens between two looks at the time: reading the clock costs more than a skipped token. */
const TOKENS_PER_LOOK = 32;

/**
 * The live tick's token views, spread over turns of the event loop: a tick with 5,000 changed tokens cost one
 * 6-9 ms stall, during which socket frames waited. A pass walks the engine's token map (a live iterator: tokens
 * added or removed meanwhile are seen or skipped as Map iteration does) and emits a view for each token that
 * changed or is stale, yielding after `sliceMs` of work. A tick during a pass does not restart it; a token that
 * changes behind the pass is seen by the next tick's pass. Each view is the one a synchronous pass would give
 * when it reaches the token (inputs applied between slices included), later by at most the pass's length.
 * Replays keep the synchronous pass (determinism).
 */
export class SlicedViews {
  private pass: Iterator<TokenRec> | null = null;
  private pending: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly tokens: ReadonlyMap<string, TokenRec>, private readonly opts: ViewSliceOptions) {}

  /** Starts a pass unless one is under way; its first slice runs now. */
  tick(): void {
    if (this.pass !== null) return;
    this.pass = this.tokens.values();
    this.slice(this.opts.sliceMs);
  }

  /** Whether a pass is under way. */
  get busy(): boolean {
    return this.pass !== null;
  }

  /** Finishes the pass under way right now (end of the inputs: the last views are not left behind). */
  drain(): void {
    this.unschedule();
    this.slice(Infinity);
  }

  /** Drops the pass under way. */
  cancel(): void {
    this.unschedule();
    this.pass = null;
  }

  private unschedule(): void {
    if (this.pending !== null) clearImmediate(this.pending);
    this.pending = null;
  }

  private readonly resume = () => {
    this.pending = null;
    try {
      this.slice(this.opts.sliceMs);
    } catch (err) {
      this.cancel();
      this.opts.error(err);
    }
  };

  private slice(budgetMs: number): void {
    const pass = this.pass;
    if (pass === null) return;
    const { staleAfterMs, smaBars, emit } = this.opts;
    const t = this.opts.now();
    const until = performance.now() + budgetMs;
    for (let n = 1; ; n++) {
      const r = pass.next();
      if (r.done) {
        this.pass = null;
        return;
      }
      emitViewIfDue(r.value, t, staleAfterMs, smaBars, emit);
      if (n % TOKENS_PER_LOOK === 0 && performance.now() >= until) break;
    }
    this.pending = setImmediate(this.resume);
  }
}
