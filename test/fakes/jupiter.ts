import { HttpFake, reply, type FakeRequest, type Reply } from './http-base.js';
import { Universe, realUniverse, type FakeToken } from './universe.js';

/**
 * Loopback Jupiter `api.jup.ag` (api-contracts.md §4 and §10): Tokens v2 arrays with the `audit` block (isSus
 * only when flagged, topHoldersPercentage 0..100, `*AuthorityDisabled` only when renounced and the live holder
 * top-level), Price v3 map (unpriced mints null or absent), `x-api-key` (with `requiredKey` set, a keyless or
 * wrong-key request gets 401, as api.jup.ag answers when it wants a key), and a quote endpoint whose impact
 * comes from the pool's constant-product reserves.
 */
export class JupiterFake extends HttpFake {
  readonly name = 'jupiter';
  protected readonly envName = 'JUPITER_BASE_URL';
  /** When set, requests without this `x-api-key` get 401. */
  requiredKey: string | null = null;
  /** How unpriced mints appear in Price v3: a null value or no key at all. */
  unpriced: 'null' | 'absent' = 'null';
  /** Serve the legacy `{data: {<mint>: {price: "<string>"}}}` shape from /price/v3. */
  legacyPriceShape = false;
  /** Recorded Tokens v2 objects (verbatim, e.g. recorded-api/jupiter/search.json) served by id before the universe. */
  recordedTokens: Array<Record<string, unknown>> = [];

  constructor(readonly universe: Universe = realUniverse()) {
    super();
    const guard = (fn: (r: FakeRequest) => unknown) => (r: FakeRequest) =>
      this.requiredKey !== null && r.headers['x-api-key'] !== this.requiredKey ? this.errorReply(401, 'Unauthorized') : fn(r);
    this.route('GET', /^\/tokens\/v2\/search$/, 'search', guard((r) => {
      const q = r.query.get('query') ?? '';
      if (q.includes(',')) {
        const ids = q.split(',');
        if (ids.length > 100) return reply(400, { error: 'Too many mints, max 100' });
        return ids.map((m) => this.recordedTokens.find((o) => o.id === m) ?? (universe.get(m) && this.token(universe.get(m)!, r.dropOptional))).filter((t) => !!t);
      }
      const ql = q.toLowerCase();
      return universe.list().filter((t) => t.mint === q || t.symbol.toLowerCase().includes(ql) || t.name.toLowerCase().includes(ql)).slice(0, 20).map((t) => this.token(t, r.dropOptional));
    }));
    this.route('GET', /^\/tokens\/v2\/tag$/, 'tag', guard((r) => universe.list().filter((t) => r.query.get('query') === 'verified' && t.verified).map((t) => this.token(t, r.dropOptional))));
    this.route('GET', /^\/tokens\/v2\/recent$/, 'recent', guard((r) => [...universe.list()].sort((a, b) => b.pairCreatedAtMs - a.pairCreatedAtMs).slice(0, 30).map((t) => this.token(t, r.dropOptional))));
    this.route('GET', /^\/tokens\/v2\/(toptrending|toptraded|toporganicscore)\/(5m|1h|6h|24h)$/, 'top', guard((r) => {
      const limit = Math.min(Number(r.query.get('limit') ?? '50'), 100);
      return [...universe.list()].sort((a, b) => b.volume24hUsd - a.volume24hUsd).slice(0, limit).map((t) => this.token(t, r.dropOptional));
    }));
    this.route('GET', /^\/price\/v3$/, 'price', guard((r) => {
      const ids = (r.query.get('ids') ?? '').split(',').filter(Boolean);
      if (ids.length > 50) return reply(400, { error: 'Too many ids, max 50' });
      const out: Record<string, unknown> = {};
      for (const id of ids) {
        const t = universe.get(id);
        if (!t || t.priceUsd === null) {
          if (this.unpriced === 'null') out[id] = null;
          continue;
        }
        out[id] = this.legacyPriceShape
          ? { id, type: 'derivedPrice', price: String(t.priceUsd) }
          : { usdPrice: t.priceUsd, blockId: 371240001, decimals: t.decimals, ...(r.dropOptional ? {} : { liquidity: t.liquidityUsd, priceChange24h: t.priceChange24hPct, createdAt: new Date(t.pairCreatedAtMs).toISOString(), launchpad: t.launchpad }) };
      }
      return this.legacyPriceShape ? { data: out, timeTaken: 0.003 } : out;
    }));
    this.route('GET', /^\/swap\/v1\/quote$/, 'quote', guard((r) => {
      const t = universe.get(r.query.get('outputMint') ?? '');
      if (!t || !t.priceUsd) return reply(400, { error: 'Could not find any route', errorCode: 'COULD_NOT_FIND_ANY_ROUTE' });
      const usd = Number(r.query.get('amount')) / 1e6;
      // Constant product: paying dq against quote reserve Q moves the execution price by dq / Q.
      const impact = usd / (t.liquidityUsd / 2);
      const out = (usd / t.priceUsd / (1 + impact)) * 10 ** t.decimals;
      return { inputMint: r.query.get('inputMint'), inAmount: r.query.get('amount'), outputMint: t.mint, outAmount: String(Math.floor(out)), otherAmountThreshold: String(Math.floor(out * 0.995)), swapMode: 'ExactIn', slippageBps: 50, priceImpactPct: String(impact), routePlan: [], contextSlot: 371240001, timeTaken: 0.01 };
    }));
  }

