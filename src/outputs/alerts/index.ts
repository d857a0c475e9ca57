import { registerSecret } from '../../config/secrets.js';
import { ConfigError } from '../../config/spec.js';
import { AlertDispatcher, type DispatcherOptions } from './dispatcher.js';
import { discordSink } from './discord.js';
import { telegramSink } from './telegram.js';
import { webhookSink } from './webhook.js';
import type { AlertSink, AlertsConfig } from './types.js';

export { AlertDispatcher, type DispatcherOptions } from './dispatcher.js';
export { alertDecision, type AlertSkip } from './filter.js';
export { alertMessage, plainText, type AlertMessage } from './message.js';
export { discordContent, discordPayload, escapeDiscord, DISCORD_CONTENT_MAX } from './discord.js';
export { telegramText, telegramPayload, escapeTelegram, TELEGRAM_TEXT_MAX } from './telegram.js';
export { webhookBody } from './webhook.js';
export { sampleAlertLine } from './sample.js';
export { AlertError, type AlertLedger, type AlertSink, type AlertsConfig, type SendResult } from './types.js';

/**
 * Registers the credential parts of a webhook URL for redaction besides the whole URL: an error or a
 * proxy message may quote only the path (Discord's webhook token is its last segment).
 */
function registerUrlSecrets(url: string): void {
  registerSecret(url);
  try {
    const u = new URL(url);
    registerSecret(u.pathname + u.search);
    for (const seg of u.pathname.split('/')) if (seg.length >= 16) registerSecret(seg);
    for (const v of u.searchParams.values()) if (v.length >= 16) registerSecret(v);
  } catch {
    // The config loader has already refused URLs that do not parse.
  }
}

/** True when at least one sink is configured (no sink is built). */
export function alertSinksConfigured(cfg: AlertsConfig): boolean {
  return Boolean(cfg.webhookUrl || cfg.discordWebhookUrl || cfg.telegramBotToken || cfg.telegramChatId);
}

/**
 * The sinks the config turns on (a URL or token set), in a fixed order: webhook, discord, telegram.
 * Throws ConfigError (exit 2) for a half-configured Telegram sink.
 */
export function sinksFromConfig(cfg: AlertsConfig): AlertSink[] {
  if (cfg.telegramBotToken && !cfg.telegramChatId) throw new ConfigError('alerts.telegramChatId', 'TELEGRAM_BOT_TOKEN is set but TELEGRAM_CHAT_ID (alerts.telegramChatId) is empty');
  if (!cfg.telegramBotToken && cfg.telegramChatId) throw new ConfigError('alerts.telegramBotToken', 'TELEGRAM_CHAT_ID is set but TELEGRAM_BOT_TOKEN (alerts.telegramBotToken) is empty');
  const sinks: AlertSink[] = [];
  if (cfg.webhookUrl) {
    registerUrlSecrets(cfg.webhookUrl);
    sinks.push(webhookSink(cfg.webhookUrl, cfg.requestTimeoutMs));
  }
  if (cfg.discordWebhookUrl) {
    registerUrlSecrets(cfg.discordWebhookUrl);
    sinks.push(discordSink(cfg.discordWebhookUrl, cfg.requestTimeoutMs));
  }
  if (cfg.telegramBotToken && cfg.telegramChatId) {
    registerSecret(cfg.telegramBotToken);
    sinks.push(telegramSink(cfg.telegramBaseUrl, cfg.telegramBotToken, cfg.telegramChatId, cfg.requestTimeoutMs));
  }
  return sinks;
}

/** A started dispatcher over the configured sinks, or null when no sink is configured. */
export function startAlerts(o: Omit<DispatcherOptions, 'sinks'>): AlertDispatcher | null {
  const sinks = sinksFromConfig(o.cfg);
  if (sinks.length === 0) return null;
  const d = new AlertDispatcher({ ...o, sinks });
  d.start();
  return d;
}
