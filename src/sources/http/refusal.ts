/**
 * What a refusal means, read from the answer itself (status, headers, body), before anyone decides
 * whether it is fatal. Pure: the HTTP sources and the Solana RPC pool both use it, and the tests feed it
 * the real recorded bodies (a Cloudflare challenge page, the public RPC's 403, a provider's per-method 403,
 * the public RPC's -32010).
 */
export type Refusal =
  /** The whole endpoint refuses us for a while: back off for minutes, then try again. */
  | { kind: 'blocked'; reason: RefusalReason }
  /** This one method is not offered here (JSON-RPC -32010 / -32601, a per-method 403): switch it off. */
  | { kind: 'method_unavailable'; reason: string };

/** Short reasons shown in the header and in status lines. */
export type RefusalReason = 'Cloudflare challenge' | 'access forbidden' | 'needs a key';

/** JSON-RPC codes meaning "this node does not offer this method" (permanent for the URL). */
const METHOD_UNAVAILABLE_CODES = new Set([-32010, -32601]);
/** Provider messages of a per-method refusal (the URL still serves other methods). */
const METHOD_REFUSAL_TEXT = /require[sd]? a (personal|paid|dedicated)|only available on|not available on|not supported on this|unavailable for key|excluded from account secondary indexes|method not found/i;

type HeaderValue = string | string[] | null | undefined;
const headerText = (v: HeaderValue): string => (Array.isArray(v) ? v.join(',') : (v ?? ''));

/** True for Cloudflare's "Just a moment..." interstitial (a challenge, not a verdict on any key). */
export function isCloudflareChallenge(headers: { get(name: string): HeaderValue }, body: string): boolean {
  if (/challenge/i.test(headerText(headers.get('cf-mitigated')))) return true;
  return /<title>\s*Just a moment\.\.\.\s*<\/title>/i.test(body) || /\/cdn-cgi\/(styles\/)?challenge/i.test(body);
}

/** The JSON-RPC error object of a body (single or first of a batch), when there is one. */
export function jsonRpcError(body: string): { code: number; message: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const one = Array.isArray(parsed) ? parsed[0] : parsed;
  const err = (one as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!err || typeof err.code !== 'number') return null;
  return { code: err.code, message: typeof err.message === 'string' ? err.message : '' };
}

/** A JSON-RPC error that says the method is not offered on this URL; null for any other error. */
export function methodUnavailable(code: number, message: string): string | null {
  // web3.js prefixes the node's message with what it was doing ("failed to get token largest accounts: ").
  if (METHOD_UNAVAILABLE_CODES.has(code) || METHOD_REFUSAL_TEXT.test(message)) return `${code} ${message.replace(/^failed to [^:]*:\s*/, '').slice(0, 160)}`;
  return null;
}

/**
 * Classifies an HTTP 401/403 (or a JSON-RPC error inside a 200). Returns null when the answer is no
 * refusal. Whether a `blocked` answer is fatal is the caller's decision: only when the request carried a
 * credential the user gave.
 */
export function classifyRefusal(status: number, headers: { get(name: string): HeaderValue }, body: string): Refusal | null {
  if ((status === 403 || status === 503) && isCloudflareChallenge(headers, body)) return { kind: 'blocked', reason: 'Cloudflare challenge' };
  const rpc = jsonRpcError(body);
  const perMethod = rpc ? methodUnavailable(rpc.code, rpc.message) : null;
  if (perMethod) return { kind: 'method_unavailable', reason: perMethod };
  if (status === 401 || status === 403) return { kind: 'blocked', reason: 'access forbidden' };
  return null;
}

/** Adapts a plain header record (undici's `res.headers`) to the `get` the classifier reads. */
export function headerGetter(h: Record<string, HeaderValue>): { get(name: string): HeaderValue } {
  return { get: (name) => h[name.toLowerCase()] };
}
