import type { PoolSnapshot, PriceImpact, TokenInfo } from '../../domain/market.js';
import { HttpSource } from '../http/http-source.js';
import { BaseHttpClient } from '../http/base-client.js';
import { Batcher, chunks, unique } from '../http/batcher.js';
import { perMinute } from '../http/rate-limiter.js';
import { FieldError } from '../http/fields.js';
import { invalidRequestError } from '../http/errors.js';
import type { ClientDeps } from '../http/client-options.js';
import { parsePrices, parseQuoteImpactPct, parseTokens } from './parse.js';

/** The `sources.jupiter` slice. */
export interface JupiterSettings {
  baseUrl: string;
  /** Optional key, sent as `x-api-key` only when non-empty. */
  apiKey: string;
  /** Budget, requests/min for the whole account (default 30 keyless). */
  requestsPerMinute: number;
  /** Estimate price impact with /swap/v1/quote (default false). */
  quoteImpact: boolean;
}

export const JUP_MAX_SEARCH_MINTS = 100;
export const JUP_MAX_PRICE_IDS = 50;
export type JupCategory = 'toptrending' | 'toptraded' | 'toporganicscore';
export type JupInterval = '5m' | '1h' | '6h' | '24h';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const isAddress = (a: string): boolean => /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(a);

/** Jupiter Tokens v2 (metadata + audit), Price v3 and, optionally, quote-based price impact. */
export class JupiterClient extends BaseHttpClient {
  private readonly prices: Batcher<PoolSnapshot>;
  private readonly infos: Batcher<TokenInfo>;

  constructor(private readonly cfg: JupiterSettings, deps: ClientDeps) {
    super(
      new HttpSource({
        source: 'jupiter', baseUrl: cfg.baseUrl, http: deps.http, clock: deps.clock, signal: deps.signal, random: deps.random,
        rateClasses: { all: perMinute(cfg.requestsPerMinute) },
        headers: cfg.apiKey ? { 'x-api-key': cfg.apiKey } : {},
        keyEnv: cfg.apiKey ? 'JUPITER_API_KEY' : null,
        keylessRefusal: 'needs a key (JUPITER_API_KEY)',
      }),
      deps.clock,
    );
    this.prices = new Batcher(JUP_MAX_PRICE_IDS, deps.http.batchWindowMs, async (ids) => new Map((await this.priceChunk(ids)).map((p) => [p.mint!, p])));
    this.infos = new Batcher(JUP_MAX_SEARCH_MINTS, deps.http.batchWindowMs, async (ids) => {
      const out = await this.searchChunk(ids);
      return new Map(out.filter((r): r is TokenInfo => r.kind === 'token').map((t) => [t.mint!, t]));
    });
  }

  /** Tokens v2 search by mints (100 per call): token records (with audit) and token-level snapshots. */
  async tokens(mints: string[]): Promise<Array<TokenInfo | PoolSnapshot>> {
    return (await Promise.all(chunks(unique(mints), JUP_MAX_SEARCH_MINTS).map((c) => this.searchChunk(c)))).flat();
  }

  /** One token's record; concurrent calls are batched 100 per request. */
  tokenInfo(mint: string): Promise<TokenInfo | undefined> {
    return this.infos.get(mint);
  }

  /** `/tokens/v2/tag?query=verified` (large). */
  verified(): Promise<Array<TokenInfo | PoolSnapshot>> {
    return this.list('tag', '/tokens/v2/tag', { query: 'verified' });
  }

  /** `/tokens/v2/recent`: tokens that most recently got their first pool. */
  recent(): Promise<Array<TokenInfo | PoolSnapshot>> {
    return this.list('recent', '/tokens/v2/recent');
  }

  /** `/tokens/v2/{category}/{interval}?limit=` (limit 1..100). */
  top(category: JupCategory, interval: JupInterval, limit = 50): Promise<Array<TokenInfo | PoolSnapshot>> {
    return this.list(category, `/tokens/v2/${category}/${interval}`, { limit: Math.min(Math.max(1, limit), 100) });
  }

  /** Price v3 (50 per call). Unpriced mints are simply absent from the result. */
  async priceMany(mints: string[]): Promise<PoolSnapshot[]> {
    return (await Promise.all(chunks(unique(mints), JUP_MAX_PRICE_IDS).map((c) => this.priceChunk(c)))).flat();
  }

  /** One mint's price; concurrent calls are batched 50 per request. Undefined when unpriced. */
  price(mint: string): Promise<PoolSnapshot | undefined> {
    return this.prices.get(mint);
  }

  /** Price impact of buying `tradeUsd` of `mint` with USDC, from a quote. Needs `quoteImpact: true`. */
  async quoteImpact(mint: string, tradeUsd: number): Promise<PriceImpact | null> {
    if (!this.cfg.quoteImpact) return null;
    this.check([mint], 'quote');
    const body = await this.http.json({
      endpoint: 'quote', path: '/swap/v1/quote',
      query: { inputMint: USDC, outputMint: mint, amount: Math.round(tradeUsd * 1e6), swapMode: 'ExactIn', slippageBps: 50 },
    });
    try {
      const impactPct = parseQuoteImpactPct(body);
      this.http.tracker.records(1);
      const knownAt = this.now();
      return { kind: 'impact', knownAt, ts: knownAt, mint, pool: null, source: 'jupiter', tradeUsd, impactPct, method: 'jupiter_quote' };
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      this.http.bad('quote', e.field, e.reason);
      return null;
    }
  }

  private async searchChunk(mints: string[]): Promise<Array<TokenInfo | PoolSnapshot>> {
    this.check(mints, 'search');
    return this.list('search', '/tokens/v2/search', { query: mints.join(',') });
  }

  private async priceChunk(mints: string[]): Promise<PoolSnapshot[]> {
    this.check(mints, 'price');
    const body = await this.http.json({ endpoint: 'price', path: '/price/v3', query: { ids: mints.join(',') } });
    return this.deliver('price', parsePrices(body, this.now()));
  }

  private async list(endpoint: string, path: string, query?: Record<string, string | number>): Promise<Array<TokenInfo | PoolSnapshot>> {
    const body = await this.http.json({ endpoint, path, query });
    return this.deliver(endpoint, parseTokens(body, this.now()));
  }

  private check(mints: string[], endpoint: string): void {
    const bad = mints.find((m) => !isAddress(m));
    if (bad !== undefined) throw invalidRequestError('jupiter', endpoint, `not a Solana address: ${JSON.stringify(bad.slice(0, 50))}`);
  }
}
