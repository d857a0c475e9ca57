import { Agent, request } from 'undici';
import { parseRetryAfter } from '../../domain/backoff.js';
import { redact } from '../../config/secrets.js';
import type { SendFailure, SendResult } from './types.js';

// The sinks' one HTTP helper. Alerts are an output, so they do not borrow the sources' clients (rate
// budgets, circuit breakers, status events they would not use); the retry timing is shared via domain/.

/** A response as the sinks classify it: status, headers and at most BODY_LIMIT characters of the body. */
export interface PostResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const BODY_LIMIT = 16_384;

/** A keep-alive connection pool for one sink. */
export function sinkAgent(timeoutMs: number): Agent {
  return new Agent({ connections: 2, connectTimeout: Math.min(timeoutMs, 10_000), headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

/**
 * POSTs `body` as JSON. Transport failures (refused, reset, timeout) come back as a retryable result; the
 * error text names the cause only (undici's messages can carry the URL, which is a secret here).
 */
export async function postJson(agent: Agent, url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<PostResponse | SendFailure> {
  try {
    const res = await request(url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', 'user-agent': 'pump-scanner-alerts', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    let text = '';
    for await (const chunk of res.body) {
      if (text.length < BODY_LIMIT) text += (chunk as Buffer).toString('utf8');
    }
    return { status: res.statusCode, headers: res.headers, body: text.slice(0, BODY_LIMIT) };
  } catch (e) {
    const err = e as { code?: string; name?: string };
    const cause = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no response within ${timeoutMs} ms` : (err.code ?? err.name ?? 'error');
    return { ok: false, retryable: true, status: null, retryAfterMs: null, error: `network error (${redact(String(cause))})` };
  }
}

export const isResponse = (r: PostResponse | SendFailure): r is PostResponse => 'body' in r;

/**
 * The common classification: 2xx sent; 429 retried after the wait the server asked for (`bodyRetryAfterMs`
 * from the sink's JSON, else the Retry-After header); 5xx and 408 retried with backoff; any other status
 * is permanent (a deleted webhook, a bad token, a chat the bot is not in).
 */
export function classify(sink: string, r: PostResponse, bodyRetryAfterMs: number | null, describe: string | null): SendResult {
  if (r.status >= 200 && r.status < 300) return { ok: true, status: r.status };
  const retryAfterMs = bodyRetryAfterMs ?? parseRetryAfter(r.headers['retry-after'], Date.now());
  const what = describe ? `: ${redact(describe).slice(0, 200)}` : '';
  if (r.status === 429) return { ok: false, retryable: true, status: 429, retryAfterMs, error: `${sink}: rate limited (429)${what}` };
  const retryable = r.status >= 500 || r.status === 408;
  return { ok: false, retryable, status: r.status, retryAfterMs: retryable ? retryAfterMs : null, error: `${sink}: HTTP ${r.status}${what}` };
}

/** Parses a JSON body, or null. */
export function jsonOf(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
