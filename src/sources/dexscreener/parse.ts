import type { PoolSnapshot, TokenInfo } from '../../domain/market.js';
import type { DiscoveredToken } from '../http/discovery.js';
import { checkedNum, collect, optNum, optObj, optStr, reqArr, reqObj, reqStr, whole, type Obj, type Parsed } from '../http/fields.js';
import { inertText } from '../http/text.js';

/** A pair becomes a pool snapshot and a token record for its base token. */
export type DexRecord = PoolSnapshot | TokenInfo;

const SOURCE = 'dexscreener';

/** One Pair object (§3.1). Pairs of other chains are skipped (search mixes chains). */
export function parsePair(item: unknown, at: string, knownAt: number): DexRecord[] | null {
  const p = reqObj(item, at);
  if (optStr(p, 'chainId') !== null && p.chainId !== 'solana') return null;
  const pool = reqStr(p, 'pairAddress', at);
  const base = reqObj(p.baseToken, `${at}.baseToken`);
  const mint = reqStr(base, 'address', `${at}.baseToken`);
  const quote = optObj(p, 'quoteToken');
  const txns = optObj(p, 'txns');
  const liq = optObj(p, 'liquidity');
  const volume = optObj(p, 'volume');
  const createdAt = optNum(p, 'pairCreatedAt');
  const snap: PoolSnapshot = {
    kind: 'pool', knownAt, ts: knownAt, mint, pool, source: SOURCE,
    dex: optStr(p, 'dexId'),
    priceUsd: checkedNum(p, 'priceUsd', at),
    liquidityUsd: optNum(liq, 'usd'),
    volume24hUsd: optNum(volume, 'h24'),
    priceChange24hPct: optNum(optObj(p, 'priceChange'), 'h24'),
    buys24h: optNum(optObj(txns, 'h24'), 'buys'),
    sells24h: optNum(optObj(txns, 'h24'), 'sells'),
    buys5m: optNum(optObj(txns, 'm5'), 'buys'),
    sells5m: optNum(optObj(txns, 'm5'), 'sells'),
    fdvUsd: optNum(p, 'fdv'),
    marketCapUsd: optNum(p, 'marketCap'),
    baseReserve: optNum(liq, 'base'),
    quoteReserve: optNum(liq, 'quote'),
    quoteMint: optStr(quote, 'address'),
    createdAt: createdAt !== null && createdAt > 0 ? createdAt : null,
  };
  const token: TokenInfo = {
    kind: 'token', knownAt, ts: knownAt, mint, pool, source: SOURCE,
    symbol: inertText(optStr(base, 'symbol'), 32),
    name: inertText(optStr(base, 'name')),
    decimals: null, tokenProgram: null, audit: null, holderCount: null,
    liquidityUsd: snap.liquidityUsd, volume24hUsd: snap.volume24hUsd,
  };
  return [snap, token];
}

/** `/tokens/v1/...` and `/token-pairs/v1/...`: a bare array of pairs. */
export function parsePairArray(body: unknown, knownAt: number): Parsed<DexRecord> {
  return whole(() => collect(reqArr(body, 'body'), 'body', (it, at) => parsePair(it, at, knownAt)));
}

/** `/latest/dex/...`: `{pairs: [...] | null}`; null means nothing found. */
export function parsePairsEnvelope(body: unknown, knownAt: number): Parsed<DexRecord> {
  return whole(() => {
    const env = reqObj(body, 'body');
    if (env.pairs === null || env.pairs === undefined) return { records: [], problems: [] };
    return collect(reqArr(env.pairs, 'body.pairs'), 'body.pairs', (it, at) => parsePair(it, at, knownAt));
  });
}

/** Profiles and boosts: arrays of `{chainId, tokenAddress, amount?, totalAmount?}`. */
export function parseListings(body: unknown, feed: string, knownAt: number): Parsed<DiscoveredToken> {
  return whole(() => {
    // The docs render a single object; real responses are arrays. Accept both.
    const items = Array.isArray(body) ? body : [reqObj(body, 'body')];
    return collect(items, 'body', (it, at) => {
      const o: Obj = reqObj(it, at);
      if (optStr(o, 'chainId') !== 'solana') return null;
      return {
        kind: 'discovered', mint: reqStr(o, 'tokenAddress', at), pool: null, source: SOURCE, feed,
        rank: items.indexOf(it), score: optNum(o, 'totalAmount') ?? optNum(o, 'amount'), knownAt,
      } satisfies DiscoveredToken;
    });
  });
}

/** Only the pools, for callers that do not need token records. */
export function poolsOf(records: DexRecord[]): PoolSnapshot[] {
  return records.filter((r): r is PoolSnapshot => r.kind === 'pool');
}

/** The pool to trust for a mint: the most liquid pair where the mint is the base token. */
export function bestPoolFor(mint: string, pools: PoolSnapshot[]): PoolSnapshot | undefined {
  let best: PoolSnapshot | undefined;
  for (const p of pools) {
    if (p.mint !== mint) continue;
    if (!best || (p.liquidityUsd ?? -1) > (best.liquidityUsd ?? -1)) best = p;
  }
  return best;
}

