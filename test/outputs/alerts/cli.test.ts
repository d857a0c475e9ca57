import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../hardening/cli-run.js';
import { WebhookReceiverFake } from '../../fakes/alert-webhook.js';
import { DiscordWebhookFake } from '../../fakes/alert-discord.js';
import { TelegramBotFake } from '../../fakes/alert-telegram.js';
import { noAlertFaults } from '../../fakes/alert-receiver.js';
import { goldenLines, tempDir } from './helpers.js';

const lines = (s: string) => s.split('\n').filter(Boolean);

describe('alerts through the real CLI', () => {
  const hook = new WebhookReceiverFake();
  const discord = new DiscordWebhookFake();
  const telegram = new TelegramBotFake();
  let env: Record<string, string> = {};
  let secrets: string[] = [];
  const tmp = tempDir();
  before(async () => {
    env = { ALERT_WEBHOOK_URL: await hook.listen(), DISCORD_WEBHOOK_URL: await discord.listen(), ...telegram.env(await telegram.listen()), PUMP_SCANNER_STORE__PATH: join(tmp.dir, 'store.db') };
    secrets = [env.ALERT_WEBHOOK_URL, env.DISCORD_WEBHOOK_URL, discord.token, telegram.botToken, 'whk_0123456789abcdefSECRET'];
  });
  after(async () => {
    await Promise.all([hook.stop(), discord.stop(), telegram.stop()]);
    tmp.cleanup();
  });
  const noSecret = (what: string, text: string) => {
    for (const s of secrets) assert.ok(!text.includes(s), `${what} shows a secret`);
  };

  it('alerts test sends one sample to every configured sink and exits 0', async () => {
    const before = [hook.received.length, discord.messages.length, telegram.messages.length];
    const r = await runCli({ args: ['alerts', 'test'], env });
    assert.equal(r.code, 0, r.err);
    assert.equal(lines(r.out).length, 3, 'one line per sink');
    assert.deepEqual([hook.received.length, discord.messages.length, telegram.messages.length], before.map((n) => n + 1));
    assert.match(String(hook.received.at(-1)!.headers['idempotency-key']), /^test-\d+$/);
    noSecret('stdout', r.out);
  });

  it('alerts test exits 1 when a sink refuses, naming the sink without its secret', async () => {
    discord.faults.forceStatus = { status: 401, count: 1 };
    telegram.faults.forceStatus = { status: 401, count: 1 };
    const r = await runCli({ args: ['alerts', 'test'], env });
    discord.faults = noAlertFaults();
    telegram.faults = noAlertFaults();
    assert.equal(r.code, 1);
    assert.equal(lines(r.out).length, 3);
    noSecret('stdout', r.out);
    noSecret('stderr', r.err);
  });

  it('refuses with exit 2 and one line when no sink or half a Telegram sink is configured', async () => {
    const cases: Array<Record<string, string>> = [{}, { TELEGRAM_BOT_TOKEN: telegram.botToken }, { TELEGRAM_CHAT_ID: '-100' }, { ALERT_WEBHOOK_URL: 'not a url' }];
    for (const e of cases) {
      const r = await runCli({ args: ['alerts', 'test'], env: e });
      assert.equal(r.code, 2, JSON.stringify(e));
      assert.equal(lines(r.err).length, 1);
      assert.equal(r.out, '');
      if ('TELEGRAM_BOT_TOKEN' in e) noSecret('stderr', r.err);
    }
  });

  it('--print-config masks the webhook URLs and the bot token', async () => {
    const r = await runCli({ args: ['replay', '--print-config'], env });
    assert.equal(r.code, 0, r.err);
    noSecret('--print-config', r.out);
    const alerts = (JSON.parse(r.out) as { alerts: Record<string, string> }).alerts;
    assert.deepEqual([alerts.webhookUrl, alerts.discordWebhookUrl, alerts.telegramBotToken], ['***', '***', '***']);
    assert.equal(alerts.telegramChatId, telegram.chatId, 'a chat id is not a secret');
  });

  it('replay delivers the signals of the replayed history once; a second replay sends nothing again', async () => {
    const want = goldenLines().filter((l) => l.type === 'ignition' || l.type === 'confirmation').map((l) => l.id);
    const only = { ALERT_WEBHOOK_URL: env.ALERT_WEBHOOK_URL, PUMP_SCANNER_STORE__PATH: join(tmp.dir, 'replay.db') };
    const start = hook.received.length;
    const first = await runCli({ args: ['replay', '--no-log', '--no-progress'], env: only, timeoutMs: 120_000 });
    assert.equal(first.code, 0, first.err);
    const got = hook.received.slice(start).map((r) => String(r.headers['idempotency-key']));
    assert.deepEqual(got, want, 'the bundled sample\'s ignitions and confirmations, in order');
    noSecret('replay output', first.out + first.err);
    const second = await runCli({ args: ['replay', '--no-log', '--no-progress'], env: only, timeoutMs: 120_000 });
    assert.equal(second.code, 0, second.err);
    assert.equal(hook.received.length, start + want.length);
  });
});
