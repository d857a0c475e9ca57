import type { ConfirmationLine, IgnitionLine, OutcomeResult, ScanEvent } from '../domain/index.js';
import type { Sample } from './fit.js';

const RANK: Record<OutcomeResult, number> = { SL: 0, TIMEOUT: 0, TP1: 1, TP2: 2, TP3: 3 };

/** Whether an outcome counts as a success for a `successAt` target (TP1 = TP1, TP2 or TP3). */
export function isSuccess(result: OutcomeResult, successAt: OutcomeResult): boolean {
  return RANK[result] >= Math.max(1, RANK[successAt]);
}

/** What joining outcomes to signals produced, and what it had to leave out. */
export interface SampleSet {
  samples: Sample[];
  /** Signals with an outcome but no raw score (no feature was available). */
  noScore: number;
  /** Outcomes whose signal line was not seen. */
  noSignal: number;
  /** Signals still open at the end of the input (no outcome). */
  open: number;
}

/**
 * Joins `outcome` lines to their ignition / confirmation lines by id. Order does not matter; the sample
 * takes the signal's time and raw score and the outcome's result.
 */
export class SampleCollector {
  private readonly signals = new Map<string, IgnitionLine | ConfirmationLine>();
  private readonly outcomes: Array<{ signalId: string; result: OutcomeResult; durationMs: number }> = [];

  constructor(private readonly successAt: OutcomeResult = 'TP1') {}

  add(e: ScanEvent): void {
    if (e.type === 'ignition' || e.type === 'confirmation') this.signals.set(e.id, e);
    else if (e.type === 'outcome') this.outcomes.push({ signalId: e.signalId, result: e.result, durationMs: e.durationMs });
  }

  result(): SampleSet {
    const out: SampleSet = { samples: [], noScore: 0, noSignal: 0, open: 0 };
    const done = new Set<string>();
    for (const o of this.outcomes) {
      const s = this.signals.get(o.signalId);
      if (!s) {
        out.noSignal++;
        continue;
      }
      done.add(o.signalId);
      const score = s.confidence?.score ?? null;
      if (score === null || !Number.isFinite(score)) {
        out.noScore++;
        continue;
      }
      out.samples.push({
        ts: s.ts, score, kind: s.type, label: isSuccess(o.result, this.successAt) ? 1 : 0, endTs: s.ts + o.durationMs,
        features: s.confidence?.features ?? {}, token: s.mint ?? s.pool,
      });
    }
    for (const id of this.signals.keys()) if (!done.has(id)) out.open++;
    out.samples.sort((a, b) => a.ts - b.ts);
    return out;
  }
}

/** Collects samples from a finished stream of events (array, iterable or async iterable). */
export async function collectSamples(
  events: Iterable<ScanEvent> | AsyncIterable<ScanEvent>,
  successAt: OutcomeResult = 'TP1',
): Promise<SampleSet> {
  const c = new SampleCollector(successAt);
  for await (const e of events) c.add(e);
  return c.result();
}
