import { HttpFake, reply, type Reply } from './http-base.js';
import { Universe, realUniverse, type FakeToken } from './universe.js';

/**
 * Loopback DexScreener (api-contracts.md §3): bare arrays on /tokens/v1 and /token-pairs/v1, `pairs: null`
 * when nothing matches, string prices, pairCreatedAt in ms, two rate-limit classes, and a plain-text 429
 * (the real body is undocumented, so the client must not need JSON).
 */
export class DexScreenerFake extends HttpFake {
  readonly name = 'dexscreener';
  protected readonly envName = 'DEXSCREENER_BASE_URL';
  /** Tokens to list on /token-profiles and /token-boosts (mints; defaults to every token). */
  boosted: string[] | null = null;

  constructor(readonly universe: Universe = realUniverse()) {
    super();
    const pairsOf = (csv: string, by: 'mint' | 'pool'): FakeToken[] =>
      csv.split(',').map((a) => (by === 'mint' ? universe.get(a) : universe.byPool(a))).filter((t): t is FakeToken => !!t);
    const envelope = (tokens: FakeToken[], drop: boolean) => ({ schemaVersion: '1.0.0', pairs: tokens.length ? tokens.map((t) => this.pair(t, drop)) : null });
    this.route('GET', /^\/tokens\/v1\/solana\/([^/]+)$/, 'tokens', (r) => pairsOf(r.params[0], 'mint').map((t) => this.pair(t, r.dropOptional)), 'pairs');
    this.route('GET', /^\/token-pairs\/v1\/solana\/([^/]+)$/, 'token_pairs', (r) => pairsOf(r.params[0], 'mint').slice(0, 1).map((t) => this.pair(t, r.dropOptional)), 'pairs');
    this.route('GET', /^\/latest\/dex\/tokens\/([^/]+)$/, 'latest_tokens', (r) => envelope(pairsOf(r.params[0], 'mint'), r.dropOptional), 'pairs');
    this.route('GET', /^\/latest\/dex\/pairs\/solana\/([^/]+)$/, 'pairs', (r) => envelope(pairsOf(r.params[0], 'pool'), r.dropOptional), 'pairs');
    this.route('GET', /^\/latest\/dex\/search$/, 'search', (r) => {
      const q = (r.query.get('q') ?? '').toLowerCase();
      const hits = universe.list().filter((t) => q !== '' && [t.symbol, t.name, t.mint, t.pool].some((s) => s.toLowerCase().includes(q)));
      return { schemaVersion: '1.0.0', pairs: hits.map((t) => this.pair(t, r.dropOptional)) };
    }, 'pairs');
    this.route('GET', /^\/token-profiles\/latest\/v1$/, 'profiles', () => this.listed().map((t) => ({
      url: `https://dexscreener.com/solana/${t.mint.toLowerCase()}`, chainId: 'solana', tokenAddress: t.mint,
      icon: null, header: null, description: t.name, links: [{ type: 'twitter', url: 'https://x.com/example' }],
    })), 'profiles');
    const boost = (t: FakeToken, i: number) => ({ url: `https://dexscreener.com/solana/${t.mint.toLowerCase()}`, chainId: 'solana', tokenAddress: t.mint, amount: 10, totalAmount: 10 * (i + 1), icon: null, header: null, description: null, links: null });
    this.route('GET', /^\/token-boosts\/latest\/v1$/, 'boosts_latest', () => this.listed().map(boost), 'profiles');
    this.route('GET', /^\/token-boosts\/top\/v1$/, 'boosts_top', () => this.listed().map(boost).reverse(), 'profiles');
  }

  private listed(): FakeToken[] {
    const all = this.universe.list();
    return this.boosted ? all.filter((t) => this.boosted!.includes(t.mint)) : all;
  }

  /** The Pair object of §3.1 built from a universe token. */
  pair(t: FakeToken, dropOptional: boolean): Record<string, unknown> {
    const sol = this.universe.solPriceUsd;
    const price = t.priceUsd;
    const p: Record<string, unknown> = {
      chainId: 'solana', dexId: t.dex, url: `https://dexscreener.com/solana/${t.pool.toLowerCase()}`, pairAddress: t.pool,
      baseToken: { address: t.mint, name: t.name, symbol: t.symbol },
      quoteToken: { address: t.quoteMint, name: 'Wrapped SOL', symbol: 'SOL' },
      priceNative: price === null ? '0' : String(price / sol),
      txns: { m5: { buys: t.buys5m, sells: t.sells5m }, h1: { buys: Math.round(t.buys24h / 12), sells: Math.round(t.sells24h / 12) }, h6: { buys: Math.round(t.buys24h / 3), sells: Math.round(t.sells24h / 3) }, h24: { buys: t.buys24h, sells: t.sells24h } },
      volume: { h24: t.volume24hUsd, h6: t.volume24hUsd / 3, h1: t.volume24hUsd / 12, m5: t.volume24hUsd / 288 },
      priceChange: { m5: 0.5, h1: 2.1, h6: 4.2, h24: t.priceChange24hPct },
    };
    if (dropOptional) return p;
    return {
      ...p,
      priceUsd: price === null ? undefined : String(price),
      liquidity: { usd: t.liquidityUsd, base: price ? t.liquidityUsd / 2 / price : 0, quote: t.liquidityUsd / 2 / sol },
      fdv: Math.round(t.fdvUsd), marketCap: Math.round(t.marketCapUsd), pairCreatedAt: t.pairCreatedAtMs,
      info: { imageUrl: `https://dd.dexscreener.com/ds-data/tokens/solana/${t.mint}.png`, websites: [{ label: 'Website', url: 'https://example.invalid' }], socials: [{ type: 'twitter', url: 'https://x.com/example' }] },
    };
  }

  protected tooManyRequests(): Reply {
    return reply(429, 'Too Many Requests');
  }

  protected errorReply(status: number, message: string): Reply {
    if (status >= 500 || status === 403) return reply(status, `<!DOCTYPE html><html><head><title>${status} | api.dexscreener.com | Cloudflare</title></head><body>${message}</body></html>`);
    return reply(status, { error: message });
  }
}
