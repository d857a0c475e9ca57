import { HttpFake, reply, type Reply } from './http-base.js';
import { Universe, realUniverse, rollUp, SOL_MINT, type FakeCandle, type FakeToken } from './universe.js';

const TF_SEC: Record<string, number> = { minute: 60, hour: 3600, day: 86_400 };
const AGG: Record<string, number[]> = { minute: [1, 5, 15], hour: [1, 4, 12], day: [1] };

/**
 * Loopback GeckoTerminal (api-contracts.md §6) under `/api/v2`: OHLCV newest first in seconds with USD
 * volume, `before_timestamp` paging, `include_empty_intervals` padding (flat, volume 0), JSON:API pools with
 * string numerics and `solana_` ids, the real 429 body.
 */
export class GeckoTerminalFake extends HttpFake {
  readonly name = 'geckoterminal';
  protected readonly envName = 'GECKOTERMINAL_BASE_URL';
  protected override readonly prefix = '/api/v2';

  constructor(readonly universe: Universe = realUniverse()) {
    super();
    this.route('GET', /^\/networks\/solana\/pools\/([^/]+)\/ohlcv\/(day|hour|minute)$/, 'ohlcv', (r) => {
      const t = universe.byPool(r.params[0]);
      const agg = Number(r.query.get('aggregate') ?? '1');
      if (!t) return this.errorReply(404, 'Not Found');
      if (!AGG[r.params[1]].includes(agg)) return reply(400, { errors: [{ status: '400', title: 'Invalid aggregate' }] });
      const limit = Math.min(Number(r.query.get('limit') ?? '100'), 1000);
      const before = Number(r.query.get('before_timestamp') ?? Infinity);
      let candles = rollUp(universe.visibleCandles(t), TF_SEC[r.params[1]] * agg).filter((c) => c.t < before);
      if (r.query.get('include_empty_intervals') === 'true') candles = pad(candles, TF_SEC[r.params[1]] * agg);
      const page = candles.slice(-limit).reverse();
      return {
        data: { id: 'b5ccf494-b630-4581-833a-ddf6cd367d68', type: 'ohlcv_request_response', attributes: { ohlcv_list: page.map((c) => [c.t, c.o, c.h, c.l, c.c, c.v]) } },
        meta: {
          base: { address: t.mint, name: t.name, symbol: t.symbol, coingecko_coin_id: null },
          quote: { address: SOL_MINT, name: 'Wrapped SOL', symbol: 'SOL', coingecko_coin_id: 'wrapped-solana' },
        },
      };
    });
    this.route('GET', /^\/networks\/solana\/tokens\/([^/]+)\/pools$/, 'token_pools', (r) => {
      const t = universe.get(r.params[0]);
      return this.poolList(t ? [t] : [], r.query.get('include') !== null, r.dropOptional);
    });
    this.route('GET', /^\/networks\/solana\/new_pools$/, 'new_pools', (r) =>
      this.poolList([...universe.list()].sort((a, b) => b.pairCreatedAtMs - a.pairCreatedAtMs), r.query.get('include') !== null, r.dropOptional));
    this.route('GET', /^\/networks\/solana\/trending_pools$/, 'trending_pools', (r) =>
      this.poolList([...universe.list()].sort((a, b) => b.volume24hUsd - a.volume24hUsd), r.query.get('include') !== null, r.dropOptional));
  }

  private poolList(tokens: FakeToken[], include: boolean, drop: boolean): unknown {
    const sol = this.universe.solPriceUsd;
    const data = tokens.map((t) => ({
      id: `solana_${t.pool}`, type: 'pool',
      attributes: {
        base_token_price_usd: t.priceUsd === null ? null : String(t.priceUsd),
        base_token_price_native_currency: t.priceUsd === null ? null : String(t.priceUsd / sol),
        quote_token_price_usd: String(sol), quote_token_price_native_currency: '1.0',
        address: t.pool, name: `${t.symbol} / SOL`, pool_created_at: new Date(t.pairCreatedAtMs).toISOString().replace('.000', ''),
        fdv_usd: drop ? null : String(t.fdvUsd), market_cap_usd: null,
        price_change_percentage: drop ? { h24: String(t.priceChange24hPct) } : { m5: '0.5', h1: '2.1', h6: '4.2', h24: String(t.priceChange24hPct) },
        transactions: {
          ...(drop ? {} : { m5: { buys: t.buys5m, sells: t.sells5m, buyers: t.buys5m, sellers: t.sells5m } }),
          h24: { buys: t.buys24h, sells: t.sells24h, buyers: Math.round(t.buys24h / 2), sellers: Math.round(t.sells24h / 2) },
        },
        volume_usd: { m5: String(t.volume24hUsd / 288), h1: String(t.volume24hUsd / 24), h6: String(t.volume24hUsd / 4), h24: String(t.volume24hUsd) },
        reserve_in_usd: drop ? null : String(t.liquidityUsd),
      },
      relationships: {
        base_token: { data: { id: `solana_${t.mint}`, type: 'token' } },
        quote_token: { data: { id: `solana_${SOL_MINT}`, type: 'token' } },
        dex: { data: { id: t.dex, type: 'dex' } },
      },
    }));
    if (!include) return { data };
    const included = [
      ...tokens.map((t) => ({ id: `solana_${t.mint}`, type: 'token', attributes: { address: t.mint, name: t.name, symbol: t.symbol, decimals: t.decimals, image_url: null, coingecko_coin_id: null } })),
      { id: `solana_${SOL_MINT}`, type: 'token', attributes: { address: SOL_MINT, name: 'Wrapped SOL', symbol: 'SOL', decimals: 9, image_url: null, coingecko_coin_id: 'wrapped-solana' } },
    ];
    return { data, included };
  }

  protected tooManyRequests(): Reply {
    return reply(429, { status: { error_code: 429, error_message: "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits and use the onchain endpoints: https://docs.coingecko.com/reference/endpoint-overview" } });
  }

  protected errorReply(status: number, message: string): Reply {
    return reply(status, { errors: [{ status: String(status), title: message }] });
  }
}

/** Fills gaps with flat candles at the previous close and zero volume, as include_empty_intervals does. */
function pad(candles: FakeCandle[], step: number): FakeCandle[] {
  const out: FakeCandle[] = [];
  for (const c of candles) {
    const prev = out.at(-1);
    if (prev) for (let t = prev.t + step; t < c.t; t += step) out.push({ t, o: prev.c, h: prev.c, l: prev.c, c: prev.c, v: 0 });
    out.push(c);
  }
  return out;
}
