import type { Candle, PoolSnapshot, TokenInfo, Trade } from '../../domain/market.js';
import { parseIntervalMs } from '../../domain/time.js';
import { HttpSource, type RequestSpec } from '../http/http-source.js';
import { BaseHttpClient } from '../http/base-client.js';
import { Batcher, chunks, unique } from '../http/batcher.js';
import { perSecond } from '../http/rate-limiter.js';
import { apiError, invalidRequestError, SourceHttpError } from '../http/errors.js';
import { FieldError, type Parsed } from '../http/fields.js';
import type { ClientDeps } from '../http/client-options.js';
import { envelopeData, parseCandles, parseMultiPrice, parseOverview, parsePrice, parseSecurity, parseTokenList, type BirdeyeSecurity } from './rest-parse.js';
import { parseTrades } from './rest-parse-trades.js';

/** `new_listing` answers limit 1..10 (a larger one is refused: api-contracts.md §10). */
export const BIRDEYE_NEW_LISTING_MAX = 10;

/** The REST part of the `sources.birdeye` slice. */
export interface BirdeyeRestSettings {
  baseUrl: string;
  /** Required: the client is only built when a key is configured. */
  apiKey: string;
  /** Budget for the whole account, requests/s (default 1). */
  requestsPerSecond: number;
  /** OHLCV family: v3 carries USD volume (default v3). */
  ohlcvVersion: 'v1' | 'v3';
}

export const BIRDEYE_MAX_CANDLES = 1000;
export const BIRDEYE_MAX_MULTI_PRICE = 100;
const isAddress = (a: string): boolean => /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(a);

export interface BirdeyeOhlcvQuery {
  /** Birdeye interval label: 1m 3m 5m 15m 30m 1H 2H 4H 6H 8H 12H 1D ... */
  type: string;
  fromMs: number;
  toMs: number;
  /** Pool candles (`/ohlcv/pair`) instead of token candles. */
  pair?: boolean;
  /** Overrides the configured version. */
  version?: 'v1' | 'v3';
  /** Page bound (default 10 pages of 1000). */
  maxPages?: number;
}

/** Birdeye public REST (keyed): candles, prices, overview, security, trades, new listings, trending. */
export class BirdeyeRestClient extends BaseHttpClient {
  private readonly prices: Batcher<PoolSnapshot>;

  constructor(private readonly cfg: BirdeyeRestSettings, deps: ClientDeps) {
    if (!cfg.apiKey) throw invalidRequestError('birdeye', 'config', 'BIRDEYE_API_KEY is empty; Birdeye REST needs a key');
    super(
      new HttpSource({
        source: 'birdeye', baseUrl: cfg.baseUrl, http: deps.http, clock: deps.clock, signal: deps.signal, random: deps.random,
        rateClasses: { account: perSecond(cfg.requestsPerSecond) },
        headers: { 'X-API-KEY': cfg.apiKey, 'x-chain': 'solana' },
        keyEnv: 'BIRDEYE_API_KEY',
      }),
      deps.clock,
    );
    this.prices = new Batcher(BIRDEYE_MAX_MULTI_PRICE, deps.http.batchWindowMs, async (ids) => new Map((await this.multiPrice(ids)).map((p) => [p.mint!, p])));
  }

  /** Candles in [fromMs, toMs), paging forward 1000 at a time (bounded by maxPages), oldest first. */
  async ohlcv(address: string, q: BirdeyeOhlcvQuery): Promise<Candle[]> {
    const intervalMs = parseIntervalMs(q.type);
    if (intervalMs === null) throw invalidRequestError('birdeye', 'ohlcv', `unsupported interval ${q.type}`);
    const v = q.version ?? this.cfg.ohlcvVersion;
    const endpoint = `ohlcv_${v}${q.pair ? '_pair' : ''}`;
    const path = `${v === 'v3' ? '/defi/v3/ohlcv' : '/defi/ohlcv'}${q.pair ? '/pair' : ''}`;
    const out = new Map<number, Candle>();
    let from = Math.floor(q.fromMs / 1000);
    const to = Math.ceil(q.toMs / 1000);
    for (let page = 0; page < (q.maxPages ?? 10) && from < to; page++) {
      const data = await this.data({ endpoint, path: `${path}`, query: { address: this.addr(address, endpoint), type: q.type, time_from: from, time_to: to, currency: 'usd' } });
      const ctx = { mint: q.pair ? null : address, pool: q.pair ? address : null, type: q.type, knownAt: this.now() };
      const candles = this.deliver(endpoint, parseCandles(data, ctx)).filter((c) => c.start >= q.fromMs && c.start < q.toMs);
      for (const c of candles) out.set(c.start, c);
      const last = candles.at(-1);
      if (!last || candles.length < BIRDEYE_MAX_CANDLES) break;
      from = (last.start + intervalMs) / 1000;
    }
    return [...out.values()].sort((a, b) => a.start - b.start);
  }

  /** `/defi/price`; undefined when Birdeye has no price. */
  async price(mint: string, includeLiquidity = true): Promise<PoolSnapshot | undefined> {
    const data = await this.data({ endpoint: 'price', path: '/defi/price', query: { address: this.addr(mint, 'price'), include_liquidity: includeLiquidity } });
    return this.deliver('price', parsePrice(data, mint, this.now()))[0];
  }

