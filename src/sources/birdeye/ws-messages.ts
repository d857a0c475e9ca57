// Client -> server messages of the Birdeye WebSocket. A second SUBSCRIBE_PRICE is taken to replace the
// first (undocumented), so each message always carries every address of its connection.

/** SUBSCRIBE_PRICE for the addresses (token mints, USD prices): simple for one, complex query for many. */
export function subscribePrice(addresses: readonly string[], chartType: string): object {
  if (addresses.length === 1) {
    return { type: 'SUBSCRIBE_PRICE', data: { queryType: 'simple', chartType, currency: 'usd', address: addresses[0] } };
  }
  const query = addresses.map((a) => `(address = ${a} AND chartType = ${chartType} AND currency = usd)`).join(' OR ');
  return { type: 'SUBSCRIBE_PRICE', data: { queryType: 'complex', query } };
}

/** SUBSCRIBE_TXS for the token mints' swaps. */
export function subscribeTxs(addresses: readonly string[]): object {
  if (addresses.length === 1) return { type: 'SUBSCRIBE_TXS', data: { queryType: 'simple', address: addresses[0], txsType: 'swap' } };
  return { type: 'SUBSCRIBE_TXS', data: { queryType: 'complex', query: addresses.map((a) => `address = ${a}`).join(' OR ') } };
}

/** Filters are top-level, not under `data`; launchpad listings need meme_platform_enabled. */
export function subscribeNewListings(minLiquidityUsd: number): object {
  return { type: 'SUBSCRIBE_TOKEN_NEW_LISTING', meme_platform_enabled: true, ...(minLiquidityUsd > 0 ? { min_liquidity: minLiquidityUsd } : {}) };
}

export function subscribeNewPairs(minLiquidityUsd: number): object {
  return { type: 'SUBSCRIBE_NEW_PAIR', ...(minLiquidityUsd > 0 ? { min_liquidity: minLiquidityUsd } : {}) };
}

export function unsubscribe(type: 'UNSUBSCRIBE_PRICE' | 'UNSUBSCRIBE_TXS'): object {
  return { type };
}

/** Splits addresses into groups of at most `perConnection`, keeping earlier assignments where they are. */
export function assignAddresses(current: readonly (readonly string[])[], wanted: readonly string[], perConnection: number): string[][] {
  const want = new Set(wanted);
  const groups = current.map((g) => g.filter((a) => want.has(a)));
  const placed = new Set(groups.flat());
  for (const a of want) {
    if (placed.has(a)) continue;
    let g = groups.find((x) => x.length < perConnection);
    if (!g) groups.push((g = []));
    g.push(a);
    placed.add(a);
  }
  return groups;
}
