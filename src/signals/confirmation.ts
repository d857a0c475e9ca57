const EPS = 1e-9;

/**
 * Confirmation: a closed 4h candle whose (close - open) / open is at least `minChangePct` percent.
 * A change of exactly the threshold counts, whatever the floating-point error.
 */
export function isConfirmation(open: number, close: number, minChangePct: number): boolean {
  if (!(open > 0)) return false;
  return ((close - open) / open) * 100 >= minChangePct - EPS;
}
