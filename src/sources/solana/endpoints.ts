import { Connection, type Commitment } from '@solana/web3.js';
import pRetry, { AbortError } from 'p-retry';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import { maskUrl } from '../../config/secrets.js';
import { Blocks, type BlockedBackoffSettings } from '../http/blocked.js';
import { fullJitterDelayMs } from '../ws/backoff.js';
import { classifyRpcError, SolanaRpcError } from './errors.js';
import { createRpcFetch, type Web3Fetch } from './fetch.js';
import { SlidingWindowLimiter, windowLimitFor } from './rate-limiter.js';
import { solanaStatus, zeroCounters } from './status.js';

/** What the RPC pool needs: sources.solana.* plus the shared retry, timeout and blocked-wait keys of sources.http.*. */
export interface RpcPoolOptions extends BlockedBackoffSettings {
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
  /** Position in sources.solana.rpcUrls, for the fatal line naming a rejected key. */
  index: number;
  /** The URL carries a credential (user info, a key-like parameter or path segment): a 401/403 is about it. */
  keyed: boolean;
  host: string;
  connection: Connection;
  limiter: SlidingWindowLimiter;
  failures: number;
  /** Its key was rejected (401/403 on a keyed URL): this URL is not used again. */
  disabled: boolean;
  /** The line naming the rejected credential (never its value). */
  rejection: string | null;
  /** Methods this URL does not offer (-32010, -32601, a per-method 403): never asked again. */
  methodsOff: Set<string>;
}

/** What a switched-off method costs the user, in words. */
const FEATURE_OF: Record<string, string> = { getTokenLargestAccounts: 'top-holder share' };

/**
 * The configured RPC URLs with failover: calls go to the active URL through its rate limiter, retryable
 * failures are retried with full-jitter backoff (Retry-After honoured, bounded by retryMaxMs), and after
 * `failoverAfterFailures` failures in a row, or at once on a 429 or a refusal, the next URL becomes active.
 * A keyless URL that refuses us (403 "Access forbidden", a Cloudflare challenge) is blocked for minutes
 * and tried again later; a keyed URL whose key is rejected is fatal. A method a URL does not offer is
 * switched off for that URL only, once, with a status line.
 */
export class RpcEndpointPool {
  private readonly endpoints: Endpoint[];
  private activeIndex = 0;
  private readonly statusSubject: BehaviorSubject<SourceStatus>;
  private readonly lastState = new Map<string, SourceState>();
  private readonly counters = zeroCounters();
  private readonly closeFetch: () => Promise<void>;
  private readonly blocks: Blocks;
  readonly status$: Observable<SourceStatus>;

  /** Counters since the start, as of now. */
  get currentCounters(): SourceCounters {
    return { ...this.counters };
  }

  constructor(private readonly opts: RpcPoolOptions) {
    const { fetch, close } = createRpcFetch({ ...opts, now: () => opts.clock.now() });
    this.closeFetch = close;
    this.blocks = new Blocks(opts, () => opts.clock.now(), opts.random);
    this.endpoints = opts.rpcUrls.map((url, index) => ({
      name: maskUrl(url),
      index,
      keyed: maskUrl(url) !== url,
      host: hostOf(url),
      connection: newConnection(url, opts.commitment, fetch),
      limiter: new SlidingWindowLimiter(windowLimitFor(opts.requestsPer10s), () => opts.clock.now()),
      failures: 0,
      disabled: false,
      rejection: null,
      methodsOff: new Set<string>(),
    }));
    // The RPC has its own header cell from the start: connecting until it answers.
    this.statusSubject = new BehaviorSubject(this.status(this.endpoints[0].name, 'connecting', null, null));
    this.status$ = this.statusSubject.asObservable();
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
    const ep = this.endpoints[this.activeIndex];
    this.emit(ep.name, this.lastState.get(ep.name) ?? 'ok', null, null, true);
  }

  /** Runs `fn` against a usable URL with rate limiting, retries and failover. `what` names the RPC method. */
  call<T>(what: string, fn: (conn: Connection) => Promise<T>): Promise<T> {
    let usedIndex = this.activeIndex;
    return pRetry(
      async () => {
        const ep = this.pickEndpoint(what);
        usedIndex = ep.index;
        await ep.limiter.acquire();
        this.counters.requests++;
        try {
          const result = await fn(ep.connection);
          ep.failures = 0;
          const wasBlocked = this.blocks.clear(ep.name);
          this.emit(ep.name, 'ok', null, null, wasBlocked);
          return result;
        } catch (raw) {
          this.blocks.release(ep.name);
          const err = classifyRpcError(raw);
          this.counters.errors++;
          const next = this.noteFailure(ep, err, what);
          if (next === 'abort') throw new AbortError(err);
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
          const ep = this.endpoints[usedIndex];
          if (retriesLeft <= 0) {
            if (err.code === 'SOLANA_RPC_NETWORK') this.emit(ep.name, 'unreachable', `${ep.host} ${err.message.replace(/^network error: /, '')}`);
            else this.emit(ep.name, 'failed', `${what}: ${err.message}`, null, true);
            return;
          }
          this.counters.retries++;
          const moved = usedIndex !== this.activeIndex;
          const backoff = fullJitterDelayMs(moved ? 0 : retriesConsumed, this.opts.retryMinMs, this.opts.retryMaxMs, this.opts.random);
          // Retry-After only binds the URL that sent it; after a failover the next URL is tried right away.
          const wait = !moved && err.retryAfterMs != null ? Math.min(err.retryAfterMs, this.opts.retryMaxMs) : backoff;
          if (err.code !== 'SOLANA_RPC_REFUSED') {
            const state = err.code === 'SOLANA_RPC_RATE_LIMITED' ? 'rate_limited' : 'retrying';
            this.emit(ep.name, state, `${what}: ${err.message}`, this.opts.clock.now() + wait, true);
          }
          await new Promise((r) => setTimeout(r, wait));
        },
      },
    );
  }

