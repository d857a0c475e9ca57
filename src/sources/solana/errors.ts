import { redact } from '../../config/secrets.js';
import { methodUnavailable } from '../http/refusal.js';

/**
 * Stable codes of Solana RPC failures. Retryable: RATE_LIMITED, HTTP (5xx), NETWORK. REFUSED: a 401/403
 * (the pool decides: fatal for a keyed URL, BLOCKED for a keyless one). FORBIDDEN: a keyed URL's key was
 * rejected (fatal). BLOCKED: every usable URL is in its refusal wait. METHOD_UNAVAILABLE: the URL does
 * not offer this method (-32010, -32601, a per-method 403); that feature is off there.
 */
export type SolanaRpcErrorCode =
  | 'SOLANA_RPC_RATE_LIMITED'
  | 'SOLANA_RPC_HTTP'
  | 'SOLANA_RPC_NETWORK'
  | 'SOLANA_RPC_REFUSED'
  | 'SOLANA_RPC_FORBIDDEN'
  | 'SOLANA_RPC_BLOCKED'
  | 'SOLANA_RPC_METHOD_UNAVAILABLE'
  | 'SOLANA_RPC_ERROR'
  | 'SOLANA_RPC_UNAVAILABLE';

/**
 * A failed RPC call. The message is redacted at construction, so an RPC URL carrying an API key (in its
 * path or query) never reaches a log through it.
 */
export class SolanaRpcError extends Error {
  override readonly name = 'SolanaRpcError';
  constructor(
    readonly code: SolanaRpcErrorCode,
    message: string,
    /** HTTP status, when the failure was an HTTP response. */
    readonly status: number | null = null,
    /** Delay the server asked for (Retry-After), ms. */
    readonly retryAfterMs: number | null = null,
    /** Short reason of a refusal ("Cloudflare challenge", "access forbidden") or of a method being unavailable. */
    readonly reason: string | null = null,
  ) {
    super(redact(message));
  }

  get retryable(): boolean {
    return this.code === 'SOLANA_RPC_RATE_LIMITED' || this.code === 'SOLANA_RPC_HTTP' || this.code === 'SOLANA_RPC_NETWORK';
  }
}

/** JSON-RPC error codes that mean "the node is busy or behind", worth retrying elsewhere. */
const RETRYABLE_JSONRPC = new Set([429, -32005, -32429, -32603]);

/**
 * Turns anything web3.js or our fetch threw into a SolanaRpcError. Our fetch throws SolanaRpcError for
 * HTTP failures; web3.js throws SolanaJSONRPCError (`code` + message) for JSON-RPC error objects.
 */
export function classifyRpcError(err: unknown): SolanaRpcError {
  if (err instanceof SolanaRpcError) return err;
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (typeof e?.code === 'number') {
    const unavailable = methodUnavailable(e.code, message);
    if (unavailable) return new SolanaRpcError('SOLANA_RPC_METHOD_UNAVAILABLE', message, null, null, unavailable);
    if (RETRYABLE_JSONRPC.has(e.code)) {
      const code = e.code === 429 || e.code === -32429 ? 'SOLANA_RPC_RATE_LIMITED' : 'SOLANA_RPC_HTTP';
      return new SolanaRpcError(code, message);
    }
    return new SolanaRpcError('SOLANA_RPC_ERROR', message);
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || /fetch failed|ECONN|ETIMEDOUT|socket|network/i.test(message)) {
    return new SolanaRpcError('SOLANA_RPC_NETWORK', message);
  }
  return new SolanaRpcError('SOLANA_RPC_ERROR', message);
}
