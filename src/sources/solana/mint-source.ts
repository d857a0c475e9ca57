import { PublicKey, type AccountInfo, type Commitment } from '@solana/web3.js';
import { Subject, concatMap, from, mergeMap, type Observable, EMPTY } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { MintSecurity, TokenInfo } from '../../domain/market.js';
import type { BadData, SourceCounters, SourceStatus } from '../../domain/status.js';
import type { Config } from '../../config/load.js';
import { redact } from '../../config/secrets.js';
import { classifyRpcError } from './errors.js';
import { RpcEndpointPool, type RpcPoolOptions } from './endpoints.js';
import { decodeMintSecurity, needsEpoch } from './mint-decode.js';
import { HolderReader } from './holders-read.js';
import { DEFAULT_POOL_AUTHORITIES, DEFAULT_POOL_PROGRAMS } from './holders-classify.js';
import { metadataAddress, tokenInfoFromAccounts } from './metadata.js';

/** getMultipleAccounts takes at most 100 keys (more is a -32602 error). */
export const MAX_ACCOUNTS_PER_CALL = 100;

export interface SolanaSourceOptions extends RpcPoolOptions {
  /**
   * Fill topHoldersPct and `holders` with getTokenLargestAccounts (one request per mint) and the owners of
   * those accounts (two batched getMultipleAccounts per batch of mints).
   */
  topHolders: boolean;
  /** Largest holders summed (default 10). */
  topHoldersCount: number;
  /** Reuse of a mint's holder read, ms (default 1800000). */
  holdersRefreshMs?: number;
  /** Programs whose accounts own pool vaults (default: DEFAULT_POOL_PROGRAMS). */
  holderPoolPrograms?: readonly string[];
  /** Program-wide vault authorities (default: DEFAULT_POOL_AUTHORITIES). */
  holderPoolAuthorities?: readonly string[];
  /** Reuse of the current epoch, ms (default 60000). */
  epochCacheMs: number;
  /**
   * Read name, symbol and decimals on-chain (Metaplex metadata account, Token-2022 metadata extension) in the same
   * getMultipleAccounts calls as the mints, emitted on tokenInfo$ (50 mints per call then). Off when absent;
   * the config default (sources.solana.metadata) is on.
   */
  metadata?: boolean;
}

/** Builds the options from the config slices this source reads (sources.solana and sources.http). */
export function solanaOptionsFrom(sources: Pick<Config['sources'], 'solana' | 'http'>, clock: Clock): SolanaSourceOptions {
  const { solana, http } = sources;
  return {
    rpcUrls: solana.rpcUrls, requestsPer10s: solana.requestsPer10s, commitment: solana.commitment as Commitment,
    failoverAfterFailures: solana.failoverAfterFailures, topHolders: solana.topHolders,
    topHoldersCount: solana.topHoldersCount, epochCacheMs: solana.epochCacheMs, metadata: solana.metadata,
    holdersRefreshMs: solana.holdersRefreshMs, holderPoolPrograms: solana.holderPoolPrograms, holderPoolAuthorities: solana.holderPoolAuthorities,
    retries: http.retries, retryMinMs: http.retryMinMs, retryMaxMs: http.retryMaxMs,
    blockedMinMs: http.blockedMinMs, blockedMaxMs: http.blockedMaxMs, blockedGrowth: http.blockedGrowth, blockedJitterPct: http.blockedJitterPct,
    connectTimeoutMs: http.connectTimeoutMs, requestTimeoutMs: http.requestTimeoutMs, clock,
  };
}

/**
 * Reads mint accounts on-chain (the authoritative MintSecurity): authorities, supply, decimals, Token-2022
 * traps and the top-holder share. Bad accounts become BadData; RPC trouble is retried, failed over and
 * reported on status$.
 */
