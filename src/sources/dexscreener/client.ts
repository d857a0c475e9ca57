import type { PoolSnapshot } from '../../domain/market.js';
import { HttpSource } from '../http/http-source.js';
import { BaseHttpClient } from '../http/base-client.js';
import { Batcher, chunks, unique } from '../http/batcher.js';
import { perMinute } from '../http/rate-limiter.js';
import { invalidRequestError } from '../http/errors.js';
import type { ClientDeps } from '../http/client-options.js';
import type { DiscoveredToken } from '../http/discovery.js';
import { bestPoolFor, parseListings, parsePairArray, parsePairsEnvelope, poolsOf, type DexRecord } from './parse.js';

/** The `sources.dexscreener` slice. */
export interface DexScreenerSettings {
  baseUrl: string;
  /** Budget of /latest/dex, /tokens/v1, /token-pairs/v1, requests/min (default 300). */
  pairsPerMinute: number;
  /** Budget of /token-profiles, /token-boosts, requests/min (default 60). */
  profilesPerMinute: number;
}

/** Addresses per call on the multi-address endpoints (documented cap). */
export const DEX_MAX_ADDRESSES = 30;

const isAddress = (a: string): boolean => /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(a);

/** DexScreener REST (keyless): pair snapshots by token or pool, search, profiles and boosts. */
export class DexScreenerClient extends BaseHttpClient {
  private readonly batcher: Batcher<PoolSnapshot>;

  constructor(cfg: DexScreenerSettings, deps: ClientDeps) {
    super(
      new HttpSource({
        source: 'dexscreener', baseUrl: cfg.baseUrl, http: deps.http, clock: deps.clock, signal: deps.signal, random: deps.random,
        rateClasses: { pairs: perMinute(cfg.pairsPerMinute), profiles: perMinute(cfg.profilesPerMinute) },
      }),
      deps.clock,
    );
    this.batcher = new Batcher(DEX_MAX_ADDRESSES, deps.http.batchWindowMs, async (mints) => {
      const pools = poolsOf(await this.tokensChunk(mints));
      const best = new Map<string, PoolSnapshot>();
      for (const m of mints) {
        const p = bestPoolFor(m, pools);
        if (p) best.set(m, p);
      }
      return best;
    });
  }

  /** `/tokens/v1/solana/{mints}`: pairs of up to any number of mints, sent 30 per call. */
  async tokens(mints: string[]): Promise<DexRecord[]> {
    const parts = await Promise.all(chunks(unique(mints), DEX_MAX_ADDRESSES).map((c) => this.tokensChunk(c)));
    return parts.flat();
  }

  /** Most liquid pool of one mint; calls made within the batch window share requests of up to 30 mints. */
  bestPool(mint: string): Promise<PoolSnapshot | undefined> {
    return this.batcher.get(mint);
  }

  /** `/latest/dex/tokens/{mints}` (pairs where the token is base or quote), 30 per call. */
  async latestTokens(mints: string[]): Promise<DexRecord[]> {
    const parts = await Promise.all(
      chunks(unique(mints), DEX_MAX_ADDRESSES).map(async (c) =>
        this.pairsEnvelope('latest_tokens', `/latest/dex/tokens/${this.list(c, 'latest_tokens')}`)),
    );
    return parts.flat();
  }

  /** `/token-pairs/v1/solana/{mint}`: every pool of one token (including ones where it is the quote). */
  async tokenPairs(mint: string): Promise<DexRecord[]> {
    const body = await this.http.json({ endpoint: 'token_pairs', path: `/token-pairs/v1/solana/${this.list([mint], 'token_pairs')}`, rateClass: 'pairs' });
    return this.deliver('token_pairs', parsePairArray(body, this.now()));
  }

  /** `/latest/dex/pairs/solana/{pools}`, 30 per call. */
  async pairs(pools: string[]): Promise<DexRecord[]> {
    const parts = await Promise.all(
      chunks(unique(pools), DEX_MAX_ADDRESSES).map((c) => this.pairsEnvelope('pairs', `/latest/dex/pairs/solana/${this.list(c, 'pairs')}`)),
    );
    return parts.flat();
  }

  /** `/latest/dex/search?q=`; other chains are dropped. */
  search(q: string): Promise<DexRecord[]> {
    return this.pairsEnvelope('search', '/latest/dex/search', { q });
  }

  /** `/token-profiles/latest/v1`. */
  profiles(): Promise<DiscoveredToken[]> {
    return this.listings('profiles', '/token-profiles/latest/v1', 'profile');
  }

  /** `/token-boosts/latest/v1`. */
  boostsLatest(): Promise<DiscoveredToken[]> {
    return this.listings('boosts_latest', '/token-boosts/latest/v1', 'boost_latest');
  }

  /** `/token-boosts/top/v1`. */
  boostsTop(): Promise<DiscoveredToken[]> {
    return this.listings('boosts_top', '/token-boosts/top/v1', 'boost_top');
  }

  private async tokensChunk(mints: string[]): Promise<DexRecord[]> {
    const body = await this.http.json({ endpoint: 'tokens', path: `/tokens/v1/solana/${this.list(mints, 'tokens')}`, rateClass: 'pairs' });
    return this.deliver('tokens', parsePairArray(body, this.now()));
  }

  private async pairsEnvelope(endpoint: string, path: string, query?: Record<string, string>): Promise<DexRecord[]> {
    const body = await this.http.json({ endpoint, path, query, rateClass: 'pairs' });
    return this.deliver(endpoint, parsePairsEnvelope(body, this.now()));
  }

  private async listings(endpoint: string, path: string, feed: string): Promise<DiscoveredToken[]> {
    const body = await this.http.json({ endpoint, path, rateClass: 'profiles' });
    return this.deliver(endpoint, parseListings(body, feed, this.now()));
  }

  /** Comma-joined path segment; refuses anything that is not a base58 address (it goes into the path). */
  private list(addresses: string[], endpoint: string): string {
    const bad = addresses.find((a) => !isAddress(a));
    if (bad !== undefined) throw invalidRequestError('dexscreener', endpoint, `not a Solana address: ${JSON.stringify(bad.slice(0, 50))}`);
    if (addresses.length === 0 || addresses.length > DEX_MAX_ADDRESSES) throw invalidRequestError('dexscreener', endpoint, `needs 1..${DEX_MAX_ADDRESSES} addresses, got ${addresses.length}`);
    return addresses.join(',');
  }
}