  /** `/defi/multi_price`, 100 mints per call (POST body when the list is long, GET otherwise). */
  async multiPrice(mints: string[]): Promise<PoolSnapshot[]> {
    const parts = await Promise.all(
      chunks(unique(mints), BIRDEYE_MAX_MULTI_PRICE).map(async (c) => {
        const list = c.map((m) => this.addr(m, 'multi_price')).join(',');
        const spec: RequestSpec = c.length > 20
          ? { endpoint: 'multi_price', path: '/defi/multi_price', method: 'POST', query: { include_liquidity: true }, body: { list_address: list } }
          : { endpoint: 'multi_price', path: '/defi/multi_price', query: { list_address: list, include_liquidity: true } };
        return this.deliver('multi_price', parseMultiPrice(await this.data(spec), this.now()));
      }),
    );
    return parts.flat();
  }

  /** One mint's price; concurrent calls share multi_price requests of up to 100. */
  batchedPrice(mint: string): Promise<PoolSnapshot | undefined> {
    return this.prices.get(mint);
  }

  /** `/defi/token_overview`: token record and token-level snapshot. */
  async overview(mint: string): Promise<Array<TokenInfo | PoolSnapshot>> {
    const data = await this.data({ endpoint: 'token_overview', path: '/defi/token_overview', query: { address: this.addr(mint, 'token_overview') } });
    return this.deliver('token_overview', parseOverview(data, mint, this.now()));
  }

  /** `/defi/token_security`. */
  async security(mint: string): Promise<BirdeyeSecurity | undefined> {
    const data = await this.data({ endpoint: 'token_security', path: '/defi/token_security', query: { address: this.addr(mint, 'token_security') } });
    return this.deliver('token_security', parseSecurity(data, mint, this.now()))[0];
  }

  /** Recent swaps of a token, oldest first (v1: up to 50, v3: up to 100 per call). */
  async trades(mint: string, opts: { version?: 'v1' | 'v3'; limit?: number; offset?: number } = {}): Promise<{ trades: Trade[]; hasNext: boolean }> {
    const v3 = (opts.version ?? 'v3') === 'v3';
    const endpoint = v3 ? 'txs_v3' : 'txs_v1';
    const limit = Math.min(Math.max(1, opts.limit ?? (v3 ? 100 : 50)), v3 ? 100 : 50);
    const data = await this.data({
      endpoint, path: v3 ? '/defi/v3/token/txs' : '/defi/txs/token',
      query: { address: this.addr(mint, endpoint), offset: opts.offset ?? 0, limit, tx_type: 'swap', sort_type: 'desc' },
    });
    const parsed = parseTrades(data, mint, this.now(), v3);
    return { trades: this.deliver(endpoint, parsed), hasNext: parsed.hasNext };
  }

  /** `/defi/v2/tokens/new_listing` (launchpad tokens included). The API takes limit 1..10; others are clamped. */
  async newListings(limit = BIRDEYE_NEW_LISTING_MAX): Promise<Array<TokenInfo | PoolSnapshot>> {
    const n = Number.isFinite(limit) ? Math.min(Math.max(1, Math.trunc(limit)), BIRDEYE_NEW_LISTING_MAX) : BIRDEYE_NEW_LISTING_MAX;
    const data = await this.data({ endpoint: 'new_listing', path: '/defi/v2/tokens/new_listing', query: { limit: n, meme_platform_enabled: true } });
    return this.deliver('new_listing', parseTokenList(data, 'items', this.now()));
  }

  /** `/defi/token_trending` (limit 1..20). */
  async trending(opts: { sortBy?: 'rank' | 'volumeUSD' | 'liquidity'; interval?: '1h' | '4h' | '24h'; limit?: number } = {}): Promise<Array<TokenInfo | PoolSnapshot>> {
    const data = await this.data({
      endpoint: 'token_trending', path: '/defi/token_trending',
      query: { sort_by: opts.sortBy ?? 'rank', sort_type: 'asc', interval: opts.interval ?? '24h', offset: 0, limit: Math.min(opts.limit ?? 20, 20) },
    });
    return this.deliver('token_trending', parseTokenList(data, 'tokens', this.now()));
  }

  /** Unwraps `{success, data}`; `success:false` in a 200 is an error, a broken envelope is bad data. */
  private async data(spec: RequestSpec): Promise<unknown> {
    const body = await this.http.json(spec);
    let env: ReturnType<typeof envelopeData>;
    try {
      env = envelopeData(body);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      this.http.bad(spec.endpoint, e.field, e.reason);
      throw new SourceHttpError('BIRDEYE_BAD_PAYLOAD', `birdeye ${spec.endpoint}: ${e.message}`, 'local', 'birdeye', spec.endpoint, 200);
    }
    if (!env.ok) throw apiError('birdeye', spec.endpoint, env.message);
    return env.data;
  }

  private addr(a: string, endpoint: string): string {
    if (!isAddress(a)) throw invalidRequestError('birdeye', endpoint, `not a Solana address: ${JSON.stringify(a.slice(0, 50))}`);
    return a;
  }
}

export type { BirdeyeSecurity, Parsed };
