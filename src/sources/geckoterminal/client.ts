import type { Candle, PoolSnapshot, TokenInfo } from '../../domain/market.js';
import { HttpSource } from '../http/http-source.js';
import { BaseHttpClient } from '../http/base-client.js';
import { perMinute } from '../http/rate-limiter.js';
import { invalidRequestError } from '../http/errors.js';
import type { ClientDeps } from '../http/client-options.js';
import { GECKO_AGGREGATES, geckoIntervalMs, parseOhlcv, parsePools, type GeckoTimeframe } from './parse.js';

/** The `sources.geckoterminal` slice. */
export interface GeckoTerminalSettings {
  /** Base URL including `/api/v2`. */
  baseUrl: string;
  /** Budget, requests/min (default 30). */
  requestsPerMinute: number;
}

export interface OhlcvQuery {
  timeframe: GeckoTimeframe;
  /** minute: 1|5|15, hour: 1|4|12, day: 1 (default 1). */
  aggregate?: number;
  /** Only candles before this time, epoch ms (default: the newest). */
  beforeMs?: number;
  /** 1..1000 (default 100). */
  limit?: number;
  /** Ask for padded empty intervals; padded rows are dropped on receipt (default false). */
  includeEmpty?: boolean;
}

/** Candles per call (documented max). */
export const GECKO_MAX_CANDLES = 1000;
const isAddress = (a: string): boolean => /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(a);

/** GeckoTerminal public API (keyless): pool OHLCV for backfill, pools of a token, new and trending pools. */
export class GeckoTerminalClient extends BaseHttpClient {
  constructor(cfg: GeckoTerminalSettings, deps: ClientDeps) {
    super(
      new HttpSource({
        source: 'geckoterminal', baseUrl: cfg.baseUrl, http: deps.http, clock: deps.clock, signal: deps.signal, random: deps.random,
        rateClasses: { all: perMinute(cfg.requestsPerMinute) },
        // The API is version-pinned through Accept.
        headers: { accept: 'application/json;version=20230302' },
      }),
      deps.clock,
    );
  }

  /** One page of pool candles (USD, base token), returned oldest first. */
  async ohlcv(pool: string, q: OhlcvQuery): Promise<Candle[]> {
    const aggregate = q.aggregate ?? 1;
    if (!GECKO_AGGREGATES[q.timeframe].includes(aggregate)) throw invalidRequestError('geckoterminal', 'ohlcv', `aggregate ${aggregate} not allowed for ${q.timeframe}`);
    const limit = Math.min(Math.max(1, q.limit ?? 100), GECKO_MAX_CANDLES);
    const body = await this.http.json({
      endpoint: 'ohlcv',
      path: `/networks/solana/pools/${this.addr(pool, 'ohlcv')}/ohlcv/${q.timeframe}`,
      query: {
        aggregate, limit, currency: 'usd', token: 'base',
        before_timestamp: q.beforeMs === undefined ? undefined : Math.floor(q.beforeMs / 1000),
        include_empty_intervals: q.includeEmpty ? 'true' : undefined,
      },
    });
    const ctx = { pool, intervalMs: geckoIntervalMs(q.timeframe, aggregate), knownAt: this.now(), dropPadding: q.includeEmpty === true };
    return this.deliver('ohlcv', parseOhlcv(body, ctx));
  }

  /**
   * Candles in [fromMs, toMs), paging back with before_timestamp, oldest first. Stops at `fromMs`, at an
   * empty or non-advancing page, or after `maxPages` (bounded: each page costs one request of the budget).
   */
  async ohlcvRange(pool: string, timeframe: GeckoTimeframe, aggregate: number, fromMs: number, toMs: number, maxPages = 10): Promise<Candle[]> {
    const byStart = new Map<number, Candle>();
    let before = toMs;
    for (let page = 0; page < maxPages; page++) {
      const got = await this.ohlcv(pool, { timeframe, aggregate, beforeMs: before, limit: GECKO_MAX_CANDLES });
      const fresh = got.filter((c) => c.start < before);
      if (fresh.length === 0) break;
      for (const c of fresh) if (c.start >= fromMs && c.start < toMs) byStart.set(c.start, c);
      before = fresh[0].start;
      if (before <= fromMs) break;
    }
    return [...byStart.values()].sort((a, b) => a.start - b.start);
  }

  /** Pools of a token (first page, ~20), with token metadata from `included`. */
  async tokenPools(mint: string, page = 1): Promise<Array<PoolSnapshot | TokenInfo>> {
    return this.pools('token_pools', `/networks/solana/tokens/${this.addr(mint, 'token_pools')}/pools`, page);
  }

  /** `/networks/solana/new_pools`. */
  newPools(page = 1): Promise<Array<PoolSnapshot | TokenInfo>> {
    return this.pools('new_pools', '/networks/solana/new_pools', page);
  }

  /** `/networks/solana/trending_pools`. */
  trendingPools(page = 1): Promise<Array<PoolSnapshot | TokenInfo>> {
    return this.pools('trending_pools', '/networks/solana/trending_pools', page);
  }

  private async pools(endpoint: string, path: string, page: number): Promise<Array<PoolSnapshot | TokenInfo>> {
    const body = await this.http.json({ endpoint, path, query: { page, include: 'base_token,quote_token,dex' } });
    return this.deliver(endpoint, parsePools(body, this.now()));
  }

  private addr(a: string, endpoint: string): string {
    if (!isAddress(a)) throw invalidRequestError('geckoterminal', endpoint, `not a Solana address: ${JSON.stringify(a.slice(0, 50))}`);
    return a;
  }
}
