import type { Confidence, ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';

/** What the engine calls out to: its event sink, the confidence of a signal, each token's series end. */
export interface EngineHooks {
  emit(e: ScanEvent): void;
  /** Confidence of a signal from its context; defaults to "no score". */
  confidence?: (ctx: SignalContext) => Confidence;
  /**
   * End of a token's own recorded data (file replays, `replay.windowEnd: series`), asked once per token: the clock never
   * closes a bucket of that token ending after it, so a window its series stops inside stays open at
   * end of data instead of being closed by other tokens' inputs; a signal whose outcome horizon ends after
   * it gets no outcome line (open at end of data). Undefined (live): the clock rules.
   */
  seriesEnd?: (tokenKey: string) => number | undefined;
}

/** The confidence of a signal when no hook is given. */
export const NO_CONFIDENCE = (): Confidence => ({ score: null, p: null, calibrated: false, features: {} });
