// The reads behind holder concentration, batched: one getTokenLargestAccounts per mint (the RPC has no batch
// form), then one getMultipleAccounts for the token accounts of every mint in the batch (their owners), then
// one for the owners not settled by the fixed rules (their program owner). Owners' programs and each mint's
// result are cached: holders change slowly and the reads cost the shared RPC budget.
import { PublicKey, type AccountInfo, type Connection } from '@solana/web3.js';
import type { Clock } from '../../clock/clock.js';
import type { HolderShare } from '../../domain/market.js';
import { bondingCurveOf } from '../chain/programs/pump/pda.js';
import { classifyRpcError } from './errors.js';
import { PUMP_CURVE_PROGRAM, exclusionOf, tokenAccountOwner, type HolderRules } from './holders-classify.js';
import { holderConcentration, topHoldersPct, type ClassifiedAccount } from './holders.js';

/** The RPC access the reader needs (SolanaMintSource's limiter, retries and failover). */
export interface HolderReadIo {
  call<T>(what: string, fn: (c: Connection) => Promise<T>): Promise<T>;
  readAccounts(addresses: readonly string[]): Promise<Array<AccountInfo<Buffer> | null>>;
  /** A bad payload worth a bad-data line. */
  bad(endpoint: string, field: string, reason: string): void;
}

export interface HolderReadOptions {
  /** Holders summed (sources.solana.topHoldersCount). */
  top: number;
  /** Reuse of a mint's result, ms (sources.solana.holdersRefreshMs). */
  refreshMs: number;
  poolPrograms: readonly string[];
  poolAuthorities: readonly string[];
  clock: Clock;
  /** Pools the chain tap knows (chain_pools); none when absent. */
  isKnownPool?: (address: string) => boolean;
}

/** What one mint's read gives: the raw share (pools counted, as before) and the share without them. */
export interface HolderReadResult {
  topHoldersPct: number | null;
  holders: HolderShare | null;
}

interface Largest { mint: string; supply: string; accounts: Array<{ address: string; amount: string }> }

const MAX_CACHED = 20_000;
const NONE: HolderReadResult = { topHoldersPct: null, holders: null };

export class HolderReader {
  private readonly results = new Map<string, HolderReadResult & { at: number }>();
  /** Owner address -> program owning its account (null: no account). */
  private readonly ownerPrograms = new Map<string, string | null>();
  private readonly rules: Omit<HolderRules, 'bondingCurve'>;

  constructor(private readonly io: HolderReadIo, private readonly opts: HolderReadOptions) {
    this.rules = {
      poolPrograms: new Set(opts.poolPrograms), poolAuthorities: new Set(opts.poolAuthorities),
      isKnownPool: opts.isKnownPool ?? (() => false),
    };
  }

  /**
   * Reads the mints not read within refreshMs. Rejects only when every RPC URL refused our key
   * (SOLANA_RPC_FORBIDDEN); on other failures a mint keeps its previous result (its `readAt` tells its age),
   * or null (unknown) when it has none, until the next read.
   */
  async read(mints: ReadonlyArray<{ mint: string; supply: string }>): Promise<Map<string, HolderReadResult>> {
    const now = this.opts.clock.now();
    const out = new Map<string, HolderReadResult>();
    const largest: Largest[] = [];
    for (const { mint, supply } of mints) {
      const hit = this.results.get(mint);
      if (hit && now - hit.at < this.opts.refreshMs) {
        out.set(mint, { topHoldersPct: hit.topHoldersPct, holders: hit.holders });
        continue;
      }
      const got = await this.readLargest(mint);
      if (got === 'unavailable') this.remember(mint, { topHoldersPct: null, holders: { state: 'unavailable', readAt: now } }, now, out);
      else if (got === null) out.set(mint, this.previous(mint));
      else largest.push({ mint, supply, accounts: got });
    }
    if (largest.length === 0) return out;
    const owners = await this.readOwners(largest);
    const programs = owners ? await this.readOwnerPrograms(largest, owners) : false;
    for (const l of largest) {
      const raw = topHoldersPct(l.accounts.map((a) => a.amount), l.supply, this.opts.top);
      if (!owners || !programs) {
        out.set(l.mint, { topHoldersPct: raw, holders: this.previous(l.mint).holders });
        continue;
      }
      const c = holderConcentration(this.classify(l, owners), l.supply, this.opts.top);
      const holders: HolderShare | null = c && {
        state: 'read', topPct: c.topPct, top: this.opts.top, holders: c.holders, excluded: c.excluded, excludedPct: c.excludedPct, readAt: now,
      };
      this.remember(l.mint, { topHoldersPct: raw, holders }, now, out);
    }
    return out;
  }

