import type { FieldSpec, SchemaSlice } from '../spec.js';

/** A string key that is empty (not configured) or matches `re`. */
function matching(re: RegExp, expected: string, invalid: string[]): NonNullable<FieldSpec['check']> {
  return { problem: (v) => (v === '' || re.test(v) ? null : `not ${expected}`), expected, invalid };
}

// Alert sinks are off until a URL or token is set. Webhook URLs carry their credential (Discord puts the
// webhook token in the path), so they are secrets as a whole: masked in --print-config, logs and errors.
export const alertsSlice: SchemaSlice = {
  'alerts.webhookUrl': {
    type: 'string', url: true, optional: true, secret: true, env: 'ALERT_WEBHOOK_URL',
    description: 'Generic JSON webhook: every alert is POSTed here with an Idempotency-Key header = signal id; empty = off',
  },
  'alerts.discordWebhookUrl': {
    type: 'string', url: true, optional: true, secret: true, env: 'DISCORD_WEBHOOK_URL',
    description: 'Discord execute-webhook URL (https://discord.com/api/webhooks/<id>/<token>); empty = off',
  },
  'alerts.telegramBotToken': {
    type: 'string', secret: true, env: 'TELEGRAM_BOT_TOKEN', check: matching(/^\d+:[A-Za-z0-9_-]+$/, 'a bot token (<digits>:<token>)', ['two words', 'no-colon']),
    description: 'Telegram bot token from @BotFather; with telegramChatId turns Telegram alerts on; empty = off',
  },
  'alerts.telegramChatId': {
    type: 'string', env: 'TELEGRAM_CHAT_ID', check: matching(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/, 'a chat id (an integer, or @channelname)', ['12ab', '@x']),
    description: 'Telegram chat to post to: a numeric chat id (groups are negative) or @channelname',
  },
  'alerts.telegramBaseUrl': {
    type: 'string', url: true, env: 'TELEGRAM_API_BASE_URL',
    description: 'Telegram Bot API base URL (default https://api.telegram.org)',
  },
  'alerts.types': {
    type: 'string[]', values: ['ignition', 'confirmation', 'outcome', 'fade', 'rejected'],
    description: 'Line types sent as alerts (default ignition,confirmation: signals that passed their gates)',
  },
  'alerts.minConfidence': {
    type: 'number', min: 0, max: 1,
    description: 'Ignitions and confirmations need a calibrated p at least this; above 0 a signal without p is not sent (default 0)',
  },
  'alerts.cooldownMs': {
    type: 'integer', min: 0,
    description: 'Per token: minimum event time between two ignition/confirmation/rejected alerts, ms (default 0 = off)',
  },
  'alerts.maxAttempts': {
    type: 'integer', min: 1, max: 100,
    description: 'Attempts per alert and sink (5xx, 429, network) before it is marked failed (default 8)',
  },
  'alerts.retryMinMs': { type: 'integer', min: 1, description: 'First retry delay, ms; doubles per attempt with full jitter (default 1000)' },
  'alerts.retryMaxMs': {
    type: 'integer', min: 1,
    description: 'Largest retry delay, ms; also caps a 429 retry_after / Retry-After (default 60000)',
  },
  'alerts.requestTimeoutMs': { type: 'integer', min: 100, description: 'Whole-response timeout of one alert request, ms (default 10000)' },
  'alerts.maxPending': {
    type: 'integer', min: 1, max: 1000000,
    description: 'Undelivered alerts kept per sink; beyond it the oldest are dropped and counted (default 1000)',
  },
  'alerts.failingAfter': {
    type: 'integer', min: 1, max: 100,
    description: 'Consecutive failed attempts after which a sink shows as failed in the header and status lines (default 3)',
  },
};
