/**
 * Identity of one swap reported by Birdeye (REST `tx_hash`/`ins_index`/`inner_ins_index`, WebSocket
 * `txHash`/`insIndex`/`innerInsIndex`). One transaction can hold several swaps (a router's hops, an arbitrage):
 * they share the hash and differ by the instruction index and the inner instruction index, so both belong in the
 * id or the engine drops every swap after the first as a duplicate. The same swap gets the same id from REST
 * and from the WebSocket, so a trade seen on both is still counted once.
 */
export function birdeyeTradeId(hash: string | null, insIndex: unknown, innerInsIndex: unknown): string | null {
  if (hash === null || hash === '') return null;
  const ins = isIndex(insIndex) ? insIndex : null;
  const inner = isIndex(innerInsIndex) ? innerInsIndex : null;
  if (ins === null && inner === null) return hash;
  return inner === null ? `${hash}:${ins}` : `${hash}:${ins ?? '-'}:${inner}`;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
