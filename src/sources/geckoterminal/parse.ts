import type { Candle, PoolSnapshot, TokenInfo } from '../../domain/market.js';
import { checkedNum, collect, isoMs, numeric, optNum, optObj, optStr, reqArr, reqObj, reqStr, whole, FieldError, isObj, type Obj, type Parsed } from '../http/fields.js';
import { inertText } from '../http/text.js';

const SOURCE = 'geckoterminal';

/** Timeframe path segment and allowed aggregates (§6.1). */
export type GeckoTimeframe = 'minute' | 'hour' | 'day';
const UNIT_MS: Record<GeckoTimeframe, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
export const GECKO_AGGREGATES: Record<GeckoTimeframe, number[]> = { minute: [1, 5, 15], hour: [1, 4, 12], day: [1] };

export function geckoIntervalMs(tf: GeckoTimeframe, aggregate: number): number {
  return UNIT_MS[tf] * aggregate;
}

/** `solana_<address>` -> `<address>` (ids carry a network prefix; addresses never contain `_`). */
export function stripNetwork(id: string): string {
  const i = id.indexOf('_');
  return i < 0 ? id : id.slice(i + 1);
}

export interface OhlcvContext {
  pool: string;
  intervalMs: number;
  knownAt: number;
  /** The request asked for include_empty_intervals: padded rows (volume 0, flat) are not trades; drop them. */
  dropPadding: boolean;
}

/**
 * `ohlcv_list` rows (newest first, seconds, USD volume) to candles in ascending time. A candle whose
 * interval has not ended at receipt is marked not final.
 */
export function parseOhlcv(body: unknown, ctx: OhlcvContext): Parsed<Candle> {
  return whole(() => {
    const root = reqObj(body, 'body');
    const attrs = reqObj(reqObj(root.data, 'body.data').attributes, 'body.data.attributes');
    const rows = reqArr(attrs.ohlcv_list, 'body.data.attributes.ohlcv_list');
    const mint = optStr(optObj(optObj(root, 'meta'), 'base'), 'address');
    const parsed = collect(rows, 'body.data.attributes.ohlcv_list', (row, at): Candle | null => {
      const r = reqArr(row, at);
      const [t, o, h, l, c, v] = [0, 1, 2, 3, 4, 5].map((i) => numeric(r[i]));
      if (t === null || o === null || h === null || l === null || c === null || v === null) throw new FieldError(at, 'expected [timestamp, o, h, l, c, v] numbers');
      if (ctx.dropPadding && v === 0 && o === h && h === l && l === c) return null;
      const start = t * 1000;
      return {
        kind: 'candle', knownAt: ctx.knownAt, mint, pool: ctx.pool, source: SOURCE,
        start, intervalMs: ctx.intervalMs, open: o, high: h, low: l, close: c, volumeUsd: v,
        final: start + ctx.intervalMs <= ctx.knownAt,
      };
    });
    parsed.records.sort((a, b) => a.start - b.start);
    return parsed;
  });
}

function relId(rels: Obj | null, key: string): string | null {
  const data = optObj(optObj(rels, key), 'data');
  const id = optStr(data, 'id');
  return id === null ? null : stripNetwork(id);
}

/** Pool lists (`tokens/{mint}/pools`, `new_pools`, `trending_pools`): snapshots plus token records from `included`. */
export function parsePools(body: unknown, knownAt: number): Parsed<PoolSnapshot | TokenInfo> {
  return whole(() => {
    const root = reqObj(body, 'body');
    const tokens = new Map<string, Obj>();
    for (const inc of Array.isArray(root.included) ? root.included : []) {
      if (isObj(inc) && inc.type === 'token' && isObj(inc.attributes) && typeof inc.id === 'string') tokens.set(stripNetwork(inc.id), inc.attributes);
    }
    return collect(reqArr(root.data, 'body.data'), 'body.data', (item, at) => {
      const p = reqObj(item, at);
      const a = reqObj(p.attributes, `${at}.attributes`);
      const pool = reqStr(a, 'address', `${at}.attributes`);
      const rels = optObj(p, 'relationships');
      const mint = relId(rels, 'base_token');
      if (mint === null) throw new FieldError(`${at}.relationships.base_token.data.id`, 'missing');
      const tx = optObj(a, 'transactions');
      const vol = optObj(a, 'volume_usd');
      const snap: PoolSnapshot = {
        kind: 'pool', knownAt, ts: knownAt, mint, pool, source: SOURCE,
        dex: relId(rels, 'dex'),
        priceUsd: checkedNum(a, 'base_token_price_usd', `${at}.attributes`),
        liquidityUsd: optNum(a, 'reserve_in_usd'),
        volume24hUsd: optNum(vol, 'h24'),
        priceChange24hPct: optNum(optObj(a, 'price_change_percentage'), 'h24'),
        buys24h: optNum(optObj(tx, 'h24'), 'buys'),
        sells24h: optNum(optObj(tx, 'h24'), 'sells'),
        buys5m: optNum(optObj(tx, 'm5'), 'buys'),
        sells5m: optNum(optObj(tx, 'm5'), 'sells'),
        fdvUsd: optNum(a, 'fdv_usd'),
        marketCapUsd: optNum(a, 'market_cap_usd'),
        baseReserve: null, quoteReserve: null,
        quoteMint: relId(rels, 'quote_token'),
        createdAt: isoMs(a.pool_created_at),
      };
      const t = tokens.get(mint);
      if (!t) return snap;
      const token: TokenInfo = {
        kind: 'token', knownAt, ts: knownAt, mint, pool, source: SOURCE,
        symbol: inertText(optStr(t, 'symbol'), 32), name: inertText(optStr(t, 'name')), decimals: optNum(t, 'decimals'),
        tokenProgram: null, audit: null, holderCount: null, liquidityUsd: snap.liquidityUsd, volume24hUsd: snap.volume24hUsd,
      };
      return [snap, token];
    });
  });
}
