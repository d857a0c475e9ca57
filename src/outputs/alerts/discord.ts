import type { LogLine } from '../../domain/signals.js';
import { alertMessage, type AlertMessage } from './message.js';
import { classify, isResponse, jsonOf, postJson, sinkAgent } from './http.js';
import type { AlertSink, SendResult } from './types.js';

/** Discord's limit on a message's `content`, characters. */
export const DISCORD_CONTENT_MAX = 2000;

/**
 * Makes attacker text inert in Discord markdown: every markdown and link character is backslash-escaped
 * (`\*`, `\[`, `\:` also breaks `https://` autolinks and `:emoji:`), and `@` gets a zero-width space so
 * `@everyone` and `<@id>` cannot mention (the payload also sets allowed_mentions to none).
 */
export function escapeDiscord(s: string): string {
  return s.replace(/[\\*_~`|>#\-[\]()<:!.+=]/g, (c) => `\\${c}`).replace(/@/g, '@\u200b');
}

/** The message as Discord markdown, cut to DISCORD_CONTENT_MAX characters. */
export function discordContent(m: AlertMessage): string {
  const head = `**${m.title}** · ${m.symbol ? escapeDiscord(m.symbol) : '(no symbol)'}: ${m.headline}`;
  // Angle brackets keep Discord from unfurling three link previews under every alert.
  const links = m.links.map((l) => `[${l.label}](<${l.url}>)`).join(' · ');
  const parts = [head, `${m.tokenLabel} \`${m.token}\``, ...m.details, links];
  let text = parts.join('\n');
  if (text.length > DISCORD_CONTENT_MAX) {
    // Details go first (the links and the token matter most), then a hard cut.
    text = [head, `${m.tokenLabel} \`${m.token}\``, links].join('\n');
    if (text.length > DISCORD_CONTENT_MAX) text = text.slice(0, DISCORD_CONTENT_MAX - 1) + '…';
  }
  return text;
}

export function discordPayload(line: LogLine): Record<string, unknown> | null {
  const m = alertMessage(line);
  return m ? { content: discordContent(m), allowed_mentions: { parse: [] } } : null;
}

/** `?wait=true`: Discord answers after the message exists (200 with the message), not before. */
function withWait(url: string): string {
  const u = new URL(url);
  u.searchParams.set('wait', 'true');
  return u.toString();
}

/** Discord execute-webhook. A 429's JSON carries `retry_after` in seconds (fractional), preferred to the header. */
export function discordSink(webhookUrl: string, timeoutMs: number): AlertSink {
  const agent = sinkAgent(timeoutMs);
  const url = withWait(webhookUrl);
  return {
    name: 'discord',
    async send(line): Promise<SendResult> {
      const payload = discordPayload(line);
      if (!payload) return { ok: false, retryable: false, status: null, retryAfterMs: null, error: `discord: ${line.type} lines are not alerts` };
      const r = await postJson(agent, url, payload, {}, timeoutMs);
      if (!isResponse(r)) return { ...r, error: `discord: ${r.error}` };
      const json = jsonOf(r.body);
      const retryAfter = typeof json?.retry_after === 'number' && Number.isFinite(json.retry_after) && json.retry_after >= 0 ? Math.ceil(json.retry_after * 1000) : null;
      const message = typeof json?.message === 'string' ? json.message : null;
      return classify('discord', r, retryAfter, message);
    },
    close: () => agent.destroy(),
  };
}
