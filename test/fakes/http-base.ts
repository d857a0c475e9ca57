import { listenOnLoopback } from './listen.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { defaultFaults, type FakeServer, type Faults } from './types.js';
import { CLOUDFLARE_CHALLENGE_HEADERS, refusalBody } from './refusal-bodies.js';

/** Fault knobs of the HTTP fakes: the shared ones plus a few the HTTP tests need. */
export interface HttpFaults extends Faults {
  /** Window of `limitPerMinute`, ms (default 60000; tests shrink it to run in seconds). */
  limitWindowMs: number;
  /** Answer the next N requests with 503 (a 5xx burst), then recover. */
  burst5xx: number;
  /** Answer the next `count` requests with `status` (401, 403, 404, ...). */
  forceStatus: { status: number; count: number } | null;
  /** Answer the next N requests with 429 (with Retry-After when `retryAfterShare` draws it). */
  burst429: number;
}

export function defaultHttpFaults(): HttpFaults {
  return { ...defaultFaults(), limitWindowMs: 60_000, burst5xx: 0, forceStatus: null, burst429: 0 };
}

/** One request as the fake saw it. `at` is wall time in ms with sub-ms precision. */
export interface SeenRequest {
  at: number;
  method: string;
  route: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Status the fake answered (0 while silent). */
  status: number;
  /** The answer was the malformed-JSON fault (status 200, a truncated body). */
  malformed?: true;
}

export interface FakeRequest {
  params: string[];
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  dropOptional: boolean;
}

/** A handler returns a JSON-able body (status 200) or an explicit reply. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
export type Handler = (req: FakeRequest) => unknown | Reply;

interface Route {
  method: string;
  pattern: RegExp;
  name: string;
  /** Rate-limit class: the per-window limit is counted per class. */
  limitClass: string;
  handle: Handler;
}

const replies = new WeakSet<object>();
/** An explicit status/body from a handler (a plain return value means 200 with that JSON). */
export const reply = (status: number, body: unknown, headers?: Record<string, string>): Reply => {
  const r = { status, body, headers };
  replies.add(r);
  return r;
};
const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && replies.has(v);

/** Seeded PRNG (mulberry32) so fault sequences repeat exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Base of every HTTP fake: node:http on 127.0.0.1 port 0, a route table, request log, and the fault knobs
 * applied in a fixed order (silence, provider limit, forced status, 429, 5xx, delay, malformed body).
 */
export abstract class HttpFake implements FakeServer<HttpFaults> {
  abstract readonly name: string;
  /** Env var that points the scanner at this fake (`DEXSCREENER_BASE_URL`). */
  protected abstract readonly envName: string;
  /** Path prefix of the real base URL (`/api/v2` for GeckoTerminal). */
  protected readonly prefix: string = '';
  faults: HttpFaults = defaultHttpFaults();
  /**
   * Route name -> a body served verbatim (status 200) instead of the route's own answer, after the fault
   * knobs: replays a recorded upstream response (hostile values from real data) through the real client.
   */
  readonly bodies = new Map<string, unknown>();
  /**
   * Route name -> a refusal served instead of the answer while `count` lasts (Infinity: until removed),
   * ahead of every other knob: a real endpoint refuses before it counts anything.
   */
  readonly refusals = new Map<string, { status: number; body: string; headers: Record<string, string>; count: number }>();
  readonly hits = new Map<string, number>();
  readonly requests: SeenRequest[] = [];
  server?: Server;
  private baseUrl = '';
  private rng = seeded(1);
  private rngSeed = 1;
  private readonly routes: Route[] = [];
  private readonly windows = new Map<string, number[]>();

  /** Body and headers of the provider's own 429. */
  protected abstract tooManyRequests(): Reply;
  /** Body of other errors (5xx, 4xx) in the provider's style. */
  protected abstract errorReply(status: number, message: string): Reply;

  protected route(method: string, pattern: RegExp, name: string, handle: Handler, limitClass = 'default'): void {
    this.routes.push({ method, pattern, name, handle, limitClass });
  }

