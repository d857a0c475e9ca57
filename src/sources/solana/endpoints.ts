import { Connection, type Commitment } from '@solana/web3.js';
import pRetry, { AbortError } from 'p-retry';
import { Subject, type Observable } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import { maskUrl } from '../../config/secrets.js';
import { fullJitterDelayMs } from '../ws/backoff.js';
import { classifyRpcError, SolanaRpcError } from './errors.js';
import { createRpcFetch, type Web3Fetch } from './fetch.js';
import { SlidingWindowLimiter, windowLimitFor } from './rate-limiter.js';
import { solanaStatus, zeroCounters } from './status.js';

/** What the RPC pool needs: sources.solana.* plus the shared retry and timeout keys of sources.http.*. */
export interface RpcPoolOptions {
  rpcUrls: string[];
  requestsPer10s: number;
  commitment: Commitment;
  failoverAfterFailures: number;
  retries: number;
  retryMinMs: number;
  retryMaxMs: number;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  clock: Clock;
  random?: () => number;
}

interface Endpoint {
  /** Masked URL: safe for status and errors. */
  name: string;
  connection: Connection;
  limiter: SlidingWindowLimiter;
  failures: number;
  /** 401/403 seen: this URL is not used again. */
  disabled: boolean;
}

/**
 * The configured RPC URLs with failover: calls go to the active URL through its rate limiter, retryable
 * failures are retried with full-jitter backoff (Retry-After honoured, bounded by retryMaxMs), and after
 * `failoverAfterFailures` failures in a row, or at once on a 429 or 401/403, the next URL becomes active.
 */
export class RpcEndpointPool {
  private readonly endpoints: Endpoint[];
  private activeIndex = 0;
  private readonly statusSubject = new Subject<SourceStatus>();
  private lastState: SourceState | null = null;
  private readonly counters = zeroCounters();
  private readonly closeFetch: () => Promise<void>;
  readonly status$: Observable<SourceStatus> = this.statusSubject.asObservable();

  /** Counters since the start, as of now. */
  get currentCounters(): SourceCounters {
    return { ...this.counters };
  }

  constructor(private readonly opts: RpcPoolOptions) {
    const { fetch, close } = createRpcFetch({ ...opts, now: () => opts.clock.now() });
    this.closeFetch = close;
    this.endpoints = opts.rpcUrls.map((url) => ({
      name: maskUrl(url),
      connection: newConnection(url, opts.commitment, fetch),
      limiter: new SlidingWindowLimiter(windowLimitFor(opts.requestsPer10s), () => opts.clock.now()),
      failures: 0,
      disabled: false,
    }));
  }

  /** The active URL, masked. */
  get activeEndpoint(): string {
    return this.endpoints[this.activeIndex].name;
  }

  countBadPayload(): void {
    this.counters.badPayloads++;
  }

  /** Counts delivered records and reports the counters (one status per batch, not per record). */
  countRecords(n: number): void {
    this.counters.records += n;
    this.emit(this.lastState ?? 'ok', null, null, true);
  }

  /** Runs `fn` against the active URL with rate limiting, retries and failover. `what` names the call in errors. */
  call<T>(what: string, fn: (conn: Connection) => Promise<T>): Promise<T> {
    let usedIndex = this.activeIndex;
    return pRetry(
      async () => {
        const ep = this.pickEndpoint(what);
        usedIndex = this.activeIndex;
        await ep.limiter.acquire();
        this.counters.requests++;
        try {
          const result = await fn(ep.connection);
          ep.failures = 0;
          this.emit('ok', null);
          return result;
        } catch (raw) {
          const err = classifyRpcError(raw);
          this.counters.errors++;
          this.noteFailure(ep, err);
          if (!err.retryable && err.code !== 'SOLANA_RPC_FORBIDDEN') throw new AbortError(err);
          throw err;
        }
      },
      {
        retries: this.opts.retries,
        minTimeout: 0,
        maxTimeout: 0,
        factor: 1,
        onFailedAttempt: async ({ error, retriesLeft, retriesConsumed }) => {
          const err = error as SolanaRpcError;
          if (retriesLeft <= 0) {
            this.emit('failed', `${what}: ${err.message}`);
            return;
          }
          this.counters.retries++;
          const moved = usedIndex !== this.activeIndex;
          const backoff = fullJitterDelayMs(moved ? 0 : retriesConsumed, this.opts.retryMinMs, this.opts.retryMaxMs, this.opts.random);
          // Retry-After only binds the URL that sent it; after a failover the next URL is tried right away.
          const wait = !moved && err.retryAfterMs != null ? Math.min(err.retryAfterMs, this.opts.retryMaxMs) : backoff;
          const state = err.code === 'SOLANA_RPC_RATE_LIMITED' ? 'rate_limited' : 'retrying';
          this.emit(state, `${what}: ${err.message}`, this.opts.clock.now() + wait, true);
          await new Promise((r) => setTimeout(r, wait));
        },
      },
    );
  }

  async close(): Promise<void> {
    await this.closeFetch();
    this.statusSubject.complete();
  }

  private pickEndpoint(what: string): Endpoint {
    const ep = this.endpoints[this.activeIndex];
    if (!ep.disabled) return ep;
    throw new AbortError(new SolanaRpcError('SOLANA_RPC_FORBIDDEN', `${what}: every RPC URL refused access (401/403)`));
  }

  private noteFailure(ep: Endpoint, err: SolanaRpcError): void {
    if (err.code === 'SOLANA_RPC_RATE_LIMITED') this.counters.rateLimited++;
    if (err.code === 'SOLANA_RPC_FORBIDDEN') ep.disabled = true;
    if (!err.retryable && !ep.disabled) return;
    ep.failures++;
    const immediate = err.code === 'SOLANA_RPC_RATE_LIMITED' || ep.disabled;
    if (immediate || ep.failures >= this.opts.failoverAfterFailures) this.failover();
  }

  /** Moves to the next usable URL, if there is one other than the current. */
  private failover(): void {
    const n = this.endpoints.length;
    for (let step = 1; step < n; step++) {
      const next = (this.activeIndex + step) % n;
      if (!this.endpoints[next].disabled) {
        this.endpoints[this.activeIndex].failures = 0;
        this.activeIndex = next;
        this.emit('retrying', `failover to ${this.endpoints[next].name}`, null, true);
        return;
      }
    }
  }

  private emit(state: SourceState, detail: string | null, nextAttemptAt: number | null = null, force = false): void {
    if (!force && state === this.lastState) return;
    this.lastState = state;
    const ep = this.endpoints[this.activeIndex];
    this.statusSubject.next(
      solanaStatus({
        endpoint: ep.name,
        state,
        at: this.opts.clock.now(),
        detail,
        nextAttemptAt,
        ratePerMin: ep.limiter.ratePerMin(),
        budgetPerMin: ep.limiter.budgetPerMin(),
        counters: this.counters,
      }),
    );
  }
}

function newConnection(url: string, commitment: Commitment, fetch: Web3Fetch): Connection {
  // web3.js's own 429 loop (500 ms .. 4 s, no Retry-After) is switched off: retries live in call().
  return new Connection(url, {
    commitment,
    fetch: fetch as unknown as typeof globalThis.fetch,
    httpAgent: false,
    disableRetryOnRateLimit: true,
  });
}
