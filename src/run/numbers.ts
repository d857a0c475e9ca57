/** Powers of ten for the usual decimals (a table read instead of a pow per call); exact doubles, as 10 ** d gives. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/** Rounds to `decimals` places so log lines stay readable; deterministic for the same input. */
export function round(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = POW10[decimals] ?? 10 ** decimals;
  return Math.round(x * f) / f;
}
