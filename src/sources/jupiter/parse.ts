import type { PoolSnapshot, TokenInfo } from '../../domain/market.js';
import { collect, FieldError, isObj, isoMs, numeric, optBool, optNum, optObj, optStr, reqArr, reqObj, reqStr, whole, type Parsed } from '../http/fields.js';
import { inertText } from '../http/text.js';

const SOURCE = 'jupiter';

/** One Tokens v2 object: token metadata (with the audit block) and a token-level market snapshot. */
export function parseToken(item: unknown, at: string, knownAt: number): Array<TokenInfo | PoolSnapshot> {
  const t = reqObj(item, at);
  const mint = reqStr(t, 'id', at);
  const audit = optObj(t, 'audit');
  const authorities = authoritiesOf(t, audit);
  const s24 = optObj(t, 'stats24h');
  const s5 = optObj(t, 'stats5m');
  const buyVol = optNum(s24, 'buyVolume');
  const sellVol = optNum(s24, 'sellVolume');
  const volume24hUsd = buyVol === null && sellVol === null ? null : (buyVol ?? 0) + (sellVol ?? 0);
  const liquidityUsd = optNum(t, 'liquidity');
  const info: TokenInfo = {
    kind: 'token', knownAt, ts: knownAt, mint, pool: null, source: SOURCE,
    symbol: inertText(optStr(t, 'symbol'), 32), name: inertText(optStr(t, 'name')),
    decimals: optNum(t, 'decimals'), tokenProgram: optStr(t, 'tokenProgram'),
    audit: audit || authorities.known ? {
      ...authorities.disabled,
      topHoldersPct: optNum(audit, 'topHoldersPercentage'),
      // Jupiter only sends isSus when it flags a token: absent means "not assessed", never "safe".
      isSus: optBool(audit, 'isSus'),
    } : null,
    holderCount: optNum(t, 'holderCount'), liquidityUsd, volume24hUsd,
  };
  const priceUsd = optNum(t, 'usdPrice');
  if (priceUsd === null && liquidityUsd === null) return [info];
  const snap: PoolSnapshot = {
    kind: 'pool', knownAt, ts: knownAt, mint, pool: null, source: SOURCE, dex: null,
    priceUsd, liquidityUsd, volume24hUsd,
    priceChange24hPct: optNum(s24, 'priceChange'),
    buys24h: optNum(s24, 'numBuys'), sells24h: optNum(s24, 'numSells'),
    buys5m: optNum(s5, 'numBuys'), sells5m: optNum(s5, 'numSells'),
    fdvUsd: optNum(t, 'fdv'), marketCapUsd: optNum(t, 'mcap'),
    baseReserve: null, quoteReserve: null, quoteMint: null,
    createdAt: isoMs(optObj(t, 'firstPool')?.createdAt),
  };
  return [info, snap];
}

/**
 * Whether each authority is disabled. Jupiter sends `audit.*AuthorityDisabled: true` for a renounced one; for a
 * LIVE one it omits the audit key altogether and names the holder in top-level `mintAuthority` /
 * `freezeAuthority` (recorded USDC object). A named holder therefore means "not disabled"; neither key means
 * "not assessed" (null), never "renounced".
 */
function authoritiesOf(t: Record<string, unknown>, audit: Record<string, unknown> | null) {
  const one = (flag: string, holder: string): boolean | null => {
    const said = optBool(audit, flag);
    if (said !== null) return said;
    return typeof t[holder] === 'string' && (t[holder] as string).length > 0 ? false : null;
  };
  const disabled = {
    mintAuthorityDisabled: one('mintAuthorityDisabled', 'mintAuthority'),
    freezeAuthorityDisabled: one('freezeAuthorityDisabled', 'freezeAuthority'),
  };
  return { disabled, known: disabled.mintAuthorityDisabled !== null || disabled.freezeAuthorityDisabled !== null };
}

/** Tokens v2 endpoints: a bare array of token objects. */
export function parseTokens(body: unknown, knownAt: number): Parsed<TokenInfo | PoolSnapshot> {
  return whole(() => collect(reqArr(body, 'body'), 'body', (it, at) => parseToken(it, at, knownAt)));
}

/**
 * Price v3: a map keyed by mint. Absent or null values are unpriced (not an error). The legacy shape
 * `{data: {<mint>: {price: "<string>"}}}` is accepted too (a mint can never be called `data`).
 */
export function parsePrices(body: unknown, knownAt: number): Parsed<PoolSnapshot> {
  return whole(() => {
    const root = reqObj(body, 'body');
    const legacy = isObj(root.data);
    const map = legacy ? (root.data as Record<string, unknown>) : root;
    const path = legacy ? 'body.data' : 'body';
    const entries = Object.entries(map).filter(([, v]) => v !== null && v !== undefined);
    return collect(entries, path, (entry): PoolSnapshot => {
      const [mint, v] = entry as [string, unknown];
      const at = `${path}.${mint}`;
      const o = reqObj(v, at);
      const price = numeric(legacy ? o.price : o.usdPrice);
      if (price === null) throw new FieldError(`${at}.${legacy ? 'price' : 'usdPrice'}`, o.usdPrice === undefined && o.price === undefined ? 'missing' : 'not a number');
      return {
        kind: 'pool', knownAt, ts: knownAt, mint, pool: null, source: SOURCE, dex: null,
        priceUsd: price, liquidityUsd: optNum(o, 'liquidity'), volume24hUsd: null, priceChange24hPct: optNum(o, 'priceChange24h'),
        buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null, marketCapUsd: null,
        baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: isoMs(o.createdAt),
      };
    });
  });
}

/**
 * `/swap/v1/quote` price impact. The wire value is a decimal string that Jupiter's own UI treats as a
 * fraction (0.0123 = 1.23%) [INF, not in the contracts]; returned in percent.
 */
export function parseQuoteImpactPct(body: unknown): number {
  const o = reqObj(body, 'body');
  const v = numeric(o.priceImpactPct);
  if (v === null) throw new FieldError('body.priceImpactPct', o.priceImpactPct === undefined ? 'missing' : 'not a number');
  return Math.abs(v) * 100;
}
