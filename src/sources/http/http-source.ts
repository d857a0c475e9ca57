import { Pool } from 'undici';
import pRetry from 'p-retry';
import type { Clock } from '../../clock/clock.js';
import { CircuitBreaker } from './breaker.js';
import { InFlight } from './dedupe.js';
import { SlidingWindowLimiter, budgetPerMinute, type RateBudget } from './rate-limiter.js';
import { Semaphore } from './semaphore.js';
import { StatusTracker } from './status.js';
import { Blocks } from './blocked.js';
import { classifyRefusal, headerGetter } from './refusal.js';
import { retryDelay, sleep, parseRetryAfter } from './backoff.js';
import type { HttpSettings } from './settings.js';
import type { RateUse } from '../../domain/status.js';
import * as E from './errors.js';

export interface HttpSourceOptions {
  /** Source name used in status, bad data and error codes (`dexscreener`). */
  source: string;
  baseUrl: string;
  http: HttpSettings;
  clock: Clock;
  /** Rate-limit classes of this host; requests name one (the first is the default). */
  rateClasses: Record<string, RateBudget>;
  /** Headers sent with every request (keys included; never logged). */
  headers?: Record<string, string>;
  /**
   * The setting of the credential the user gave and this source sends (`BIRDEYE_API_KEY`), or null when
   * the requests carry none. A 401/403 is fatal only with one, and the fatal line names it (never its value).
   */
  keyEnv?: string | null;
  /** Reason shown when a keyless request is refused (default "access forbidden"; Jupiter: "needs a key"). */
  keylessRefusal?: string;
  /** Shutdown: aborts pending requests, retries and limiter waits. */
  signal?: AbortSignal;
  /** Random source for backoff jitter (tests pass a seeded one). */
  random?: () => number;
}

/** One request, described by what it asks for; `endpoint` is the short name used in status and breakers. */
export interface RequestSpec {
  endpoint: string;
  path: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  method?: 'GET' | 'POST';
  body?: unknown;
  rateClass?: string;
  headers?: Record<string, string>;
}

/** Shared transport of an HTTP source: keep-alive pool, rate limiter, breaker, retries, dedupe, status. */
export class HttpSource {
  readonly tracker: StatusTracker;
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly limiters = new Map<string, SlidingWindowLimiter>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly blocks: Blocks;
  private readonly host: string;
  private readonly inflight = new InFlight<unknown>();
  private readonly slots: Semaphore;
  private readonly defaultClass: string;

  constructor(private readonly o: HttpSourceOptions) {
    const url = new URL(o.baseUrl);
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.host = url.host;
    this.blocks = new Blocks(o.http, () => o.clock.now(), o.random);
    this.pool = new Pool(url.origin, {
      connections: o.http.maxConnections,
      connect: { timeout: o.http.connectTimeoutMs },
      keepAliveTimeout: 10_000,
    });
    this.slots = new Semaphore(o.http.maxConnections);
    for (const [name, budget] of Object.entries(o.rateClasses)) {
      const pad = Math.ceil((budget.windowMs * o.http.ratePadPct) / 100);
      this.limiters.set(name, new SlidingWindowLimiter(budget, pad));
    }
    this.defaultClass = Object.keys(o.rateClasses)[0];
    this.tracker = new StatusTracker(o.source, o.clock, o.http.staleAfterMs, () => this.rate());
  }

