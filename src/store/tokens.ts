import type { Database } from 'better-sqlite3';
import type { PoolSnapshot, TokenInfo } from '../domain/index.js';
import { StoreError } from './errors.js';
import type { Store, StoredPool, StoredToken } from './types.js';

type TokenRow = {
  mint: string; symbol: string | null; name: string | null; decimals: number | null; token_program: string | null;
  first_seen_at: number; last_seen_at: number; discovered_by: string; evicted: number;
};
type PoolRow = { pool: string; mint: string | null; dex: string | null; lead: number; updated_at: number; snapshot: string };

const toToken = (r: TokenRow): StoredToken => ({
  mint: r.mint,
  symbol: r.symbol,
  name: r.name,
  decimals: r.decimals,
  tokenProgram: r.token_program,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  discoveredBy: JSON.parse(r.discovered_by) as string[],
  evicted: r.evicted === 1,
});

const toPool = (r: PoolRow): StoredPool => ({
  pool: r.pool,
  mint: r.mint,
  dex: r.dex,
  lead: r.lead === 1,
  snapshot: JSON.parse(r.snapshot) as PoolSnapshot,
  updatedAt: r.updated_at,
});

type TokenRepo = Pick<
  Store,
  'upsertToken' | 'markTokenSeen' | 'setTokenEvicted' | 'getToken' | 'listTokens' | 'upsertPool' | 'setLeadPool' | 'getPool' | 'poolsOfMint'
>;

/** Tokens (by mint) and their pools (latest snapshot each). Metadata fills in: a null never erases a known value. */
export function tokenRepo(db: Database): TokenRepo {
  const upsertToken = db.prepare(`
    INSERT INTO tokens (mint, symbol, name, decimals, token_program, first_seen_at, last_seen_at, discovered_by)
    VALUES (@mint, @symbol, @name, @decimals, @tokenProgram, @at, @at, json_array(@source))
    ON CONFLICT (mint) DO UPDATE SET
      symbol = coalesce(excluded.symbol, symbol),
      name = coalesce(excluded.name, name),
      decimals = coalesce(excluded.decimals, decimals),
      token_program = coalesce(excluded.token_program, token_program),
      first_seen_at = min(first_seen_at, excluded.first_seen_at),
      last_seen_at = max(last_seen_at, excluded.last_seen_at),
      discovered_by = CASE WHEN EXISTS (SELECT 1 FROM json_each(tokens.discovered_by) WHERE value = @source)
        THEN discovered_by ELSE json_insert(discovered_by, '$[#]', @source) END`);
  const setEvicted = db.prepare('UPDATE tokens SET evicted = ? WHERE mint = ?');
  const getToken = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE mint = ?');
  const listActive = db.prepare<[], TokenRow>('SELECT * FROM tokens WHERE evicted = 0 ORDER BY first_seen_at, mint');
  const listAll = db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY first_seen_at, mint');
  const upsertPool = db.prepare(`
    INSERT INTO pools (pool, mint, dex, ts, price_usd, liquidity_usd, volume_24h_usd, updated_at, snapshot)
    VALUES (@pool, @mint, @dex, @ts, @priceUsd, @liquidityUsd, @volume24hUsd, @updatedAt, @snapshot)
    ON CONFLICT (pool) DO UPDATE SET
      mint = coalesce(excluded.mint, mint), dex = coalesce(excluded.dex, dex), ts = excluded.ts,
      price_usd = excluded.price_usd, liquidity_usd = excluded.liquidity_usd, volume_24h_usd = excluded.volume_24h_usd,
      updated_at = excluded.updated_at, snapshot = excluded.snapshot
    WHERE excluded.ts >= pools.ts`);
  const clearLead = db.prepare('UPDATE pools SET lead = 0 WHERE mint = ? AND pool <> ?');
  const setLead = db.prepare('UPDATE pools SET lead = 1 WHERE pool = ?');
  const getPool = db.prepare<[string], PoolRow>('SELECT * FROM pools WHERE pool = ?');
  const poolsOfMint = db.prepare<[string], PoolRow>('SELECT * FROM pools WHERE mint = ? ORDER BY lead DESC, liquidity_usd DESC, pool');

  const seen = (p: { mint: string; symbol: string | null; name: string | null; decimals: number | null; tokenProgram: string | null; at: number; source: string }) =>
    upsertToken.run(p);

  return {
    upsertToken(info: TokenInfo) {
      if (!info.mint) throw new StoreError('STORE_BAD_RECORD', `token record from ${info.source} has no mint`);
      seen({ mint: info.mint, symbol: info.symbol, name: info.name, decimals: info.decimals, tokenProgram: info.tokenProgram, at: info.knownAt, source: info.source });
    },
    markTokenSeen(mint, source, at) {
      seen({ mint, symbol: null, name: null, decimals: null, tokenProgram: null, at, source });
    },
    setTokenEvicted(mint, evicted) {
      setEvicted.run(evicted ? 1 : 0, mint);
    },
    getToken(mint) {
      const row = getToken.get(mint);
      return row ? toToken(row) : null;
    },
    listTokens(opts) {
      return (opts?.includeEvicted ? listAll : listActive).all().map(toToken);
    },
    upsertPool(s: PoolSnapshot) {
      if (!s.pool) throw new StoreError('STORE_BAD_RECORD', `pool snapshot from ${s.source} has no pool address`);
      upsertPool.run({
        pool: s.pool, mint: s.mint, dex: s.dex, ts: s.ts, priceUsd: s.priceUsd, liquidityUsd: s.liquidityUsd,
        volume24hUsd: s.volume24hUsd, updatedAt: s.knownAt, snapshot: JSON.stringify(s),
      });
    },
    setLeadPool: db.transaction((mint: string, pool: string) => {
      clearLead.run(mint, pool);
      setLead.run(pool);
    }),
    getPool(pool) {
      const row = getPool.get(pool);
      return row ? toPool(row) : null;
    },
    poolsOfMint(mint) {
      return poolsOfMint.all(mint).map(toPool);
    },
  };
}
