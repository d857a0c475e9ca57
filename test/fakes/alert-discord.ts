import { AlertReceiver } from './alert-receiver.js';

/**
 * Discord's execute-webhook endpoint (POST /api/webhooks/<id>/<token>[?wait=true]) as documented: JSON
 * with `content` (at most 2000 characters) and/or `embeds`; a wrong token is 401 `{message, code: 50027}`,
 * a deleted webhook 404 `{message: "Unknown Webhook", code: 10015}`, a bad body 400 `{code: 50035}`; a 429
 * carries `{message, retry_after (seconds, fractional), global}` and the Retry-After header (whole seconds).
 * With wait=true the answer is 200 with the created message, else 204.
 */
export class DiscordWebhookFake extends AlertReceiver {
  readonly id = '1234567890123456789';
  readonly token = 'dIsCoRdWeBhOoKtOkEn_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
  /** Messages created, in order. */
  readonly messages: Array<{ content: string; allowed_mentions: unknown }> = [];
  private nextId = 1n;

  constructor() {
    super();
    this.wire = {
      handle: ({ method, path, json }) => {
        const u = new URL(path, 'http://x');
        const m = /^\/api\/webhooks\/(\d+)\/([^/]+)$/.exec(u.pathname);
        if (method !== 'POST' || !m) return { status: 404, body: { message: '404: Not Found', code: 0 } };
        if (m[1] !== this.id) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
        if (m[2] !== this.token) return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
        const body = json as { content?: unknown; embeds?: unknown; allowed_mentions?: unknown } | null;
        const content = typeof body?.content === 'string' ? body.content : '';
        if (!content && !body?.embeds) return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
        if (content.length > 2000) {
          return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } };
        }
        this.messages.push({ content, allowed_mentions: body?.allowed_mentions });
        const id = String(this.nextId++);
        return u.searchParams.get('wait') === 'true' ? { status: 200, body: { id, type: 0, content, channel_id: '42', webhook_id: this.id } } : { status: 204, body: '' };
      },
      rateLimited: (s) => ({
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: s, global: false },
        headers: { 'retry-after': String(Math.ceil(s)), 'x-ratelimit-scope': 'user', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(s) },
      }),
      error: (status) => ({ status, body: status === 404 ? { message: 'Unknown Webhook', code: 10015 } : { message: `${status}: error`, code: 0 } }),
    };
  }

  /** Starts on loopback; the URL to set as DISCORD_WEBHOOK_URL. */
  async listen(): Promise<string> {
    return `${await this.start()}/api/webhooks/${this.id}/${this.token}`;
  }
}
