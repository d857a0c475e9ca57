import { AlertReceiver } from './alert-receiver.js';

/**
 * A generic JSON webhook receiver that does what the README asks of one: it remembers Idempotency-Key
 * values and answers a repeated key 200 without taking the alert again (`taken` holds each key once).
 */
export class WebhookReceiverFake extends AlertReceiver {
  readonly taken = new Map<string, unknown>();
  readonly repeats: string[] = [];

  constructor() {
    super();
    this.wire = {
      handle: ({ method, headers, json }) => {
        if (method !== 'POST') return { status: 405, body: { error: 'method not allowed' } };
        if (!json || typeof json !== 'object') return { status: 400, body: { error: 'body is not JSON' } };
        const key = headers['idempotency-key'];
        if (typeof key !== 'string' || key === '') return { status: 400, body: { error: 'Idempotency-Key missing' } };
        if (this.taken.has(key)) this.repeats.push(key);
        else this.taken.set(key, json);
        return { status: 200, body: { ok: true } };
      },
      rateLimited: (s) => ({ status: 429, body: { error: 'rate limited' }, headers: { 'retry-after': String(s) } }),
      error: (status) => ({ status, body: { error: `HTTP ${status}` } }),
    };
  }

  /** Starts on loopback; the URL to set as ALERT_WEBHOOK_URL (with a path that carries a secret-looking token). */
  async listen(token = 'whk_0123456789abcdefSECRET'): Promise<string> {
    return `${await this.start()}/hooks/${token}`;
  }
}
