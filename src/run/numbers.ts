/** Rounds to `decimals` places so log lines stay readable; deterministic for the same input. */
export function round(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