  /** GETs (or POSTs) JSON; identical concurrent calls share one request. Resolves with the parsed body. */
  json(spec: RequestSpec): Promise<unknown> {
    const url = this.url(spec);
    const key = `${spec.method ?? 'GET'} ${url} ${spec.body === undefined ? '' : JSON.stringify(spec.body)}`;
    return this.inflight.run(key, async () => {
      const text = await this.withRetries(spec, url);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        this.tracker.badData(spec.endpoint, 'body', `not JSON (${text.slice(0, 40).replace(/\s+/g, ' ')}…)`);
        throw new E.SourceHttpError(`${this.o.source.toUpperCase()}_BAD_PAYLOAD`, `${this.o.source} ${spec.endpoint}: body is not JSON`, 'local', this.o.source, spec.endpoint, 200);
      }
    });
  }

  /** Reports a record-level validation failure (counted, emitted on badData$). */
  bad(endpoint: string, field: string, reason: string): void {
    this.tracker.badData(endpoint, field, reason);
  }

  breakerState(endpoint: string): string {
    return this.breakers.get(endpoint)?.state ?? 'closed';
  }

  async close(): Promise<void> {
    this.tracker.stop();
    await this.pool.destroy();
  }

  /** Spent and allowed requests per minute, per rate class and summed (the header shows each class). */
  private rate(): { ratePerMin: number; budgetPerMin: number; rates: RateUse[] } {
    const rates: RateUse[] = [];
    for (const [name, l] of this.limiters) rates.push({ name, ratePerMin: l.grantedLastMinute(), budgetPerMin: Math.round(budgetPerMinute(l.budget) * 100) / 100 });
    const sum = (k: 'ratePerMin' | 'budgetPerMin') => Math.round(rates.reduce((s, r) => s + r[k], 0) * 100) / 100;
    return { ratePerMin: sum('ratePerMin'), budgetPerMin: sum('budgetPerMin'), rates };
  }

  private url(spec: RequestSpec): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
    const qs = q.toString();
    return `${this.prefix}${spec.path}${qs ? `?${qs}` : ''}`;
  }

  private breaker(endpoint: string): CircuitBreaker {
    let b = this.breakers.get(endpoint);
    if (!b) {
      b = new CircuitBreaker(this.o.http.breakerFailures, this.o.http.breakerCooldownMs, () => this.o.clock.now());
      this.breakers.set(endpoint, b);
    }
    return b;
  }

  private async withRetries(spec: RequestSpec, path: string): Promise<string> {
    const { http } = this.o;
    try {
      return await pRetry(() => this.attempt(spec, path), {
        retries: http.retries,
        minTimeout: 0,
        maxTimeout: 0,
        signal: this.o.signal,
        shouldRetry: ({ error }) => error instanceof E.SourceHttpError && error.retryable && !this.o.signal?.aborted,
        onFailedAttempt: async ({ error, retriesConsumed, retriesLeft }) => {
          if (!(error instanceof E.SourceHttpError) || !error.retryable || retriesLeft === 0) return;
          const wait = retryDelay(retriesConsumed, error.retryAfterMs, http.retryMinMs, http.retryMaxMs, this.o.random);
          this.tracker.retrying(spec.endpoint, error.status === 429, error.message, wait);
          await sleep(wait, this.o.signal);
        },
      });
    } catch (err) {
      // Stopping aborts whatever is pending (a request, a backoff sleep): that is no failure of the source.
      if (this.o.signal?.aborted) throw E.abortedError(this.o.source, spec.endpoint);
      // A call skipped inside a block sent nothing: no error to count, the state already says blocked.
      if (err instanceof E.SourceBlockedError && err.status === null) throw err;
      this.tracker.error();
      const e = err instanceof E.SourceHttpError ? err : E.networkError(this.o.source, spec.endpoint, String(err));
      if (e.code === 'HTTP_NETWORK') this.tracker.unreachable(spec.endpoint, `${this.host} ${e.cause ?? 'network error'}`);
      else if (e.kind === 'fatal' || e.retryable) this.tracker.failed(spec.endpoint, e.retryable ? `gave up after ${http.retries} retries: ${e.message}` : e.message);
      throw e;
    }
  }

  private async attempt(spec: RequestSpec, path: string): Promise<string> {
    const { source } = this.o;
    if (this.o.signal?.aborted) throw E.abortedError(source, spec.endpoint);
    const held = this.blocks.holding(spec.endpoint);
    if (held) throw new E.SourceBlockedError(source, spec.endpoint, held.reason, held.until, null);
    const breaker = this.breaker(spec.endpoint);
    if (!breaker.allow()) {
      // A probe the breaker stopped never went out: the next call may probe instead.
      this.blocks.release(spec.endpoint);
      throw E.circuitOpenError(source, spec.endpoint, breaker.retryAt());
    }
    const release = await this.slots.acquire();
    try {
      const limiter = this.limiters.get(spec.rateClass ?? this.defaultClass) ?? this.limiters.get(this.defaultClass)!;
      const done = await limiter.acquire(this.o.signal);
      this.tracker.request();
      const outcome = await this.send(spec, path).finally(done);
      if (outcome.ok) breaker.success();
      else if (outcome.error.retryable && outcome.error.status !== 429) {
        breaker.failure();
        if (breaker.state === 'open') this.tracker.circuitOpen(spec.endpoint, breaker.retryAt());
      } else if (breaker.state === 'half_open') breaker.success();
      if (!outcome.ok) {
        if (outcome.error instanceof E.SourceBlockedError) this.tracker.blocked(spec.endpoint, outcome.error.reason, outcome.error.until);
        else this.blocks.release(spec.endpoint);
        throw outcome.error;
      }
      this.blocks.clear(spec.endpoint);
      this.tracker.ok(spec.endpoint);
      return outcome.text;
    } finally {
      release();
    }
  }

  /**
   * A refusal: fatal when the request carried the user's key (unless it is a Cloudflare challenge, which
   * judges the client, not the key); otherwise the endpoint is blocked for minutes.
   */
  private refused(endpoint: string, status: number, reason: string): E.SourceHttpError {
    const { source, keyEnv, keylessRefusal } = this.o;
    if (keyEnv && reason !== 'Cloudflare challenge') return E.authRejectedError(source, endpoint, status, keyEnv);
    const shown = reason === 'access forbidden' && keylessRefusal ? keylessRefusal : reason;
    return new E.SourceBlockedError(source, endpoint, shown, this.blocks.refuse(endpoint, shown).until, status);
  }

  private async send(spec: RequestSpec, path: string): Promise<{ ok: true; text: string } | { ok: false; error: E.SourceHttpError }> {
    const { source, http } = this.o;
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, http.requestTimeoutMs);
    const onShutdown = (): void => ctl.abort();
    this.o.signal?.addEventListener('abort', onShutdown, { once: true });
    try {
      const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
      const res = await this.pool.request({
        path,
        method: spec.method ?? 'GET',
        headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...this.o.headers, ...spec.headers },
        body,
        signal: ctl.signal,
        headersTimeout: http.requestTimeoutMs,
        bodyTimeout: http.requestTimeoutMs,
      });
      const text = await res.body.text();
      const status = res.statusCode;
      if (status >= 200 && status < 300) return { ok: true, text };
      const retryAfter = parseRetryAfter(res.headers['retry-after'], Date.now());
      if (status === 429) return { ok: false, error: E.rateLimitedError(source, spec.endpoint, retryAfter) };
      const refusal = status === 401 || status === 403 || status === 503 ? classifyRefusal(status, headerGetter(res.headers), text) : null;
      const reason = refusal?.kind === 'blocked' ? refusal.reason : status === 401 || status === 403 ? 'access forbidden' : null;
      if (reason) return { ok: false, error: this.refused(spec.endpoint, status, reason) };
      if (status >= 500) return { ok: false, error: E.upstreamError(source, spec.endpoint, status, retryAfter) };
      return { ok: false, error: E.clientError(source, spec.endpoint, status, text.slice(0, 120)) };
    } catch (err) {
      if (timedOut) return { ok: false, error: E.timeoutError(source, spec.endpoint, http.requestTimeoutMs) };
      if (this.o.signal?.aborted) return { ok: false, error: E.abortedError(source, spec.endpoint) };
      const code = (err as { code?: string }).code ?? '';
      if (/TIMEOUT/.test(code)) return { ok: false, error: E.timeoutError(source, spec.endpoint, http.connectTimeoutMs) };
      return { ok: false, error: E.networkError(source, spec.endpoint, code || (err as Error).message) };
    } finally {
      clearTimeout(timer);
      this.o.signal?.removeEventListener('abort', onShutdown);
    }
  }
}
