// Time-ordered folds with a purge gap, for model selection and out-of-fold scores inside a fit period.
// A training sample is kept only when its outcome window cannot overlap the validation block: it must
// start at least `gapMs` away from the block and, when its outcome time is known, end outside it.
import type { Sample } from './fit.js';

export interface Fold {
  train: Sample[];
  validate: Sample[];
}

/** Cuts time-sorted samples into `k` consecutive blocks of (nearly) equal count. */
export function timeBlocks(sorted: readonly Sample[], k: number): Sample[][] {
  const out: Sample[][] = [];
  for (let b = 0; b < k; b++) out.push(sorted.slice(Math.floor((b * sorted.length) / k), Math.floor(((b + 1) * sorted.length) / k)));
  return out.filter((b) => b.length > 0);
}

const endOf = (s: Sample): number => s.endTs ?? s.ts;

/**
 * Expanding-window folds: block i (i = 1..k-1) is validated by a model trained on every earlier sample
 * that ends, and starts `gapMs`, before the block's first signal. Only the past trains: this is how the
 * model will be used, so its figures are the ones to select on.
 */
export function expandingFolds(samples: readonly Sample[], k: number, gapMs: number): Fold[] {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  const blocks = timeBlocks(sorted, k);
  const folds: Fold[] = [];
  for (let i = 1; i < blocks.length; i++) {
    const start = blocks[i][0].ts;
    const train = sorted.filter((s) => s.ts < start - gapMs && endOf(s) < start);
    if (train.length > 0) folds.push({ train, validate: blocks[i] });
  }
  return folds;
}

/**
 * Purged blocked folds: every block is validated once, by a model trained on the other blocks minus the
 * samples within `gapMs` of the block (before or after) and those whose outcome runs into it. Gives an
 * out-of-fold score to every sample, for fitting the isotonic curve on scores the model did not see.
 */
export function purgedFolds(samples: readonly Sample[], k: number, gapMs: number): Fold[] {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  return timeBlocks(sorted, k).map((block) => {
    const from = block[0].ts;
    const to = block[block.length - 1].ts;
    const lastEnd = Math.max(...block.map(endOf));
    const train = sorted.filter((s) => (s.ts < from - gapMs && endOf(s) < from) || s.ts > Math.max(to, lastEnd) + gapMs);
    return { train, validate: block };
  });
}
