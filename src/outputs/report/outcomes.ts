import type { OutcomeLine, OutcomeResult } from '../../domain/index.js';
import { distribution, ratio } from './stats.js';
import type { OutcomeStats } from './types.js';

const RESULTS: OutcomeResult[] = ['TP1', 'TP2', 'TP3', 'SL', 'TIMEOUT'];

/** Result rates, expectancy (mean R) and excursion distributions of a set of outcomes. */
export function outcomeStats(outcomes: readonly OutcomeLine[]): OutcomeStats {
  const counts = Object.fromEntries(RESULTS.map((r) => [r, 0])) as Record<OutcomeResult, number>;
  for (const o of outcomes) counts[o.result]++;
  const rs = outcomes.map((o) => o.rMultiple);
  return {
    count: outcomes.length,
    counts,
    rates: Object.fromEntries(RESULTS.map((r) => [r, ratio(counts[r], outcomes.length)])) as Record<OutcomeResult, number | null>,
    expectancyR: distribution(rs).mean,
    rMultiple: distribution(rs),
    mfePct: distribution(outcomes.map((o) => o.mfePct)),
    maePct: distribution(outcomes.map((o) => o.maePct)),
  };
}
