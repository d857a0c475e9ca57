import type { LogLine } from '../../domain/signals.js';
import { alertMessage, plainText } from './message.js';
import { classify, isResponse, postJson, sinkAgent } from './http.js';
import type { AlertSink, SendResult } from './types.js';

/** Version of the generic webhook body. Bump on an incompatible change. */
export const WEBHOOK_BODY_VERSION = 1 as const;

/** The generic webhook body: the message as text and parts, plus the signal's full JSONL line. */
export function webhookBody(line: LogLine): Record<string, unknown> | null {
  const m = alertMessage(line);
  if (!m) return null;
  return {
    v: WEBHOOK_BODY_VERSION, kind: 'pump-scanner.alert', id: line.id, type: line.type, title: m.title, symbol: m.symbol,
    token: m.token, text: plainText(m), links: m.links, signal: line,
  };
}

/**
 * Generic JSON webhook. Each POST carries `Idempotency-Key: <signal id>`, the same on every retry and
 * after a restart, so a receiver that remembers keys sees every alert exactly once.
 */
export function webhookSink(url: string, timeoutMs: number): AlertSink {
  const agent = sinkAgent(timeoutMs);
  return {
    name: 'webhook',
    async send(line): Promise<SendResult> {
      const body = webhookBody(line);
      if (!body) return { ok: false, retryable: false, status: null, retryAfterMs: null, error: `webhook: ${line.type} lines are not alerts` };
      const r = await postJson(agent, url, body, { 'idempotency-key': line.id }, timeoutMs);
      return isResponse(r) ? classify('webhook', r, null, null) : { ...r, error: `webhook: ${r.error}` };
    },
    close: () => agent.destroy(),
  };
}
