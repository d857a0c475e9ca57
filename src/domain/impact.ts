/**
 * Price impact of a buy of `tradeUsd` against a constant-product pool whose quote side holds
 * `quoteSideUsd`, in percent: paying dq into quote reserve Q gives an average execution price (Q + dq) / B
 * against a spot of Q / B, a premium of dq / Q. One definition for the live estimate and the gate's fallback.
 */
export function constantProductImpactPct(quoteSideUsd: number, tradeUsd: number): number {
  return (tradeUsd / quoteSideUsd) * 100;
}
