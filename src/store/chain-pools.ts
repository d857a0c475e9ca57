import type { Database } from 'better-sqlite3';
import type { Store } from './types.js';

/** A pool of the chain tap and the mints it trades (base = the token, quote = SOL, USDC...). */
export interface ChainPool {
  pool: string;
  program: string;
  baseMint: string;
  quoteMint: string;
  /** `event` (named by a swap or create event) or `account` (read from the pool account). */
  learnedFrom: 'event' | 'account';
  updatedAt: number;
}

/** A stored pool with the last time the tap saw it trade (its learning time until then). */
export interface StoredChainPool extends ChainPool {
  seenAt: number;
}

/** A pool seen trading at `seenAt` (the tap reports each pool at most once a day: see PoolBook.use). */
export interface ChainPoolSeen {
  pool: string;
  seenAt: number;
}

type Row = { pool: string; program: string; base_mint: string; quote_mint: string; learned_from: string; updated_at: number; seen_at: number };

/**
 * The chain tap's pool cache: pools are immutable in what they trade, so a row never needs refreshing; only
 * its `seen_at` moves, so that pools gone quiet can be pruned (the whole market learns tens of thousands a day).
 */
export function chainPoolRepo(db: Database): Pick<Store, 'putChainPools' | 'loadChainPools' | 'touchChainPools' | 'pruneChainPools'> {
  const put = db.prepare(
    'INSERT OR REPLACE INTO chain_pools (pool, program, base_mint, quote_mint, learned_from, updated_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const touch = db.prepare<[number, string, number]>('UPDATE chain_pools SET seen_at = ? WHERE pool = ? AND seen_at < ?');
  const prune = db.prepare<[number]>('DELETE FROM chain_pools WHERE seen_at < ?');
  const all = db.prepare<[], Row>('SELECT pool, program, base_mint, quote_mint, learned_from, updated_at, seen_at FROM chain_pools');
  const many = db.transaction((pools: readonly ChainPool[]) => {
    for (const p of pools) put.run(p.pool, p.program, p.baseMint, p.quoteMint, p.learnedFrom, p.updatedAt, p.updatedAt);
  });
  const touchMany = db.transaction((seen: readonly ChainPoolSeen[]) => {
    for (const s of seen) touch.run(s.seenAt, s.pool, s.seenAt);
  });
  return {
    putChainPools(pools) {
      if (pools.length) many(pools);
    },
    touchChainPools(seen) {
      if (seen.length) touchMany(seen);
    },
    pruneChainPools(seenBefore) {
      return prune.run(seenBefore).changes;
    },
    loadChainPools() {
      return all.all().map((r) => ({
        pool: r.pool, program: r.program, baseMint: r.base_mint, quoteMint: r.quote_mint,
        learnedFrom: r.learned_from === 'account' ? 'account' : 'event', updatedAt: r.updated_at, seenAt: r.seen_at,
      }));
    },
  };
}