  /**
   * Serves the recorded Cloudflare challenge (HTTP 403, the "Just a moment..." page, `cf-mitigated:
   * challenge`) on one route, `count` times (default: until `refusals.delete(route)`).
   */
  challenge(route: string, count = Infinity): void {
    this.refusals.set(route, { status: 403, body: refusalBody('cloudflare').text, headers: { ...CLOUDFLARE_CHALLENGE_HEADERS }, count });
  }

  /** Requests seen on one route. */
  seen(route: string): SeenRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    this.baseUrl = await listenOnLoopback(this.server, 30_000, this.prefix);
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const s = this.server;
    this.server = undefined;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  env(): Record<string, string> {
    return { [this.envName]: this.baseUrl };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.startsWith(this.prefix) ? url.pathname.slice(this.prefix.length) : url.pathname;
    let match: RegExpExecArray | null = null;
    const route = this.routes.find((r) => r.method === req.method && (match = r.pattern.exec(path)) !== null);
    const seen: SeenRequest = {
      at: performance.timeOrigin + performance.now(), method: req.method ?? 'GET', route: route?.name ?? 'unknown', path,
      query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: 0,
    };
    this.requests.push(seen);
    this.hits.set(seen.route, (this.hits.get(seen.route) ?? 0) + 1);
    if (this.faults.seed !== this.rngSeed) {
      this.rngSeed = this.faults.seed;
      this.rng = seeded(this.faults.seed);
    }
    const f = this.faults;
    // Silence: accept the request and never answer (the connection is dropped on stop()).
    if (f.silent) return;
    const send = (r: Reply): void => {
      seen.status = r.status;
      const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      const type = typeof r.body === 'string' && !/^[[{]/.test(r.body) ? 'text/html; charset=utf-8' : 'application/json';
      res.writeHead(r.status, { 'content-type': type, ...r.headers });
      res.end(text);
    };
    if (!route) return send(this.errorReply(404, 'Not Found'));
    const refusal = this.refusals.get(route.name);
    if (refusal && refusal.count > 0) {
      refusal.count--;
      return send({ status: refusal.status, body: refusal.body, headers: refusal.headers });
    }
    if (this.overLimit(route.limitClass, seen.at)) return send(this.tooManyRequests());
    if (f.forceStatus && f.forceStatus.count > 0) {
      f.forceStatus.count--;
      return send(this.errorReply(f.forceStatus.status, 'forced'));
    }
    if (f.burst429 > 0 || (f.rate429 > 0 && this.rng() < f.rate429)) {
      if (f.burst429 > 0) f.burst429--;
      const r = this.tooManyRequests();
      const withHeader = f.retryAfterShare > 0 && this.rng() < f.retryAfterShare;
      return send(withHeader ? { ...r, headers: { ...r.headers, 'retry-after': String(f.retryAfterSeconds) } } : r);
    }
    if (f.burst5xx > 0 || (f.rate5xx > 0 && this.rng() < f.rate5xx)) {
      if (f.burst5xx > 0) f.burst5xx--;
      return send(this.errorReply([500, 502, 503][Math.floor(this.rng() * 3)], 'upstream error'));
    }
    if (f.delayMs > 0) await new Promise((r) => setTimeout(r, f.delayMs));
    if (res.destroyed) return;
    if (f.rateMalformed > 0 && this.rng() < f.rateMalformed) {
      seen.malformed = true;
      return send(reply(200, '{"data": [{"truncated": '));
    }
    if (this.bodies.has(route.name)) return send(reply(200, this.bodies.get(route.name)));
    const out = route.handle({ params: (match as RegExpExecArray | null)?.slice(1) ?? [], query: url.searchParams, headers: req.headers, body: seen.body, dropOptional: f.dropOptional });
    send(isReply(out) ? out : reply(200, out));
  }

  /** Sliding-window count per limit class, like the real provider's per-minute limit. */
  private overLimit(cls: string, at: number): boolean {
    const limit = this.faults.limitPerMinute;
    if (limit === null) return false;
    const list = this.windows.get(cls) ?? [];
    while (list.length > 0 && list[0] <= at - this.faults.limitWindowMs) list.shift();
    this.windows.set(cls, list);
    if (list.length >= limit) return true;
    list.push(at);
    return false;
  }
}