export class SolanaMintSource {
  private readonly pool: RpcEndpointPool;
  private readonly badSubject = new Subject<BadData>();
  private readonly tokenSubject = new Subject<TokenInfo>();
  private epochCache: { epoch: bigint; at: number } | null = null;
  private readonly holders: HolderReader;
  private knownPool: (address: string) => boolean = () => false;
  readonly status$: Observable<SourceStatus>;
  readonly badData$: Observable<BadData> = this.badSubject.asObservable();
  /** On-chain name, symbol and decimals of each mint read (with `metadata` on), as the mint batches are read. */
  readonly tokenInfo$: Observable<TokenInfo> = this.tokenSubject.asObservable();

  constructor(private readonly opts: SolanaSourceOptions) {
    this.pool = new RpcEndpointPool(opts);
    this.status$ = this.pool.status$;
    this.holders = new HolderReader(
      { call: (what, fn) => this.pool.call(what, fn), readAccounts: (a) => this.readAccounts(a), bad: (e, f, r) => this.bad(e, f, r) },
      {
        top: opts.topHoldersCount, refreshMs: opts.holdersRefreshMs ?? 1_800_000, clock: opts.clock,
        poolPrograms: opts.holderPoolPrograms ?? Object.values(DEFAULT_POOL_PROGRAMS),
        poolAuthorities: opts.holderPoolAuthorities ?? Object.values(DEFAULT_POOL_AUTHORITIES).map((a) => a.address),
        isKnownPool: (a) => this.knownPool(a),
      },
    );
  }

  /**
   * Mints whose holder concentration was read more than holdersRefreshMs ago, oldest first, at most `limit`:
   * reading their mint security again refreshes it. Empty with topHolders off.
   */
  holdersDue(mints: Iterable<string>, limit: number): string[] {
    return this.opts.topHolders ? this.holders.due(mints, limit) : [];
  }

  /** Whether a stored record's holder read (or its absence) is older than holdersRefreshMs; false with topHolders off. */
  holdersStale(sec: MintSecurity): boolean {
    return this.opts.topHolders && sec.provenance === 'rpc' && this.holders.isStale(sec.holders);
  }

  /** Pools the chain tap has learned: token accounts they own are left out of the holder concentration. */
  knowPools(isKnownPool: (address: string) => boolean): void {
    this.knownPool = isKnownPool;
  }

  /** Counters since the start, as of now. */
  get counters(): SourceCounters {
    return this.pool.currentCounters;
  }

  get activeEndpoint(): string {
    return this.pool.activeEndpoint;
  }

  /** Reads many mints, in calls of at most 100. Rejects only when the RPC itself fails after retries. */
  async readMintSecurity(mints: readonly string[]): Promise<MintSecurity[]> {
    const valid = [...new Set(mints)].filter((m) => this.isAddress(m));
    const out: MintSecurity[] = [];
    // With metadata on, each mint brings its metadata account into the same call: half as many mints fit.
    const perCall = this.opts.metadata ? MAX_ACCOUNTS_PER_CALL / 2 : MAX_ACCOUNTS_PER_CALL;
    for (let i = 0; i < valid.length; i += perCall) {
      out.push(...(await this.readChunk(valid.slice(i, i + perCall))));
    }
    return out;
  }

  /**
   * Each emitted list of mints is read in turn. A list whose read fails is reported on status$ and
   * skipped; only "every URL refused access" ends the stream.
   */
  mintSecurity$(mints$: Observable<readonly string[]>): Observable<MintSecurity> {
    return mints$.pipe(
      concatMap((mints) =>
        from(this.readMintSecurity(mints).catch((err) => {
          const e = classifyRpcError(err);
          if (e.code === 'SOLANA_RPC_FORBIDDEN') throw e;
          return [] as MintSecurity[];
        })),
      ),
      mergeMap((list) => (list.length ? from(list) : EMPTY)),
    );
  }

