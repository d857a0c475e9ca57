import { HttpFake, reply, type FakeRequest, type Reply } from './http-base.js';
import { Universe, realUniverse, rollUp, SOL_MINT, type FakeToken, type FakeTrade } from './universe.js';

const TYPE_SEC: Record<string, number> = { '1m': 60, '3m': 180, '5m': 300, '15m': 900, '30m': 1800, '1H': 3600, '2H': 7200, '4H': 14_400, '6H': 21_600, '8H': 28_800, '12H': 43_200, '1D': 86_400 };

/**
 * Loopback Birdeye REST (api-contracts.md §1; payload shapes follow the documentation examples in
 * kaseonedge__birdeye-api-docs): `X-API-KEY` required, `{success, data}` envelopes, v1 camelCase vs v3
 * snake_case, 1000 candles per call ascending, trades whose `base` is SOL (not the asked token).
 */
export class BirdeyeRestFake extends HttpFake {
  readonly name = 'birdeye';
  protected readonly envName = 'BIRDEYE_BASE_URL';
  /** The key the fake accepts. */
  apiKey = 'fake-birdeye-key';
  /** Send `mc` instead of `marketCap` in token_overview (the older shape). */
  legacyOverview = false;
  /** `liquidityAddedAt` as unix seconds (older docs) instead of an ISO-like string. */
  listingTimeAsSeconds = false;

  constructor(readonly universe: Universe = realUniverse()) {
    super();
    const keyed = (fn: (r: FakeRequest) => unknown) => (r: FakeRequest) =>
      r.headers['x-api-key'] !== this.apiKey ? this.errorReply(401, 'Unauthorized') : fn(r);
    const ok = (data: unknown) => ({ success: true, data });
    for (const v3 of [false, true]) {
      for (const pair of [false, true]) {
        const path = `${v3 ? '/defi/v3/ohlcv' : '/defi/ohlcv'}${pair ? '/pair' : ''}`;
        this.route('GET', new RegExp(`^${path.replace(/\//g, '\\/')}$`), `ohlcv_${v3 ? 'v3' : 'v1'}${pair ? '_pair' : ''}`, keyed((r) => {
          const addr = r.query.get('address') ?? '';
          const t = pair ? universe.byPool(addr) : universe.get(addr);
          const step = TYPE_SEC[r.query.get('type') ?? ''];
          if (!step) return reply(400, { success: false, message: 'type invalid format' });
          const from = Number(r.query.get('time_from'));
          const to = Number(r.query.get('time_to'));
          const items = (t ? rollUp(this.universe.visibleCandles(t), step) : []).filter((c) => c.t >= from && c.t <= to).slice(0, 1000).map((c) => {
            const base = { o: c.o, h: c.h, l: c.l, c: c.c, v: c.v / ((c.h + c.l + c.c) / 3), address: addr, type: r.query.get('type') };
            return v3 ? { ...base, v_usd: c.v, unix_time: c.t, currency: 'usd' } : { ...base, unixTime: c.t, ...(pair ? {} : { currency: 'usd' }) };
          });
          return ok(v3 ? { is_scaled_ui_token: false, items } : pair ? { items } : { isScaledUiToken: false, items });
        }));
      }
    }
    this.route('GET', /^\/defi\/price$/, 'price', keyed((r) => {
      const t = universe.get(r.query.get('address') ?? '');
      return ok(t && t.priceUsd !== null ? this.price(t, r.query.get('include_liquidity') === 'true' && !r.dropOptional) : null);
    }));
    const multi = (list: string, r: FakeRequest) => {
      const out: Record<string, unknown> = {};
      for (const m of list.split(',').filter(Boolean)) {
        const t = universe.get(m);
        out[m] = t && t.priceUsd !== null ? this.price(t, r.query.get('include_liquidity') === 'true' && !r.dropOptional) : null;
      }
      return ok(out);
    };
    this.route('GET', /^\/defi\/multi_price$/, 'multi_price', keyed((r) => multi(r.query.get('list_address') ?? '', r)));
    this.route('POST', /^\/defi\/multi_price$/, 'multi_price', keyed((r) => multi((JSON.parse(r.body || '{}') as { list_address?: string }).list_address ?? '', r)));
    this.route('GET', /^\/defi\/token_overview$/, 'token_overview', keyed((r) => {
      const t = universe.get(r.query.get('address') ?? '');
      return t ? ok(this.overview(t, r.dropOptional)) : reply(400, { success: false, message: 'address is invalid format' });
    }));
    this.route('GET', /^\/defi\/token_security$/, 'token_security', keyed((r) => {
      const t = universe.get(r.query.get('address') ?? '');
      return t ? ok(this.security(t)) : ok(null);
    }));
    this.route('GET', /^\/defi\/txs\/token$/, 'txs_v1', keyed((r) => this.trades(r, false)));
    this.route('GET', /^\/defi\/v3\/token\/txs$/, 'txs_v3', keyed((r) => this.trades(r, true)));
    this.route('GET', /^\/defi\/v2\/tokens\/new_listing$/, 'new_listing', keyed((r) => {
      // The real API takes limit 1..10 (api-contracts.md §10); outside that it refuses the request [INF: body].
      const limit = Number(r.query.get('limit') ?? '10');
      if (!Number.isInteger(limit) || limit < 1 || limit > 10) return reply(400, { success: false, message: 'limit must be between 1 and 10' });
      const items = [...universe.list()].sort((a, b) => b.pairCreatedAtMs - a.pairCreatedAtMs).slice(0, limit).map((t) => ({
        address: t.mint, symbol: t.symbol, name: t.name, decimals: t.decimals, source: t.dex,
        liquidityAddedAt: this.listingTimeAsSeconds ? Math.floor(t.pairCreatedAtMs / 1000) : new Date(t.pairCreatedAtMs).toISOString().slice(0, 19),
        logoURI: null, liquidity: t.liquidityUsd,
      }));
      return ok({ items });
    }));
    this.route('GET', /^\/defi\/token_trending$/, 'token_trending', keyed((r) => {
      const limit = Math.min(Number(r.query.get('limit') ?? '20'), 20);
      const tokens = [...universe.list()].sort((a, b) => b.volume24hUsd - a.volume24hUsd).slice(0, limit).map((t, i) => ({
        address: t.mint, decimals: t.decimals, liquidity: t.liquidityUsd, logoURI: null, name: t.name, symbol: t.symbol,
        volume24hUSD: t.volume24hUsd, volume24hChangePercent: 33, rank: i + 1, price: t.priceUsd, price24hChangePercent: t.priceChange24hPct,
        fdv: t.fdvUsd, marketcap: t.marketCapUsd,
      }));
      return ok({ updateUnixTime: 1726681733, updateTime: '2024-09-18T17:48:53', tokens, total: tokens.length });
    }));
  }

