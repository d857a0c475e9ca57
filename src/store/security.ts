import type { Database } from 'better-sqlite3';
import type { MintSecurity } from '../domain/index.js';
import { StoreError } from './errors.js';
import type { Store } from './types.js';

type Row = { provenance: string; read_at: number; renounced: number; record: string };

const isRenounced = (s: Pick<MintSecurity, 'mintAuthority' | 'freezeAuthority'>) => s.mintAuthority === null && s.freezeAuthority === null;

/**
 * Whether `next` may replace `stored`. On chain a renounced authority can never come back, so:
 * an on-chain (rpc) read with both authorities renounced is final (only a newer rpc read, as renounced, may
 * replace it: its holder concentration is fresher); a record that claims a renounced
 * authority is back is refused, unless it is an rpc read correcting a fallback (jupiter/birdeye) record;
 * and an older read never replaces a newer one.
 */
export function mayReplaceSecurity(stored: MintSecurity, next: MintSecurity): boolean {
  if (next.knownAt < stored.knownAt) return false;
  // A newer on-chain read of a final record is final too: it may only bring a fresher holder concentration.
  if (isRenounced(stored) && stored.provenance === 'rpc') return next.provenance === 'rpc' && isRenounced(next);
  const revives =
    (stored.mintAuthority === null && next.mintAuthority !== null) ||
    (stored.freezeAuthority === null && next.freezeAuthority !== null);
  return !revives || (next.provenance === 'rpc' && stored.provenance !== 'rpc');
}

type SecurityRepo = Pick<Store, 'putMintSecurity' | 'getMintSecurity' | 'mintSecurityNeedingRefresh'>;

/** Mint and freeze authority (and Token-2022 extensions) per mint, with provenance and read time. */
export function securityRepo(db: Database): SecurityRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM mint_security WHERE mint = ?');
  const put = db.prepare(`
    INSERT INTO mint_security (mint, provenance, read_at, renounced, record) VALUES (@mint, @provenance, @readAt, @renounced, @record)
    ON CONFLICT (mint) DO UPDATE SET
      provenance = excluded.provenance, read_at = excluded.read_at, renounced = excluded.renounced, record = excluded.record`);
  // Known tokens never read come first (oldest discovered first), then stale reads that are not final.
  const needing = db.prepare<[number, number], { mint: string }>(`
    SELECT mint FROM (
      SELECT t.mint AS mint, 0 AS grp, t.first_seen_at AS at FROM tokens t
        WHERE t.evicted = 0 AND NOT EXISTS (SELECT 1 FROM mint_security s WHERE s.mint = t.mint)
      UNION ALL
      SELECT s.mint, 1, s.read_at FROM mint_security s LEFT JOIN tokens t ON t.mint = s.mint
        WHERE coalesce(t.evicted, 0) = 0 AND NOT (s.renounced = 1 AND s.provenance = 'rpc') AND s.read_at <= ?
    ) ORDER BY grp, at, mint LIMIT ?`);

  const read = (mint: string): MintSecurity | null => {
    const row = get.get(mint);
    return row ? (JSON.parse(row.record) as MintSecurity) : null;
  };

  return {
    putMintSecurity: db.transaction((sec: MintSecurity): boolean => {
      if (!sec.mint) throw new StoreError('STORE_BAD_RECORD', `mint security record from ${sec.source} has no mint`);
      const stored = read(sec.mint);
      if (stored && !mayReplaceSecurity(stored, sec)) return false;
      put.run({
        mint: sec.mint, provenance: sec.provenance, readAt: sec.knownAt,
        renounced: isRenounced(sec) ? 1 : 0, record: JSON.stringify(sec),
      });
      return true;
    }),
    getMintSecurity: read,
    mintSecurityNeedingRefresh(now, maxAgeMs, limit = 1000) {
      return needing.all(now - maxAgeMs, limit).map((r) => r.mint);
    },
  };
}