  /**
   * Raw accounts (any owner) in calls of at most 100, through the same limiter and failover as mint reads:
   * the chain tap reads pool accounts with it. Entries are null for missing accounts.
   */
  async readAccounts(addresses: readonly string[]): Promise<Array<AccountInfo<Buffer> | null>> {
    const out: Array<AccountInfo<Buffer> | null> = [];
    for (let i = 0; i < addresses.length; i += MAX_ACCOUNTS_PER_CALL) {
      const keys = addresses.slice(i, i + MAX_ACCOUNTS_PER_CALL).map((a) => new PublicKey(a));
      out.push(...((await this.pool.call('getMultipleAccounts', (c) => c.getMultipleAccountsInfo(keys))) as Array<AccountInfo<Buffer> | null>));
    }
    return out;
  }

  /** Any other RPC call through the same limiter, retries and failover (`what` names it in errors). */
  call<T>(what: string, fn: (conn: import('@solana/web3.js').Connection) => Promise<T>): Promise<T> {
    return this.pool.call(what, fn);
  }

  async close(): Promise<void> {
    this.badSubject.complete();
    this.tokenSubject.complete();
    await this.pool.close();
  }

  private async readChunk(mints: string[]): Promise<MintSecurity[]> {
    const keys = mints.map((m) => new PublicKey(m));
    const metaKeys = this.opts.metadata ? keys.map(metadataAddress) : [];
    const all = await this.pool.call('getMultipleAccounts', (c) => c.getMultipleAccountsInfo([...keys, ...metaKeys]));
    const infos = all.slice(0, keys.length);
    const knownAt = this.opts.clock.now();
    if (metaKeys.length) this.emitTokenInfo(mints, infos, all.slice(keys.length), knownAt);
    const epoch = mints.some((m, i) => needsEpoch(m, infos[i])) ? await this.currentEpoch() : null;
    const out: MintSecurity[] = [];
    mints.forEach((mint, i) => {
      const r = decodeMintSecurity(mint, (infos[i] ?? null) as AccountInfo<Buffer> | null, epoch, knownAt);
      if (r.ok) out.push(r.security);
      else this.bad('getMultipleAccounts', `accounts[${mint}]`, r.failure.reason);
    });
    if (this.opts.topHolders) {
      const read = await this.holders.read(out.map((sec) => ({ mint: sec.mint!, supply: sec.supply! })));
      for (const sec of out) {
        const r = read.get(sec.mint!);
        sec.topHoldersPct = r?.topHoldersPct ?? null;
        sec.holders = r?.holders ?? null;
      }
    }
    this.pool.countRecords(out.length);
    return out;
  }

  private emitTokenInfo(mints: string[], infos: Array<AccountInfo<Buffer> | null>, metas: Array<AccountInfo<Buffer> | null>, knownAt: number): void {
    mints.forEach((mint, i) => {
      const r = tokenInfoFromAccounts(mint, infos[i] ?? null, metas[i] ?? null, knownAt);
      if (r.problem) this.bad('getMultipleAccounts', `metadata[${mint}]`, r.problem);
      if (r.info) this.tokenSubject.next(r.info);
    });
  }

  private async currentEpoch(): Promise<bigint | null> {
    const now = this.opts.clock.now();
    if (this.epochCache && now - this.epochCache.at < this.opts.epochCacheMs) return this.epochCache.epoch;
    const info = await this.pool.call('getEpochInfo', (c) => c.getEpochInfo());
    this.epochCache = { epoch: BigInt(info.epoch), at: now };
    return this.epochCache.epoch;
  }

  private isAddress(mint: string): boolean {
    try {
      new PublicKey(mint);
      return true;
    } catch {
      this.bad('input', 'mint', `not a base58 public key: ${JSON.stringify(mint.slice(0, 60))}`);
      return false;
    }
  }

  private bad(endpoint: string, field: string, reason: string): void {
    this.pool.countBadPayload();
    this.badSubject.next({ source: 'solana', endpoint, field, reason: redact(reason).slice(0, 240), at: this.opts.clock.now() });
  }
}
