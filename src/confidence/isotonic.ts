/** One fitted block of the isotonic step function. */
export interface IsotonicBlock {
  /** Smallest and largest input (score) pooled into the block. */
  xMin: number;
  xMax: number;
  /** Weighted mean label of the block: the fitted value for every x in it. */
  value: number;
  /** Sum of sample weights and number of samples pooled. */
  weight: number;
  count: number;
}

/** A non-decreasing step function: `values[i]` applies from `thresholds[i]` up to the next threshold. */
export interface StepFunction {
  thresholds: number[];
  values: number[];
  /** Samples behind each step. */
  counts: number[];
}

export class IsotonicInputError extends Error {
  readonly code = 'ISOTONIC_INPUT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'IsotonicInputError';
  }
}

/**
 * Weighted isotonic (non-decreasing) regression by pool-adjacent violators. Samples with equal x are
 * pooled first (their weighted mean label), so ties never produce two values for one input. Then blocks
 * are merged while a block's value is below its predecessor's; the result minimises the weighted squared
 * error among non-decreasing fits.
 */
export function isotonicFit(xs: readonly number[], ys: readonly number[], ws?: readonly number[]): IsotonicBlock[] {
  if (xs.length !== ys.length || (ws && ws.length !== xs.length)) {
    throw new IsotonicInputError(`x, y and weight arrays differ in length (${xs.length}, ${ys.length}, ${ws?.length ?? '-'})`);
  }
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const stack: IsotonicBlock[] = [];
  for (const i of order) {
    const x = xs[i];
    const w = ws ? ws[i] : 1;
    if (!Number.isFinite(x) || !Number.isFinite(ys[i]) || !(w >= 0) || !Number.isFinite(w)) {
      throw new IsotonicInputError(`sample ${i} is not finite or has a negative weight (x=${x}, y=${ys[i]}, w=${w})`);
    }
    if (w === 0) continue;
    const top = stack[stack.length - 1];
    if (top && top.xMax === x) {
      // A tie joins the current block whatever its label.
      top.value = (top.value * top.weight + ys[i] * w) / (top.weight + w);
      top.weight += w;
      top.count += 1;
    } else {
      stack.push({ xMin: x, xMax: x, value: ys[i], weight: w, count: 1 });
    }
    // Pool backwards while the order is violated.
    while (stack.length > 1 && stack[stack.length - 2].value > stack[stack.length - 1].value) {
      const b = stack.pop()!;
      const a = stack[stack.length - 1];
      a.value = (a.value * a.weight + b.value * b.weight) / (a.weight + b.weight);
      a.weight += b.weight;
      a.count += b.count;
      a.xMax = b.xMax;
    }
  }
  return stack;
}

/**
 * Joins equal neighbouring blocks, then merges blocks holding fewer than `minCount` samples into a neighbour (the one closer in value), so an
 * end step of two lucky samples cannot claim p = 1. Merging neighbours of a non-decreasing sequence
 * yields a value between theirs, so the result stays non-decreasing.
 */
export function mergeSmallBlocks(blocks: readonly IsotonicBlock[], minCount: number): IsotonicBlock[] {
  const out: IsotonicBlock[] = [];
  // Equal neighbours are one step already; join them first so they are not counted as small.
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (last && last.value === b.value) {
      last.xMax = b.xMax;
      last.weight += b.weight;
      last.count += b.count;
    } else out.push({ ...b });
  }
  for (;;) {
    if (out.length < 2) return out;
    let i = -1;
    for (let k = 0; k < out.length; k++) if (out[k].count < minCount && (i < 0 || out[k].count < out[i].count)) i = k;
    if (i < 0) return out;
    const left = i > 0 ? out[i - 1] : null;
    const right = i < out.length - 1 ? out[i + 1] : null;
    // The neighbour closer in value; on a tie the one with fewer samples, then the left one.
    const dl = left ? out[i].value - left.value : Infinity;
    const dr = right ? right.value - out[i].value : Infinity;
    const goLeft = dl < dr || (dl === dr && left !== null && (right === null || left.count <= right.count));
    const j = goLeft ? i - 1 : i + 1;
    const [a, b] = j < i ? [out[j], out[i]] : [out[i], out[j]];
    const merged: IsotonicBlock = {
      xMin: a.xMin, xMax: b.xMax, weight: a.weight + b.weight, count: a.count + b.count,
      value: (a.value * a.weight + b.value * b.weight) / (a.weight + b.weight),
    };
    out.splice(Math.min(i, j), 2, merged);
  }
}

/** Steps of a fit; neighbouring blocks with the same value are merged so each step is a real change. */
export function toStepFunction(blocks: readonly IsotonicBlock[]): StepFunction {
  const out: StepFunction = { thresholds: [], values: [], counts: [] };
  for (const b of blocks) {
    const n = out.values.length;
    if (n > 0 && out.values[n - 1] === b.value) {
      out.counts[n - 1] += b.count;
      continue;
    }
    out.thresholds.push(b.xMin);
    out.values.push(b.value);
    out.counts.push(b.count);
  }
  return out;
}

/**
 * Value of the step function at x: the value of the last step whose threshold is <= x (a step, not an
 * interpolation, so a score between two fitted blocks keeps the lower block's rate until the next one
 * is reached). Below the first threshold the first value applies. Null for an empty function.
 */
export function predictStep(fn: StepFunction, x: number): number | null {
  const t = fn.thresholds;
  if (t.length === 0) return null;
  let lo = 0;
  let hi = t.length - 1;
  if (x < t[0]) return fn.values[0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return fn.values[lo];
}
