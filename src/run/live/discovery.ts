import type { Input, PoolSnapshot, TokenInfo } from '../../domain/market.js';
import type { DiscoveredToken } from '../../sources/http/discovery.js';
import type { LiveSources } from './sources.js';

type Found = DiscoveredToken | PoolSnapshot | TokenInfo;

/** Every discovery list the configured sources offer, each labelled by its feed. */
function lists(s: LiveSources): Array<[string, () => Promise<Found[]>]> {
  const out: Array<[string, () => Promise<Found[]>]> = [];
  if (s.dex) {
    const dex = s.dex;
    out.push(['dexscreener:profiles', () => dex.profiles()], ['dexscreener:boosts_latest', () => dex.boostsLatest()], ['dexscreener:boosts_top', () => dex.boostsTop()]);
  }
  if (s.gecko) {
    const g = s.gecko;
    out.push(['geckoterminal:new_pools', () => g.newPools()], ['geckoterminal:trending_pools', () => g.trendingPools()]);
  }
  if (s.jup) {
    const j = s.jup;
    out.push(['jupiter:recent', () => j.recent()], ['jupiter:toptrending', () => j.top('toptrending', '1h')]);
  }
  if (s.birdeye) {
    const b = s.birdeye;
    out.push(['birdeye:new_listing', () => b.newListings()], ['birdeye:trending', () => b.trending()]);
  }
  return out;
}

export interface DiscoveryRound {
  /** Mints in the order the feeds offered them (interleaved across feeds), each with its first feed. */
  mints: Array<{ mint: string; feed: string }>;
  /** Market records that came with the lists (pool snapshots, token metadata). */
  records: Array<PoolSnapshot | TokenInfo>;
  failures: Array<{ feed: string; error: unknown }>;
  /** Quote-asset mints the lists offered and discovery skipped (a pool list's SOL/USDC, USDT/USDC ...). */
  quoteAssets: string[];
}

/**
 * Polls every discovery list once. A failing feed is reported, the others still count. Mints are
 * interleaved across feeds so that one long list cannot crowd out the others. Quote assets (`quoteMints`) are
 * never candidates: their entries (and the records that came with them) are skipped and counted; a pool whose
 * base is a quote asset offers its quote token instead when that one is not a quote asset too.
 */
export async function discoverOnce(s: LiveSources, quoteMints: readonly string[] = []): Promise<DiscoveryRound> {
  const quote = new Set(quoteMints);
  const skipped = new Set<string>();
  const feeds = lists(s);
  const results = await Promise.allSettled(feeds.map(([, f]) => f()));
  const perFeed: Array<Array<{ mint: string; feed: string }>> = [];
  const records: Array<PoolSnapshot | TokenInfo> = [];
  const failures: DiscoveryRound['failures'] = [];
  results.forEach((r, i) => {
    const feed = feeds[i][0];
    if (r.status === 'rejected') return failures.push({ feed, error: r.reason });
    const mints: Array<{ mint: string; feed: string }> = [];
    for (const x of r.value) {
      if (x.mint && quote.has(x.mint)) {
        skipped.add(x.mint);
        // A pool listed base-first as SOL / MEME still names a candidate: its quote side.
        if (x.kind === 'pool' && x.quoteMint && !quote.has(x.quoteMint)) mints.push({ mint: x.quoteMint, feed });
        continue;
      }
      if (x.mint) mints.push({ mint: x.mint, feed });
      if (x.kind === 'pool' || x.kind === 'token') records.push(x);
    }
    perFeed.push(mints);
  });
  const seen = new Set<string>();
  const mints: DiscoveryRound['mints'] = [];
  for (let i = 0; perFeed.some((l) => i < l.length); i++) {
    for (const l of perFeed) {
      const m = l[i];
      if (m && !seen.has(m.mint)) {
        seen.add(m.mint);
        mints.push(m);
      }
    }
  }
  return { mints, records, failures, quoteAssets: [...skipped] };
}

export type { Input };
