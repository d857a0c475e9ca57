import type { LogLine } from '../../domain/signals.js';
import { alertMessage, type AlertMessage } from './message.js';
import { classify, isResponse, jsonOf, postJson, sinkAgent } from './http.js';
import type { AlertSink, SendResult } from './types.js';

/** Telegram's limit on a message's text, characters. */
export const TELEGRAM_TEXT_MAX = 4096;

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for Telegram's HTML parse mode (the only escapes it needs). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Attacker text in a Telegram message: HTML-escaped, and `@`, `#`, `/` get a word joiner so a symbol
 * cannot become a mention, a hashtag or a clickable bot command.
 */
export function escapeTelegram(s: string): string {
  return escapeHtml(s).replace(/[@#/]/g, (c) => `${c}\u2060`);
}

/** The message in Telegram HTML, cut to TELEGRAM_TEXT_MAX characters. */
export function telegramText(m: AlertMessage): string {
  const head = `<b>${escapeHtml(m.title)}</b> · ${m.symbol ? escapeTelegram(m.symbol) : '(no symbol)'}: ${escapeHtml(m.headline)}`;
  const links = m.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(' · ');
  const token = `${m.tokenLabel} <code>${escapeHtml(m.token)}</code>`;
  const text = [head, token, ...m.details.map(escapeHtml), links].join('\n');
  // Without details the text is a few hundred characters; a cut never splits a tag.
  return text.length <= TELEGRAM_TEXT_MAX ? text : [head, token, links].join('\n');
}

export function telegramPayload(line: LogLine, chatId: string): Record<string, unknown> | null {
  const m = alertMessage(line);
  return m ? { chat_id: chatId, text: telegramText(m), parse_mode: 'HTML', link_preview_options: { is_disabled: true } } : null;
}

/**
 * Telegram Bot API sendMessage. Errors come as `{ok:false, error_code, description, parameters}`; a 429
 * carries `parameters.retry_after` in seconds. A 200 with `ok:false` is treated as permanent.
 */
export function telegramSink(baseUrl: string, botToken: string, chatId: string, timeoutMs: number): AlertSink {
  const agent = sinkAgent(timeoutMs);
  const url = `${baseUrl.replace(/\/+$/, '')}/bot${botToken}/sendMessage`;
  return {
    name: 'telegram',
    async send(line): Promise<SendResult> {
      const payload = telegramPayload(line, chatId);
      if (!payload) return { ok: false, retryable: false, status: null, retryAfterMs: null, error: `telegram: ${line.type} lines are not alerts` };
      const r = await postJson(agent, url, payload, {}, timeoutMs);
      if (!isResponse(r)) return { ...r, error: `telegram: ${r.error}` };
      const json = jsonOf(r.body);
      const params = json?.parameters as { retry_after?: unknown } | undefined;
      const retryAfter = typeof params?.retry_after === 'number' && Number.isFinite(params.retry_after) && params.retry_after >= 0 ? params.retry_after * 1000 : null;
      const description = typeof json?.description === 'string' ? json.description : null;
      const result = classify('telegram', r, retryAfter, description);
      if (result.ok && json?.ok !== true) return { ok: false, retryable: false, status: r.status, retryAfterMs: null, error: `telegram: ok:false${description ? `: ${description.slice(0, 200)}` : ''}` };
      return result;
    },
    close: () => agent.destroy(),
  };
}