  async close(): Promise<void> {
    await this.closeFetch();
    this.statusSubject.complete();
  }

  /**
   * The URL this call goes to: the active one unless its key was rejected, it is in a refusal wait, or it
   * does not offer `what`; then the next that can. A blocked active URL hands over for good (failover).
   */
  private pickEndpoint(what: string): Endpoint {
    const n = this.endpoints.length;
    let blockedUntil: number | null = null;
    let reason = '';
    let offEverywhere = true;
    let activeBlocked = false;
    for (let step = 0; step < n; step++) {
      const ep = this.endpoints[(this.activeIndex + step) % n];
      if (ep.disabled) continue;
      if (ep.methodsOff.has(what)) continue;
      offEverywhere = false;
      const held = this.blocks.holding(ep.name);
      if (held) {
        if (step === 0) activeBlocked = true;
        if (blockedUntil === null || held.until < blockedUntil) [blockedUntil, reason] = [held.until, held.reason];
        continue;
      }
      if (activeBlocked) this.moveTo(ep.index);
      return ep;
    }
    if (this.endpoints.every((e) => e.disabled)) throw new AbortError(new SolanaRpcError('SOLANA_RPC_FORBIDDEN', this.endpoints.map((e) => e.rejection).join('; ')));
    if (offEverywhere) throw new AbortError(new SolanaRpcError('SOLANA_RPC_METHOD_UNAVAILABLE', `${what}: not offered by any configured RPC URL`));
    const until = blockedUntil ?? this.opts.clock.now();
    throw new AbortError(new SolanaRpcError('SOLANA_RPC_BLOCKED', `${what}: RPC blocked (${reason}), next try at ${new Date(until).toISOString()}`, null, null, reason));
  }

  /** Books a failure on its URL; `abort` when retrying cannot help this call. */
  private noteFailure(ep: Endpoint, err: SolanaRpcError, what: string): 'retry' | 'abort' {
    if (err.code === 'SOLANA_RPC_RATE_LIMITED') this.counters.rateLimited++;
    if (err.code === 'SOLANA_RPC_METHOD_UNAVAILABLE') {
      this.switchOff(ep, what, err.reason ?? err.message);
      // Another URL may offer it; when none does, pickEndpoint ends the call.
      return this.endpoints.some((e) => !e.disabled && !e.methodsOff.has(what)) ? 'retry' : 'abort';
    }
    if (err.code === 'SOLANA_RPC_REFUSED') {
      if (ep.keyed) {
        ep.disabled = true;
        ep.rejection = `SOLANA_RPC_URL (sources.solana.rpcUrls[${ep.index}] ${ep.name}) rejected: the key in it was refused (HTTP ${err.status ?? 403})`;
        this.emit(ep.name, 'failed', ep.rejection, null, true);
      } else {
        const b = this.blocks.refuse(ep.name, err.reason ?? 'access forbidden');
        this.emit(ep.name, 'blocked', b.reason, b.until, true);
      }
      this.failover();
      return 'retry';
    }
    if (!err.retryable) return 'abort';
    ep.failures++;
    if (err.code === 'SOLANA_RPC_RATE_LIMITED' || ep.failures >= this.opts.failoverAfterFailures) this.failover();
    return 'retry';
  }

  /** Switches `what` off for this URL, once, with a status line naming the feature it costs. */
  private switchOff(ep: Endpoint, what: string, why: string): void {
    if (ep.methodsOff.has(what)) return;
    ep.methodsOff.add(what);
    const feature = FEATURE_OF[what] ?? what;
    this.emit(what, 'disabled', `${feature} unavailable on this RPC (${ep.name}: ${why})`, null, true);
  }

  /** Moves to the next usable URL, if there is one other than the current. */
  private failover(): void {
    const n = this.endpoints.length;
    for (let step = 1; step < n; step++) {
      const next = (this.activeIndex + step) % n;
      const ep = this.endpoints[next];
      if (!ep.disabled && this.opts.clock.now() >= (this.blocks.peek(ep.name)?.until ?? -Infinity)) {
        this.moveTo(next);
        return;
      }
    }
  }

  private moveTo(index: number): void {
    if (index === this.activeIndex) return;
    this.endpoints[this.activeIndex].failures = 0;
    this.activeIndex = index;
    this.emit(this.endpoints[index].name, 'retrying', `failover to ${this.endpoints[index].name}`, null, true);
  }

  private emit(endpoint: string, state: SourceState, detail: string | null, nextAttemptAt: number | null = null, force = false): void {
    if (!force && state === this.lastState.get(endpoint)) return;
    this.lastState.set(endpoint, state);
    this.statusSubject.next(this.status(endpoint, state, detail, nextAttemptAt));
  }

  private status(endpoint: string, state: SourceState, detail: string | null, nextAttemptAt: number | null): SourceStatus {
    const ep = this.endpoints[this.activeIndex];
    const ratePerMin = ep.limiter.ratePerMin();
    const budgetPerMin = ep.limiter.budgetPerMin();
    return {
      ...solanaStatus({ endpoint, state, at: this.opts.clock.now(), detail, nextAttemptAt, ratePerMin, budgetPerMin, counters: this.counters }),
      rates: [{ name: 'rpc', ratePerMin, budgetPerMin }],
    };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'rpc';
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