  /** The Tokens v2 object of §4.2. */
  token(t: FakeToken, drop: boolean): Record<string, unknown> {
    const half = t.volume24hUsd / 2;
    // As the real API does (recorded USDC object): a renounced authority is `audit.*Disabled: true`; a live one
    // has no audit key at all and its holder in top-level `mintAuthority` / `freezeAuthority`.
    const audit: Record<string, unknown> = { topHoldersPercentage: t.topHoldersPct, devBalancePercentage: 0, devMints: 1 };
    const live: Record<string, unknown> = {};
    if (t.mintAuthority === null) audit.mintAuthorityDisabled = true;
    else live.mintAuthority = t.mintAuthority;
    if (t.freezeAuthority === null) audit.freezeAuthorityDisabled = true;
    else live.freezeAuthority = t.freezeAuthority;
    if (t.isSus) audit.isSus = true;
    const o: Record<string, unknown> = {
      id: t.mint, name: t.name, symbol: t.symbol, icon: null, decimals: t.decimals, tokenProgram: t.tokenProgram,
      createdAt: new Date(t.pairCreatedAtMs - 3_600_000).toISOString(), dev: null, launchpad: t.launchpad, ...live,
      firstPool: { id: t.pool, createdAt: new Date(t.pairCreatedAtMs).toISOString() },
      audit, organicScore: 31.7, organicScoreLabel: 'low', isVerified: t.verified, tags: t.verified ? ['verified'] : [],
      fdv: t.fdvUsd, mcap: t.marketCapUsd, usdPrice: t.priceUsd, priceBlockId: 371240001, liquidity: t.liquidityUsd,
      stats24h: { priceChange: t.priceChange24hPct, buyVolume: half, sellVolume: half, numBuys: t.buys24h, numSells: t.sells24h, numTraders: t.holderCount },
      updatedAt: new Date(t.pairCreatedAtMs + 60_000).toISOString(),
    };
    if (drop) return o;
    return { ...o, holderCount: t.holderCount, stats5m: { priceChange: 0.5, buyVolume: half / 288, sellVolume: half / 288, numBuys: t.buys5m, numSells: t.sells5m } };
  }

  protected tooManyRequests(): Reply {
    return reply(429, { statusCode: 429, error: 'Too Many Requests', message: 'You have exceeded the rate limit of 30 requests per minute.' });
  }

  protected errorReply(status: number, message: string): Reply {
    return reply(status, { error: message });
  }
}
