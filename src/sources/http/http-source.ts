import { Pool } from 'undici';
import pRetry from 'p-retry';
import type { Clock } from '../../clock/clock.js';
import { CircuitBreaker } from './breaker.js';
import { InFlight } from './dedupe.js';
import { SlidingWindowLimiter, budgetPerMinute, type RateBudget } from './rate-limiter.js';
import { Semaphore } from './semaphore.js';
import { StatusTracker } from './status.js';
import { retryDelay, sleep, parseRetryAfter } from './backoff.js';
import type { HttpSettings } from './settings.js';
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
  /** Env var named in the fatal message when the provider rejects our key (`BIRDEYE_API_KEY`). */
  keyEnv?: string | null;
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
  private readonly inflight = new InFlight<unknown>();
  private readonly slots: Semaphore;
  private readonly defaultClass: string;

  constructor(private readonly o: HttpSourceOptions) {
    const url = new URL(o.baseUrl);
    this.prefix = url.pathname.replace(/\/+$/, '');
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

  private rate(): { ratePerMin: number; budgetPerMin: number } {
    let rate = 0;
    let budget = 0;
    for (const l of this.limiters.values()) {
      rate += l.grantedLastMinute();
      budget += budgetPerMinute(l.budget);
    }
    return { ratePerMin: rate, budgetPerMin: Math.round(budget * 100) / 100 };
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
      this.tracker.error();
      const e = err instanceof E.SourceHttpError ? err : E.networkError(this.o.source, spec.endpoint, String(err));
      if (e.kind === 'fatal' || e.retryable) this.tracker.failed(spec.endpoint, e.retryable ? `gave up after ${http.retries} retries: ${e.message}` : e.message);
      throw e;
    }
  }

  private async attempt(spec: RequestSpec, path: string): Promise<string> {
    const { source } = this.o;
    if (this.o.signal?.aborted) throw E.abortedError(source, spec.endpoint);
    const breaker = this.breaker(spec.endpoint);
    if (!breaker.allow()) throw E.circuitOpenError(source, spec.endpoint, breaker.retryAt());
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
      if (!outcome.ok) throw outcome.error;
      this.tracker.ok(spec.endpoint);
      return outcome.text;
    } finally {
      release();
    }
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
      if (status >= 500) return { ok: false, error: E.upstreamError(source, spec.endpoint, status, retryAfter) };
      if (status === 401 || status === 403) return { ok: false, error: E.authRejectedError(source, spec.endpoint, status, this.o.keyEnv ?? null) };
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
