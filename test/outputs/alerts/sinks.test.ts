import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discordSink } from '../../../src/outputs/alerts/discord.js';
import { telegramSink } from '../../../src/outputs/alerts/telegram.js';
import { webhookSink } from '../../../src/outputs/alerts/webhook.js';
import type { AlertSink, SendResult } from '../../../src/outputs/alerts/index.js';
import { WebhookReceiverFake } from '../../fakes/alert-webhook.js';
import { DiscordWebhookFake } from '../../fakes/alert-discord.js';
import { TelegramBotFake } from '../../fakes/alert-telegram.js';
import { noAlertFaults } from '../../fakes/alert-receiver.js';
import { ignition } from './helpers.js';

const fail = (r: SendResult) => {
  assert.equal(r.ok, false, 'expected a failure');
  return r as Extract<SendResult, { ok: false }>;
};

describe('alert sinks against loopback fakes of their receivers', () => {
  const hook = new WebhookReceiverFake();
  const discord = new DiscordWebhookFake();
  const telegram = new TelegramBotFake();
  let sinks: { webhook: AlertSink; discord: AlertSink; telegram: AlertSink; discordUrl: string; tgBase: string };
  before(async () => {
    const [w, d, t] = await Promise.all([hook.listen(), discord.listen(), telegram.listen()]);
    sinks = { webhook: webhookSink(w, 300), discord: discordSink(d, 300), telegram: telegramSink(t, telegram.botToken, telegram.chatId, 300), discordUrl: d, tgBase: t };
  });
  after(async () => {
    await Promise.all([sinks.webhook.close(), sinks.discord.close(), sinks.telegram.close()]);
    await Promise.all([hook.stop(), discord.stop(), telegram.stop()]);
  });
  const reset = () => [hook, discord, telegram].forEach((f) => (f.faults = noAlertFaults()));

  it('delivers to each receiver in its format: webhook with Idempotency-Key, Discord with wait=true, Telegram sendMessage', async () => {
    reset();
    for (const name of ['webhook', 'discord', 'telegram'] as const) assert.deepEqual(await sinks[name].send(ignition({ id: 'sig-1' })), { ok: true, status: 200 }, name);
    assert.equal(hook.received.at(-1)!.headers['idempotency-key'], 'sig-1');
    assert.ok(hook.taken.has('sig-1'));
    assert.match(discord.received.at(-1)!.path, /[?&]wait=true/);
    assert.ok(discord.messages.at(-1)!.content.includes('IGNITION'));
    assert.ok(telegram.messages.at(-1)!.text.includes('IGNITION'));
  });

  it('reads the wait of a 429 from each wire format: Discord retry_after seconds (fractional), Telegram parameters.retry_after, Retry-After', async () => {
    reset();
    discord.faults.rateLimit = { count: 1, retryAfterS: 1.337 };
    telegram.faults.rateLimit = { count: 1, retryAfterS: 7 };
    hook.faults.rateLimit = { count: 1, retryAfterS: 3 };
    const d = fail(await sinks.discord.send(ignition({ id: 'r' })));
    const t = fail(await sinks.telegram.send(ignition({ id: 'r' })));
    const w = fail(await sinks.webhook.send(ignition({ id: 'r' })));
    assert.deepEqual([d.status, d.retryable, d.retryAfterMs], [429, true, 1337]);
    assert.deepEqual([t.status, t.retryable, t.retryAfterMs], [429, true, 7000]);
    assert.deepEqual([w.status, w.retryable, w.retryAfterMs], [429, true, 3000]);
  });

  it('retries 5xx and timeouts; a deleted webhook, a bad token or a wrong chat is permanent', async () => {
    reset();
    hook.faults.fail5xx = 1;
    assert.deepEqual([fail(await sinks.webhook.send(ignition({ id: 'e' }))).retryable], [true]);
    hook.faults.hang = 1;
    const timeout = fail(await sinks.webhook.send(ignition({ id: 'e' })));
    assert.deepEqual([timeout.retryable, timeout.status], [true, null]);
    discord.faults.forceStatus = { status: 404, count: 1 };
    assert.deepEqual([fail(await sinks.discord.send(ignition({ id: 'e' }))).retryable], [false]);
    const badToken = telegramSink(sinks.tgBase, '1:wrong', telegram.chatId, 300);
    const wrongChat = telegramSink(sinks.tgBase, telegram.botToken, '-42', 300);
    try {
      const a = fail(await badToken.send(ignition({ id: 'e' })));
      const b = fail(await wrongChat.send(ignition({ id: 'e' })));
      assert.deepEqual([a.status, a.retryable, b.status, b.retryable], [401, false, 400, false]);
      assert.match(b.error, /chat not found/, 'the API description is kept for the status line');
    } finally {
      await Promise.all([badToken.close(), wrongChat.close()]);
    }
  });

  it('never puts the webhook URL or the bot token in an error', async () => {
    reset();
    telegram.faults.fail5xx = 1;
    discord.faults.forceStatus = { status: 401, count: 1 };
    const errors = [fail(await sinks.telegram.send(ignition({ id: 's' }))).error, fail(await sinks.discord.send(ignition({ id: 's' }))).error];
    const refused = discordSink('http://127.0.0.1:1/api/webhooks/1/' + discord.token, 300);
    try {
      errors.push(fail(await refused.send(ignition({ id: 's' }))).error);
    } finally {
      await refused.close();
    }
    for (const e of errors) {
      assert.ok(!e.includes(telegram.botToken) && !e.includes(discord.token) && !e.includes(sinks.discordUrl), e);
    }
  });
});
