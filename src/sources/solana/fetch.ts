import { Agent, fetch as undiciFetch } from 'undici';
import { retryAfterMs } from '../ws/backoff.js';
import { SolanaRpcError } from './errors.js';
import { classifyRefusal } from '../http/refusal.js';

export interface RpcFetchOptions {
  /** TCP/TLS connect timeout, ms (sources.http.connectTimeoutMs). */
  connectTimeoutMs: number;
  /** Whole-request timeout, ms (sources.http.requestTimeoutMs). */
  requestTimeoutMs: number;
  /** Clock time, for turning an HTTP-date Retry-After into a delay. */
  now: () => number;
}

/** What web3.js 1.x calls as its `fetch` (ConnectionConfig.fetch): a WHATWG-style fetch. */
export type Web3Fetch = (input: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) => Promise<Response>;

/**
 * A fetch for web3.js's Connection that goes through undici (keep-alive pool, connect and request
 * timeouts) and turns every non-2xx answer into a SolanaRpcError carrying the status and Retry-After.
 * Throwing here (rather than letting web3.js build `Error("429 ...")`) keeps Retry-After, which web3.js drops.
 */
export function createRpcFetch(opts: RpcFetchOptions): { fetch: Web3Fetch; close: () => Promise<void> } {
  const dispatcher = new Agent({
    connect: { timeout: opts.connectTimeoutMs },
    headersTimeout: opts.requestTimeoutMs,
    bodyTimeout: opts.requestTimeoutMs,
    keepAliveTimeout: 19_000,
  });
  const rpcFetch: Web3Fetch = async (input, init) => {
    let res: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      res = await undiciFetch(input, {
        method: init?.method ?? 'POST',
        body: init?.body as string,
        headers: init?.headers,
        dispatcher,
        signal: AbortSignal.timeout(opts.requestTimeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new SolanaRpcError('SOLANA_RPC_NETWORK', `network error: ${why}`);
    }
    if (res.ok) return res as unknown as Response;
    const full = await res.text().catch(() => '');
    const wait = retryAfterMs(res.headers.get('retry-after'), opts.now());
    // A refusal is read from the whole answer: a Cloudflare page, the public RPC's 403, a per-method 403.
    const refusal = res.status === 401 || res.status === 403 || res.status === 503 ? classifyRefusal(res.status, res.headers, full) : null;
    const body = refusal?.kind === 'blocked' && refusal.reason === 'Cloudflare challenge' ? 'Cloudflare challenge page' : full.slice(0, 200);
    if (refusal?.kind === 'method_unavailable') throw new SolanaRpcError('SOLANA_RPC_METHOD_UNAVAILABLE', `HTTP ${res.status}: ${body}`, res.status, null, refusal.reason);
    const refused = refusal?.kind === 'blocked' || res.status === 401 || res.status === 403;
    const code =
      res.status === 429 ? 'SOLANA_RPC_RATE_LIMITED'
      : refused ? 'SOLANA_RPC_REFUSED'
      : res.status >= 500 || res.status === 408 ? 'SOLANA_RPC_HTTP'
      : 'SOLANA_RPC_ERROR';
    throw new SolanaRpcError(code, `HTTP ${res.status}: ${body}`, res.status, wait, refused ? (refusal?.kind === 'blocked' ? refusal.reason : 'access forbidden') : null);
  };
  return { fetch: rpcFetch, close: () => dispatcher.close() };
}
