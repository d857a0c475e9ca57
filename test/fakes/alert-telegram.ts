import { AlertReceiver } from './alert-receiver.js';

const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji']);

/**
 * Parses Telegram's HTML parse mode the way the Bot API does: only its tags, properly nested; every `<`,
 * `>` and `&` outside a tag must be an entity. Returns the visible text, or the API's error description.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const m = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(html.slice(i));
      if (!m || !ALLOWED_TAGS.has(m[2])) return { error: `Bad Request: can't parse entities: Unsupported start tag at byte offset ${i}` };
      if (m[1]) {
        if (stack.pop() !== m[2]) return { error: `Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}` };
      } else stack.push(m[2]);
      i += m[0].length;
    } else if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i));
      if (!m) return { error: `Bad Request: can't parse entities: Character entity expected at byte offset ${i}` };
      text += { lt: '<', gt: '>', amp: '&', quot: '"' }[m[1]] ?? '?';
      i += m[0].length;
    } else if (c === '>') {
      return { error: `Bad Request: can't parse entities: Unexpected end tag at byte offset ${i}` };
    } else {
      text += c;
      i += 1;
    }
  }
  if (stack.length) return { error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack.pop()}"` };
  return { text };
}

/**
 * The Telegram Bot API's sendMessage (POST /bot<token>/sendMessage) in its real envelope: `{ok:true,
 * result}` or `{ok:false, error_code, description[, parameters: {retry_after}]}`. Checks the token, the
 * chat, the 4096-character limit and, with parse_mode HTML, the markup.
 */
export class TelegramBotFake extends AlertReceiver {
  readonly botToken = '7712345678:AAHfakeTelegramBotToken_0123456789abcdef';
  readonly chatId = '-1001234567890';
  /** Messages posted: the visible text after parsing, and the raw text sent. */
  readonly messages: Array<{ text: string; raw: string; parseMode: string | null }> = [];

  constructor() {
    super();
    const fail = (code: number, description: string, parameters?: unknown) => ({ status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } });
    this.wire = {
      handle: ({ method, path, json }) => {
        const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(path, 'http://x').pathname);
        if (!m) return fail(404, 'Not Found');
        if (m[1] !== this.botToken) return fail(401, 'Unauthorized');
        if (method !== 'POST' || m[2] !== 'sendMessage') return fail(404, 'Not Found');
        const b = json as { chat_id?: unknown; text?: unknown; parse_mode?: unknown } | null;
        if (String(b?.chat_id ?? '') !== this.chatId) return fail(400, 'Bad Request: chat not found');
        if (typeof b?.text !== 'string' || b.text.trim() === '') return fail(400, 'Bad Request: message text is empty');
        const parseMode = typeof b.parse_mode === 'string' ? b.parse_mode : null;
        const parsed = parseMode === 'HTML' ? parseTelegramHtml(b.text) : { text: b.text };
        if ('error' in parsed) return fail(400, parsed.error);
        if (parsed.text.length > 4096) return fail(400, 'Bad Request: message is too long');
        this.messages.push({ text: parsed.text, raw: b.text, parseMode });
        return { status: 200, body: { ok: true, result: { message_id: this.messages.length, chat: { id: Number(this.chatId), type: 'supergroup' }, date: Math.floor(Date.now() / 1000), text: parsed.text } } };
      },
      rateLimited: (s) => fail(429, `Too Many Requests: retry after ${s}`, { retry_after: s }),
      error: (status) => fail(status, status === 401 ? 'Unauthorized' : status >= 500 ? 'Internal Server Error' : 'Bad Request'),
    };
  }

  /** Starts on loopback; the base URL to set as TELEGRAM_API_BASE_URL. */
  async listen(): Promise<string> {
    return this.start();
  }

  env(base: string): Record<string, string> {
    return { TELEGRAM_API_BASE_URL: base, TELEGRAM_BOT_TOKEN: this.botToken, TELEGRAM_CHAT_ID: this.chatId };
  }
}