  /** Mints among `mints` whose holders were read (state `read`) more than refreshMs ago, oldest first, at most `limit`. */
  due(mints: Iterable<string>, limit: number): string[] {
    if (limit <= 0) return [];
    const now = this.opts.clock.now();
    const stale: Array<[string, number]> = [];
    for (const m of mints) {
      const r = this.results.get(m);
      if (r?.holders?.state === 'read' && now - r.at >= this.opts.refreshMs) stale.push([m, r.at]);
    }
    return stale.sort((a, b) => a[1] - b[1]).slice(0, limit).map(([m]) => m);
  }

  /** Whether a stored read (any state, or none) is older than refreshMs. */
  isStale(holders: HolderShare | null | undefined): boolean {
    return !holders || this.opts.clock.now() - holders.readAt >= this.opts.refreshMs;
  }

  private previous(mint: string): HolderReadResult {
    const r = this.results.get(mint);
    return r ? { topHoldersPct: r.topHoldersPct, holders: r.holders } : NONE;
  }

  private classify(l: Largest, owners: Map<string, string | null>): ClassifiedAccount[] {
    const rules: HolderRules = { ...this.rules, bondingCurve: bondingCurveOf(l.mint, PUMP_CURVE_PROGRAM) };
    return l.accounts.map((a) => {
      const owner = owners.get(a.address) ?? null;
      const exclusion = owner === null ? null : exclusionOf(owner, this.ownerPrograms.get(owner), rules);
      return { ...a, owner, exclusion };
    });
  }

  /** The mint's largest accounts; `unavailable` when the RPC does not offer the method; null on other failures. */
  private async readLargest(mint: string): Promise<Largest['accounts'] | 'unavailable' | null> {
    try {
      const res = await this.io.call('getTokenLargestAccounts', (c) => c.getTokenLargestAccounts(new PublicKey(mint)));
      return res.value.map((a) => ({ address: a.address.toBase58(), amount: a.amount }));
    } catch (err) {
      const e = this.rethrowFatal(err);
      if (e.code === 'SOLANA_RPC_METHOD_UNAVAILABLE') return 'unavailable';
      // A blocked or throttled RPC already shows in the status: no bad-data line for it.
      const shown = e.retryable || e.code === 'SOLANA_RPC_BLOCKED' || e.code === 'SOLANA_RPC_REFUSED';
      if (!shown) this.io.bad('getTokenLargestAccounts', `largest[${mint}]`, e.message);
      return null;
    }
  }

  /** Token account -> owner for every account of every mint, in calls of 100; null when the read failed. */
  private async readOwners(largest: Largest[]): Promise<Map<string, string | null> | null> {
    const mintOf = new Map<string, string>();
    for (const l of largest) for (const a of l.accounts) mintOf.set(a.address, l.mint);
    const addresses = [...mintOf.keys()];
    const infos = await this.tryRead(addresses);
    if (!infos) return null;
    const owners = new Map<string, string | null>();
    addresses.forEach((address, i) => {
      const info = infos[i];
      owners.set(address, info ? tokenAccountOwner(info.data, mintOf.get(address)!) : null);
    });
    return owners;
  }

  /** Reads the program owner of each owner the fixed rules do not settle (cached); false when the read failed. */
  private async readOwnerPrograms(largest: Largest[], owners: Map<string, string | null>): Promise<boolean> {
    const want = new Set<string>();
    for (const l of largest) {
      const curve = bondingCurveOf(l.mint, PUMP_CURVE_PROGRAM);
      for (const a of l.accounts) {
        const o = owners.get(a.address);
        if (!o || this.ownerPrograms.has(o)) continue;
        if (exclusionOf(o, undefined, { ...this.rules, bondingCurve: curve }) === null) want.add(o);
      }
    }
    if (want.size === 0) return true;
    const list = [...want];
    const infos = await this.tryRead(list);
    if (!infos) return false;
    if (this.ownerPrograms.size + list.length > MAX_CACHED) this.ownerPrograms.clear();
    list.forEach((o, i) => this.ownerPrograms.set(o, infos[i]?.owner.toBase58() ?? null));
    return true;
  }

  private async tryRead(addresses: string[]): Promise<Array<AccountInfo<Buffer> | null> | null> {
    try {
      return await this.io.readAccounts(addresses);
    } catch (err) {
      this.rethrowFatal(err);
      return null;
    }
  }

  private rethrowFatal(err: unknown) {
    const e = classifyRpcError(err);
    if (e.code === 'SOLANA_RPC_FORBIDDEN') throw e;
    return e;
  }

  private remember(mint: string, r: HolderReadResult, at: number, out: Map<string, HolderReadResult>): void {
    out.set(mint, r);
    // Oldest first out: Map keeps insertion order.
    this.results.delete(mint);
    if (this.results.size >= MAX_CACHED) this.results.delete(this.results.keys().next().value as string);
    this.results.set(mint, { ...r, at });
  }
}
