import type { EpochMs } from '../../domain/time.js';

/**
 * A token surfaced by a discovery feed (new listings, trending, boosts, profiles). It names a mint worth
 * tracking; market data for it comes from the regular snapshot calls.
 */
export interface DiscoveredToken {
  kind: 'discovered';
  mint: string;
  pool: string | null;
  source: string;
  /** Which feed: `new_listing`, `trending`, `profile`, `boost_latest`, `boost_top`, `new_pool`, `recent`, ... */
  feed: string;
  /** Position in the feed (0 = first) or the provider's rank. */
  rank: number | null;
  /** Feed-specific weight: boost amount, 24h volume USD, ... */
  score: number | null;
  knownAt: EpochMs;
}
