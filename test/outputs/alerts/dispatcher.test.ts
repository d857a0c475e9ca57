import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/index.js';
import { AlertDispatcher, type AlertsConfig } from '../../../src/outputs/alerts/index.js';
import { webhookSink } from '../../../src/outputs/alerts/webhook.js';
import { discordSink } from '../../../src/outputs/alerts/discord.js';
import { telegramSink } from '../../../src/outputs/alerts/telegram.js';
import type { SourceStatus } from '../../../src/domain/status.js';
import { WebhookReceiverFake } from '../../fakes/alert-webhook.js';
import { DiscordWebhookFake } from '../../fakes/alert-discord.js';
import { TelegramBotFake } from '../../fakes/alert-telegram.js';
import { alertsCfg, goldenLines, ignition, tempDir } from './helpers.js';

describe('alert dispatcher over the SQLite ledger', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let hook: WebhookReceiverFake;
  let discord: DiscordWebhookFake;
  let telegram: TelegramBotFake;
  let urls: { hook: string; discord: string; telegram: string };
  const open: AlertDispatcher[] = [];
  /** Waits the dispatcher asked for, ms; they resolve at once (no test waits on real time for a retry). */
  let waits: number[] = [];
  let statuses: SourceStatus[] = [];

  const dispatcher = (cfg: Partial<AlertsConfig> = {}, which: Array<'hook' | 'discord' | 'telegram'> = ['hook', 'discord', 'telegram']) => {
    const sinks = which.map((w) => (w === 'hook' ? webhookSink(urls.hook, 2000) : w === 'discord' ? discordSink(urls.discord, 2000) : telegramSink(urls.telegram, telegram.botToken, telegram.chatId, 2000)));
    const d = new AlertDispatcher({
      sinks, ledger: store, cfg: alertsCfg(cfg), random: () => 0.5,
      sleep: async (ms) => void waits.push(ms), onStatus: (s) => statuses.push(s),
    });
    open.push(d);
    d.start();
    return d;
  };

  beforeEach(async () => {
    tmp = tempDir();
    store = openStore({ path: join(tmp.dir, 'alerts.db') });
    hook = new WebhookReceiverFake();
    discord = new DiscordWebhookFake();
    telegram = new TelegramBotFake();
    urls = { hook: await hook.listen(), discord: await discord.listen(), telegram: await telegram.listen() };
    waits = [];
    statuses = [];
  });
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close(0);
    store.close();
    await Promise.all([hook.stop(), discord.stop(), telegram.stop()]);
    tmp.cleanup();
  });

  it('sends every real signal of the golden replay once to each sink and marks it sent', async () => {
    const d = dispatcher();
    const lines = goldenLines();
    for (const l of lines) d.offer(l);
    await d.drain();
    const want = lines.filter((l) => l.type === 'ignition' || l.type === 'confirmation').map((l) => l.id);
    assert.deepEqual([...hook.taken.keys()], want, 'webhook: each signal once, in order');
    assert.equal(discord.messages.length, want.length);
    assert.equal(telegram.messages.length, want.length);
    for (const sink of ['webhook', 'discord', 'telegram']) assert.deepEqual(store.alertCounts(sink), { pending: 0, sent: want.length, failed: 0, dropped: 0 }, sink);
    for (const l of lines) d.offer(l);
    await d.drain();
    assert.equal(hook.received.length, want.length, 'offering the same lines again sends nothing');
  });

  it('retries 5xx with backoff and honours 429 retry_after of each wire format', async () => {
    hook.faults.fail5xx = 2;
    discord.faults.rateLimit = { count: 1, retryAfterS: 2.5 };
    telegram.faults.rateLimit = { count: 1, retryAfterS: 4 };
    const d = dispatcher({ retryMinMs: 100, retryMaxMs: 10_000 });
    d.offer(ignition({ id: 'one' }));
    await d.drain();
    assert.equal(hook.taken.size, 1);
    assert.equal(discord.messages.length, 1);
    assert.equal(telegram.messages.length, 1);
    // Full jitter with random() = 0.5: 50 then 100 ms for the 5xx; the servers' waits for the 429s.
    assert.deepEqual([...waits].sort((a, b) => a - b), [50, 100, 2500, 4000]);
    assert.equal(store.getAlertDelivery('one', 'webhook')!.attempts, 3);
    assert.ok(statuses.some((s) => s.source === 'alert:discord' && s.state === 'rate_limited'));
  });

  it('caps a server wait at retryMaxMs', async () => {
    telegram.faults.rateLimit = { count: 1, retryAfterS: 3600 };
    const d = dispatcher({ retryMaxMs: 5000 }, ['telegram']);
    d.offer(ignition({ id: 'one' }));
    await d.drain();
    assert.deepEqual(waits, [5000]);
  });

  it('gives up on a permanent error at once and after maxAttempts on retryable ones, and shows the sink failed', async () => {
    discord.faults.forceStatus = { status: 404, count: 100 };
    hook.faults.fail5xx = 100;
    const d = dispatcher({ maxAttempts: 3, failingAfter: 3 }, ['hook', 'discord']);
    for (const id of ['a', 'b', 'c']) d.offer(ignition({ id, mint: `mint-${id}` }));
    await d.drain();
    assert.deepEqual(store.alertCounts('discord'), { pending: 0, sent: 0, failed: 3, dropped: 0 });
    assert.equal(discord.received.length, 3, 'one attempt each: a deleted webhook is not retried');
    assert.deepEqual(store.alertCounts('webhook'), { pending: 0, sent: 0, failed: 3, dropped: 0 });
    assert.equal(hook.received.length, 9, 'three attempts each');
    for (const sink of ['alert:webhook', 'alert:discord']) assert.equal(statuses.filter((s) => s.source === sink).at(-1)!.state, 'failed', sink);
    hook.faults.fail5xx = 0;
    d.offer(ignition({ id: 'd', mint: 'mint-d' }));
    await d.drain();
    assert.equal(statuses.filter((s) => s.source === 'alert:webhook').at(-1)!.state, 'ok', 'a 2xx clears the failed state');
  });

  it('a hanging sink never blocks offer or the other sinks, and its queue is bounded', async () => {
    hook.faults.hang = 1000;
    const d = dispatcher({ maxPending: 5, requestTimeoutMs: 60_000 }, ['hook', 'telegram']);
    for (let i = 0; i < 20; i++) {
      d.offer(ignition({ id: `s${i}`, mint: `m${i}` }));
      // Telegram keeps up one alert at a time while the webhook's rows pile up behind a request that never ends.
      while (telegram.messages.length < i + 1) await new Promise((r) => setTimeout(r, 2));
    }
    const counts = store.alertCounts('webhook');
    assert.equal(counts.sent, 0);
    assert.ok(counts.pending <= 5 + 1, `pending ${counts.pending} (the one in flight may be beyond the bound)`);
    assert.equal(counts.pending + counts.dropped, 20);
    assert.equal(d.health.get('webhook')!.dropped, counts.dropped);
  });

  it('a restart sends what the previous run left pending, and never what it had sent', async () => {
    hook.faults.hang = 1;
    const first = dispatcher({}, ['hook']);
    first.offer(ignition({ id: 'a', mint: 'ma' }));
    first.offer(ignition({ id: 'b', mint: 'mb' }));
    while (hook.received.length < 1) await new Promise((r) => setTimeout(r, 5));
    await first.close(0);
    assert.deepEqual(store.alertCounts('webhook'), { pending: 2, sent: 0, failed: 0, dropped: 0 });
    const second = dispatcher({}, ['hook']);
    await second.drain();
    assert.deepEqual([...hook.taken.keys()], ['a', 'b']);
    await second.close(0);
    const third = dispatcher({}, ['hook']);
    third.offer(ignition({ id: 'a', mint: 'ma' }));
    await third.drain();
    assert.equal(hook.accepted().length, 2, 'nothing resent after the restart');
  });

  it('applies the cooldown across restarts from the ledger, per token', async () => {
    const t = 1_755_934_200_000;
    const first = dispatcher({ cooldownMs: 3_600_000 }, ['hook']);
    first.offer(ignition({ id: 'a', mint: 'm1', ts: t }));
    first.offer(ignition({ id: 'b', mint: 'm1', ts: t + 60_000 }));
    first.offer(ignition({ id: 'c', mint: 'm2', ts: t + 60_000 }));
    await first.drain();
    await first.close(0);
    const second = dispatcher({ cooldownMs: 3_600_000 }, ['hook']);
    second.offer(ignition({ id: 'd', mint: 'm1', ts: t + 120_000 }));
    second.offer(ignition({ id: 'e', mint: 'm1', ts: t + 3_600_000 }));
    await second.drain();
    assert.deepEqual([...hook.taken.keys()], ['a', 'c', 'e']);
    assert.equal(first.skipped.cooldown + second.skipped.cooldown, 2);
  });
});