  private price(t: FakeToken, withLiquidity: boolean): Record<string, unknown> {
    const last = t.candles1m.at(-1)?.t ?? Math.floor(t.pairCreatedAtMs / 1000);
    return {
      isScaledUiToken: false, value: t.priceUsd, updateUnixTime: last, updateHumanTime: new Date(last * 1000).toISOString().slice(0, 19),
      priceChange24h: t.priceChange24hPct, priceInNative: (t.priceUsd ?? 0) / this.universe.solPriceUsd, ...(withLiquidity ? { liquidity: t.liquidityUsd } : {}),
    };
  }

  private overview(t: FakeToken, drop: boolean): Record<string, unknown> {
    const last = t.trades.at(-1)?.ts ?? t.candles1m.at(-1)?.t ?? 1760000512;
    const o: Record<string, unknown> = {
      address: t.mint, decimals: t.decimals, symbol: t.symbol, name: t.name, price: t.priceUsd, fdv: t.fdvUsd,
      liquidity: t.liquidityUsd, totalSupply: 1e9, circulatingSupply: 1e9, lastTradeUnixTime: last,
      lastTradeHumanTime: new Date(last * 1000).toISOString().slice(0, 19), priceChange24hPercent: t.priceChange24hPct,
      v24hUSD: t.volume24hUsd, trade24h: t.buys24h + t.sells24h, buy24h: t.buys24h, sell24h: t.sells24h,
      isScaledUiToken: false, multiplier: null,
    };
    if (!drop) Object.assign(o, { holder: t.holderCount, buy5m: t.buys5m, sell5m: t.sells5m, extensions: { twitter: null, website: null } });
    if (this.legacyOverview) o.mc = t.marketCapUsd;
    else o.marketCap = t.marketCapUsd;
    return o;
  }

