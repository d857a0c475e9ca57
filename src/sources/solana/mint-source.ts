import { PublicKey, type AccountInfo, type Commitment } from '@solana/web3.js';
import { Subject, concatMap, from, mergeMap, type Observable, EMPTY } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { MintSecurity } from '../../domain/market.js';
import type { BadData, SourceCounters, SourceStatus } from '../../domain/status.js';
import type { Config } from '../../config/load.js';
import { redact } from '../../config/secrets.js';
import { classifyRpcError } from './errors.js';
import { RpcEndpointPool, type RpcPoolOptions } from './endpoints.js';
import { decodeMintSecurity, needsEpoch } from './mint-decode.js';
import { topHoldersPct } from './holders.js';

/** getMultipleAccounts takes at most 100 keys (more is a -32602 error). */
export const MAX_ACCOUNTS_PER_CALL = 100;

export interface SolanaSourceOptions extends RpcPoolOptions {
  /** Fill topHoldersPct with getTokenLargestAccounts (one request per mint). */
  topHolders: boolean;
  /** Largest accounts summed (default 10). */
  topHoldersCount: number;
  /** Reuse of the current epoch, ms (default 60000). */
  epochCacheMs: number;
}

/** Builds the options from the config slices this source reads (sources.solana and sources.http). */
export function solanaOptionsFrom(sources: Pick<Config['sources'], 'solana' | 'http'>, clock: Clock): SolanaSourceOptions {
  const { solana, http } = sources;
  return {
    rpcUrls: solana.rpcUrls, requestsPer10s: solana.requestsPer10s, commitment: solana.commitment as Commitment,
    failoverAfterFailures: solana.failoverAfterFailures, topHolders: solana.topHolders,
    topHoldersCount: solana.topHoldersCount, epochCacheMs: solana.epochCacheMs,
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
  private epochCache: { epoch: bigint; at: number } | null = null;
  readonly status$: Observable<SourceStatus>;
  readonly badData$: Observable<BadData> = this.badSubject.asObservable();

  constructor(private readonly opts: SolanaSourceOptions) {
    this.pool = new RpcEndpointPool(opts);
    this.status$ = this.pool.status$;
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
    for (let i = 0; i < valid.length; i += MAX_ACCOUNTS_PER_CALL) {
      out.push(...(await this.readChunk(valid.slice(i, i + MAX_ACCOUNTS_PER_CALL))));
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

  async close(): Promise<void> {
    this.badSubject.complete();
    await this.pool.close();
  }

  private async readChunk(mints: string[]): Promise<MintSecurity[]> {
    const keys = mints.map((m) => new PublicKey(m));
    const infos = await this.pool.call('getMultipleAccounts', (c) => c.getMultipleAccountsInfo(keys));
    const knownAt = this.opts.clock.now();
    const epoch = mints.some((m, i) => needsEpoch(m, infos[i])) ? await this.currentEpoch() : null;
    const out: MintSecurity[] = [];
    mints.forEach((mint, i) => {
      const r = decodeMintSecurity(mint, (infos[i] ?? null) as AccountInfo<Buffer> | null, epoch, knownAt);
      if (r.ok) out.push(r.security);
      else this.bad('getMultipleAccounts', `accounts[${mint}]`, r.failure.reason);
    });
    if (this.opts.topHolders) {
      for (const sec of out) sec.topHoldersPct = await this.readTopHolders(sec.mint!, sec.supply!);
    }
    this.pool.countRecords(out.length);
    return out;
  }

  private async readTopHolders(mint: string, supply: string): Promise<number | null> {
    try {
      const res = await this.pool.call('getTokenLargestAccounts', (c) => c.getTokenLargestAccounts(new PublicKey(mint)));
      return topHoldersPct(res.value.map((a) => a.amount), supply, this.opts.topHoldersCount);
    } catch (err) {
      // The mint's security is still worth delivering without the holder share: only a rejected key ends it.
      // A method this RPC does not offer, or a blocked RPC, already shows in the status: no bad-data line.
      const e = classifyRpcError(err);
      if (e.code === 'SOLANA_RPC_FORBIDDEN') throw e;
      const shown = e.retryable || e.code === 'SOLANA_RPC_METHOD_UNAVAILABLE' || e.code === 'SOLANA_RPC_BLOCKED' || e.code === 'SOLANA_RPC_REFUSED';
      if (!shown) this.bad('getTokenLargestAccounts', `largest[${mint}]`, e.message);
      return null;
    }
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
