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

type Row = { pool: string; program: string; base_mint: string; quote_mint: string; learned_from: string; updated_at: number };

/** The chain tap's pool cache: pools are immutable in what they trade, so a row never needs refreshing. */
export function chainPoolRepo(db: Database): Pick<Store, 'putChainPools' | 'loadChainPools'> {
  const put = db.prepare(
    'INSERT OR REPLACE INTO chain_pools (pool, program, base_mint, quote_mint, learned_from, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const all = db.prepare<[], Row>('SELECT pool, program, base_mint, quote_mint, learned_from, updated_at FROM chain_pools');
  const many = db.transaction((pools: readonly ChainPool[]) => {
    for (const p of pools) put.run(p.pool, p.program, p.baseMint, p.quoteMint, p.learnedFrom, p.updatedAt);
  });
  return {
    putChainPools(pools) {
      if (pools.length) many(pools);
    },
    loadChainPools() {
      return all.all().map((r) => ({
        pool: r.pool, program: r.program, baseMint: r.base_mint, quoteMint: r.quote_mint,
        learnedFrom: r.learned_from === 'account' ? 'account' : 'event', updatedAt: r.updated_at,
      }));
    },
  };
}
