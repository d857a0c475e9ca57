import type { ChainProgram, TxLogs } from './types.js';

/** Program ids the tap subscribes to, by the short name used in logs, records and config. */
export const TAP_PROGRAMS: Readonly<Record<ChainProgram, string>> = {
  pump: '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P',
  pump_amm: 'pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA',
  raydium_cpmm: 'CPMMoo8L3F4NbTegBCKVNunggL7H1ZpdTHKxQB5qKP1C',
  raydium_clmm: 'CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK',
};

export const isTapProgram = (name: string): name is ChainProgram => Object.prototype.hasOwnProperty.call(TAP_PROGRAMS, name);

/** What one WebSocket frame of the RPC's pubsub says. */
export type PubsubFrame =
  | { type: 'notification'; subscription: number; tx: TxLogs }
  /** Answer to a request of ours (`logsSubscribe` gives the subscription id, `logsUnsubscribe` true). */
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number | null; code: number | null; message: string }
  | { type: 'bad'; field: string; reason: string };

/** The `logsSubscribe` request for one program (`mentions` takes exactly one address). */
export function logsSubscribeRequest(id: number, programId: string, commitment: string): object {
  return { jsonrpc: '2.0', id, method: 'logsSubscribe', params: [{ mentions: [programId] }, { commitment }] };
}

export function logsUnsubscribeRequest(id: number, subscription: number): object {
  return { jsonrpc: '2.0', id, method: 'logsUnsubscribe', params: [subscription] };
}

/**
 * Parses one frame. A `logsNotification` becomes the transaction's logs (`params.result.value` =
 * {signature, err, logs}, slot from `params.result.context`); anything malformed is `bad` with the field.
 */
export function parsePubsubFrame(text: string): PubsubFrame {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { type: 'bad', field: 'body', reason: 'not JSON' };
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return { type: 'bad', field: 'body', reason: 'not a JSON object' };
  if (m.method === 'logsNotification') return notification(m.params);
  if (typeof m.method === 'string') return { type: 'bad', field: 'method', reason: `unexpected method ${m.method.slice(0, 40)}` };
  const id = typeof m.id === 'number' ? m.id : null;
  if (m.error && typeof m.error === 'object') {
    const e = m.error as { code?: unknown; message?: unknown };
    return { type: 'error', id, code: typeof e.code === 'number' ? e.code : null, message: String(e.message ?? 'error').slice(0, 200) };
  }
  if (id !== null && 'result' in m) return { type: 'result', id, result: m.result };
  return { type: 'bad', field: 'body', reason: 'neither a notification nor an answer' };
}

function notification(params: unknown): PubsubFrame {
  const p = params as { subscription?: unknown; result?: { context?: { slot?: unknown }; value?: Record<string, unknown> } } | null;
  if (!p || typeof p !== 'object') return { type: 'bad', field: 'params', reason: 'missing' };
  if (typeof p.subscription !== 'number') return { type: 'bad', field: 'params.subscription', reason: 'not a number' };
  const slot = p.result?.context?.slot;
  const v = p.result?.value;
  if (typeof slot !== 'number' || !Number.isSafeInteger(slot)) return { type: 'bad', field: 'params.result.context.slot', reason: 'not an integer' };
  if (!v || typeof v !== 'object') return { type: 'bad', field: 'params.result.value', reason: 'missing' };
  if (typeof v.signature !== 'string' || v.signature.length < 32 || v.signature.length > 100) return { type: 'bad', field: 'params.result.value.signature', reason: 'not a signature' };
  if (!Array.isArray(v.logs) || !v.logs.every((l) => typeof l === 'string')) return { type: 'bad', field: 'params.result.value.logs', reason: 'not a list of strings' };
  return { type: 'notification', subscription: p.subscription, tx: { signature: v.signature, slot, err: v.err ?? null, logs: v.logs as string[], blockTimeMs: null } };
}

/** Wraps a transaction's logs into a `logsNotification` frame, as the RPC sends it (tests, fakes, recordings). */
export function logsNotificationFrame(subscription: number, tx: Pick<TxLogs, 'signature' | 'slot' | 'err' | 'logs'>): string {
  return JSON.stringify({
    jsonrpc: '2.0', method: 'logsNotification',
    params: { result: { context: { slot: tx.slot }, value: { signature: tx.signature, err: tx.err ?? null, logs: tx.logs } }, subscription },
  });
}
