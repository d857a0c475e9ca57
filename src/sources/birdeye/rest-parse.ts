import type { Candle, PoolSnapshot, TokenInfo } from '../../domain/market.js';
import { parseIntervalMs } from '../../domain/time.js';
import { checkedNum, collect, FieldError, numeric, optBool, optNum, optStr, reqArr, reqNum, reqObj, reqStr, secondsOrIsoMs, whole, type Obj, type Parsed } from '../http/fields.js';
import { inertText } from '../http/text.js';

const SOURCE = 'birdeye';

/** The success envelope's `data`, or a FieldError / `success:false` marker for the caller to raise. */
export function envelopeData(body: unknown): { ok: true; data: unknown } | { ok: false; message: string } {
  const env = reqObj(body, 'body');
  if (env.success !== true) return { ok: false, message: typeof env.message === 'string' ? env.message : 'success is not true' };
  return { ok: true, data: env.data };
}

export interface CandleContext {
  /** Token mint (token endpoints) or null (pair endpoints). */
  mint: string | null;
  pool: string | null;
  type: string;
  knownAt: number;
}

/**
 * OHLCV items of v1 (`unixTime`, `v` in token units) or v3 (`unix_time`, `v_usd`). v1 has no USD volume:
 * it is estimated as `v` times the candle's typical price (h+l+c)/3, which is why v3 is the default.
 */
export function parseCandles(data: unknown, ctx: CandleContext): Parsed<Candle> {
  const intervalMs = parseIntervalMs(ctx.type);
  return whole(() => {
    if (intervalMs === null) throw new FieldError('type', `unsupported interval ${ctx.type}`);
    const items = reqArr(reqObj(data, 'data').items, 'data.items');
    const parsed = collect(items, 'data.items', (it, at): Candle => {
      const o = reqObj(it, at);
      const t = numeric(o.unix_time) ?? numeric(o.unixTime);
      if (t === null) throw new FieldError(`${at}.unixTime`, 'missing');
      const [open, high, low, close] = [reqNum(o, 'o', at), reqNum(o, 'h', at), reqNum(o, 'l', at), reqNum(o, 'c', at)];
      const vUsd = numeric(o.v_usd);
      const volumeUsd = vUsd ?? reqNum(o, 'v', at) * ((high + low + close) / 3);
      const start = t * 1000;
      return {
        kind: 'candle', knownAt: ctx.knownAt, mint: ctx.mint, pool: ctx.pool, source: SOURCE,
        start, intervalMs, open, high, low, close, volumeUsd, final: start + intervalMs <= ctx.knownAt,
      };
    });
    parsed.records.sort((a, b) => a.start - b.start);
    return parsed;
  });
}

function priceSnapshot(mint: string, o: Obj, at: string, knownAt: number): PoolSnapshot {
  const value = reqNum(o, 'value', at);
  const upd = optNum(o, 'updateUnixTime');
  return {
    kind: 'pool', knownAt, ts: upd === null ? knownAt : upd * 1000, mint, pool: null, source: SOURCE, dex: null,
    priceUsd: value, liquidityUsd: optNum(o, 'liquidity'), volume24hUsd: null, priceChange24hPct: optNum(o, 'priceChange24h'),
    buys24h: null, sells24h: null, buys5m: null, sells5m: null, fdvUsd: null, marketCapUsd: null,
    baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: null,
  };
}

/** `/defi/price` data: null means unpriced (no record). */
export function parsePrice(data: unknown, mint: string, knownAt: number): Parsed<PoolSnapshot> {
  if (data === null || data === undefined) return { records: [], problems: [] };
  return whole(() => ({ records: [priceSnapshot(mint, reqObj(data, 'data'), 'data', knownAt)], problems: [] }));
}

/** `/defi/multi_price` data: a map keyed by mint; null or absent values are unpriced. */
export function parseMultiPrice(data: unknown, knownAt: number): Parsed<PoolSnapshot> {
  return whole(() => {
    const entries = Object.entries(reqObj(data, 'data')).filter(([, v]) => v !== null && v !== undefined);
    return collect(entries, 'data', (e): PoolSnapshot => {
      const [mint, v] = e as [string, unknown];
      return priceSnapshot(mint, reqObj(v, `data.${mint}`), `data.${mint}`, knownAt);
    });
  });
}

