// The latency-chain bench's trade order, shared by the bench and its fake (which runs on import).
/**
 * Which token trade i of `total` is for: round robin over all tokens, or (late-half) round robin over the first
 * half of the tokens during the first half of the run and over the second half after it.
 */
export type TradeOrder = 'round-robin' | 'late-half';

export function tokenOfTrade(i: number, total: number, tokens: number, order: TradeOrder): number {
  if (order === 'round-robin') return i % tokens;
  const half = Math.floor(tokens / 2);
  const mid = Math.floor(total / 2);
  return i < mid ? i % half : half + ((i - mid) % (tokens - half));
}

/** The slot of the plan's trade k is FIRST_SLOT + k. */
export const FIRST_SLOT = 380_000_000;