  private security(t: FakeToken): Record<string, unknown> {
    return {
      creatorAddress: null, ownerAddress: null, creationTx: null, creationTime: Math.floor(t.pairCreatedAtMs / 1000) - 3600,
      creatorBalance: 0, creatorPercentage: 0, mutableMetadata: false,
      top10HolderBalance: t.topHoldersPct * 1e7, top10HolderPercent: t.topHoldersPct / 100, top10UserBalance: t.topHoldersPct * 1e7, top10UserPercent: t.topHoldersPct / 100,
      totalSupply: 1e9, preMarketHolder: [], lockInfo: null, freezeable: t.freezeAuthority === null ? null : true, freezeAuthority: t.freezeAuthority,
      transferFeeEnable: null, transferFeeData: null, isToken2022: t.tokenProgram !== 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', nonTransferable: null, jupStrictList: false,
    };
  }

  private trades(r: FakeRequest, v3: boolean): unknown {
    const t = this.universe.get(r.query.get('address') ?? '');
    const limit = Math.min(Number(r.query.get('limit') ?? (v3 ? '100' : '50')), v3 ? 100 : 50);
    const offset = Number(r.query.get('offset') ?? '0');
    const all = t ? [...t.trades].reverse() : [];
    const page = all.slice(offset, offset + limit);
    const items = page.map((x) => (v3 ? this.tradeV3(t!, x) : this.tradeV1(t!, x)));
    return { success: true, data: v3 ? { items, has_next: offset + limit < all.length } : { items, hasNext: offset + limit < all.length } };
  }

  private legs(t: FakeToken, x: FakeTrade) {
    const solPrice = x.volumeUsd / x.solAmount;
    const sol = { symbol: 'SOL', decimals: 9, address: SOL_MINT, amount: Math.round(x.solAmount * 1e9), uiAmount: x.solAmount, price: solPrice, nearestPrice: solPrice };
    const tok = { symbol: t.symbol, decimals: t.decimals, address: t.mint, amount: Math.round(x.tokenAmount * 10 ** t.decimals), uiAmount: x.tokenAmount, price: x.priceUsd, nearestPrice: x.priceUsd };
    return x.side === 'buy' ? { from: sol, to: tok, sol, tok } : { from: tok, to: sol, sol, tok };
  }

  private tradeV1(t: FakeToken, x: FakeTrade): unknown {
    const { from, to, sol, tok } = this.legs(t, x);
    const signed = (l: typeof sol, out: boolean) => ({ ...l, changeAmount: out ? -l.amount : l.amount, uiChangeAmount: out ? -l.uiAmount : l.uiAmount, isScaledUiToken: false, multiplier: null });
    // As in Birdeye's own example, `base` is SOL and the asked token is the `quote` leg.
    return {
      quote: signed(tok, x.side === 'sell'), base: signed(sol, x.side === 'buy'), basePrice: sol.price, quotePrice: tok.price,
      txHash: x.txHash, source: t.dex, blockUnixTime: x.ts, txType: 'swap', owner: x.owner, side: x.side === 'buy' ? 'sell' : 'buy', alias: null,
      pricePair: tok.uiAmount / sol.uiAmount, from: signed(from, true), to: signed(to, false), tokenPrice: sol.price, poolId: t.pool,
    };
  }

  private tradeV3(t: FakeToken, x: FakeTrade): unknown {
    const { from, to } = this.legs(t, x);
    const leg = (l: typeof from, out: boolean) => ({ symbol: l.symbol, address: l.address, decimals: l.decimals, price: l.price, amount: String(l.amount), ui_amount: l.uiAmount, ui_change_amount: out ? -l.uiAmount : l.uiAmount });
    return {
      tx_type: x.side, tx_hash: x.txHash, ins_index: 2, inner_ins_index: 0, block_unix_time: x.ts, block_number: 364701774,
      volume_usd: x.volumeUsd, volume: x.tokenAmount, owner: x.owner, signers: [x.owner], source: t.dex, side: x.side, alias: null,
      price_pair: x.solAmount / x.tokenAmount, from: leg(from, true), to: leg(to, false), pool_id: t.pool,
    };
  }

  protected tooManyRequests(): Reply {
    return reply(429, { success: false, message: 'Too many requests' });
  }

  protected errorReply(status: number, message: string): Reply {
    return reply(status, { success: false, message });
  }
}