/** `/defi/token_overview`: token record plus a token-level snapshot (`marketCap ?? mc`). */
export function parseOverview(data: unknown, mint: string, knownAt: number): Parsed<TokenInfo | PoolSnapshot> {
  return whole(() => {
    const o = reqObj(data, 'data');
    const price = reqNum(o, 'price', 'data');
    const last = optNum(o, 'lastTradeUnixTime');
    const liquidityUsd = optNum(o, 'liquidity');
    const volume24hUsd = optNum(o, 'v24hUSD');
    const token: TokenInfo = {
      kind: 'token', knownAt, ts: knownAt, mint, pool: null, source: SOURCE,
      symbol: inertText(optStr(o, 'symbol'), 32), name: inertText(optStr(o, 'name')), decimals: optNum(o, 'decimals'),
      tokenProgram: null, audit: null, holderCount: optNum(o, 'holder'), liquidityUsd, volume24hUsd,
    };
    const snap: PoolSnapshot = {
      kind: 'pool', knownAt, ts: last === null ? knownAt : last * 1000, mint, pool: null, source: SOURCE, dex: null,
      priceUsd: price, liquidityUsd, volume24hUsd, priceChange24hPct: optNum(o, 'priceChange24hPercent'),
      buys24h: optNum(o, 'buy24h'), sells24h: optNum(o, 'sell24h'), buys5m: optNum(o, 'buy5m'), sells5m: optNum(o, 'sell5m'),
      fdvUsd: optNum(o, 'fdv'), marketCapUsd: optNum(o, 'marketCap') ?? optNum(o, 'mc'),
      baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: null,
    };
    return { records: [token, snap], problems: [] };
  });
}

/** Birdeye's view of a mint's risk (`/defi/token_security`). It has no mint-authority field (use RPC or Jupiter). */
export interface BirdeyeSecurity {
  kind: 'birdeye_security';
  mint: string;
  knownAt: number;
  freezeAuthority: string | null;
  /** Freeze authority present, when Birdeye knows. */
  freezeable: boolean | null;
  isToken2022: boolean | null;
  transferFeeEnabled: boolean | null;
  nonTransferable: boolean | null;
  mutableMetadata: boolean | null;
  /** Share of supply held by the top 10 holders, percent 0..100 (the wire value is a fraction). */
  top10HolderPct: number | null;
  /** Creator's share, percent 0..100. */
  creatorPct: number | null;
  /** Creation time, epoch ms. */
  createdAt: number | null;
}

export function parseSecurity(data: unknown, mint: string, knownAt: number): Parsed<BirdeyeSecurity> {
  return whole(() => {
    const o = reqObj(data, 'data');
    const pct = (k: string): number | null => {
      const f = optNum(o, k);
      return f === null ? null : f * 100;
    };
    const created = optNum(o, 'creationTime');
    return {
      records: [{
        kind: 'birdeye_security', mint, knownAt,
        freezeAuthority: optStr(o, 'freezeAuthority'), freezeable: optBool(o, 'freezeable'), isToken2022: optBool(o, 'isToken2022'),
        transferFeeEnabled: optBool(o, 'transferFeeEnable'), nonTransferable: optBool(o, 'nonTransferable'),
        mutableMetadata: optBool(o, 'mutableMetadata'), top10HolderPct: pct('top10HolderPercent'), creatorPct: pct('creatorPercentage'),
        createdAt: created === null ? null : created * 1000,
      }],
      problems: [],
    };
  });
}

/** `/defi/v2/tokens/new_listing` items and `/defi/token_trending` tokens: token record plus snapshot. */
export function parseTokenList(data: unknown, key: 'items' | 'tokens', knownAt: number): Parsed<TokenInfo | PoolSnapshot> {
  return whole(() => {
    const list = reqArr(reqObj(data, 'data')[key], `data.${key}`);
    return collect(list, `data.${key}`, (it, at) => {
      const o = reqObj(it, at);
      const mint = reqStr(o, 'address', at);
      const liquidityUsd = optNum(o, 'liquidity');
      const volume24hUsd = optNum(o, 'volume24hUSD');
      const createdAt = secondsOrIsoMs(o.liquidityAddedAt);
      if (o.liquidityAddedAt !== undefined && o.liquidityAddedAt !== null && createdAt === null) throw new FieldError(`${at}.liquidityAddedAt`, 'neither seconds nor an ISO time');
      const token: TokenInfo = {
        kind: 'token', knownAt, ts: knownAt, mint, pool: null, source: SOURCE,
        symbol: inertText(optStr(o, 'symbol'), 32), name: inertText(optStr(o, 'name')), decimals: optNum(o, 'decimals'),
        tokenProgram: null, audit: null, holderCount: null, liquidityUsd, volume24hUsd,
      };
      const snap: PoolSnapshot = {
        kind: 'pool', knownAt, ts: knownAt, mint, pool: null, source: SOURCE, dex: optStr(o, 'source'),
        priceUsd: checkedNum(o, 'price', at), liquidityUsd, volume24hUsd, priceChange24hPct: optNum(o, 'price24hChangePercent'),
        buys24h: null, sells24h: null, buys5m: null, sells5m: null,
        // Trending spells it `marketcap` (lowercase); accept either.
        fdvUsd: optNum(o, 'fdv'), marketCapUsd: optNum(o, 'marketcap') ?? optNum(o, 'marketCap'),
        baseReserve: null, quoteReserve: null, quoteMint: null, createdAt,
      };
      return [token, snap];
    });
  });
}

