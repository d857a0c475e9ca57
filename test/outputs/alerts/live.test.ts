import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CBRL } from '../../fakes/universe.js';
import { startLiveMarket, startScan, untilClock, type LiveMarket } from '../../helpers/live-harness.js';
import { WebhookReceiverFake } from '../../fakes/alert-webhook.js';
import { DiscordWebhookFake } from '../../fakes/alert-discord.js';

// The live scanner with alerts: the real `scan` process against the market fakes (real CBRL candles on an
// accelerated clock, 1,200x) with a working webhook and a Discord webhook that answers 503 to everything.
// CBRL's 2025-08-22 00:00 window ignites at 01:48 and confirms at 04:00.
const START = Date.parse('2025-08-22T00:30:00Z');

type Line = Record<string, unknown> & { type: string; id: string; mint: string | null };

describe('scan sends alerts while a failing sink stays out of the way', { timeout: 120_000 }, () => {
  let m: LiveMarket;
  const hook = new WebhookReceiverFake();
  const discord = new DiscordWebhookFake();
  let lines: Line[] = [];
  let exit: number | null = null;
  let output = '';
  let secrets: string[] = [];

  before(async () => {
    m = await startLiveMarket({ start: START, speed: 1200, tokens: (base) => [{ ...base.list().find((t) => t.symbol === 'CBRL')!, liquidityUsd: 120_000, volume24hUsd: 500_000 }] });
    const env = { ALERT_WEBHOOK_URL: await hook.listen(), DISCORD_WEBHOOK_URL: await discord.listen() };
    secrets = [env.ALERT_WEBHOOK_URL, env.DISCORD_WEBHOOK_URL, discord.token, 'whk_0123456789abcdefSECRET'];
    discord.faults.fail5xx = 1_000_000;
    const log = join(m.dir, 'signals.jsonl');
    const run = startScan(m, ['--no-discovery', '--no-table', '--log', log, '--db', join(m.dir, 'scanner.db'), '--mint', CBRL.mint,
      '--set', 'alerts.retryMinMs=20', '--set', 'alerts.retryMaxMs=50', '--set', 'alerts.maxAttempts=3', '--set', 'alerts.failingAfter=2'], env);
    await untilClock(m, Date.parse('2025-08-22T04:20:00Z'));
    exit = await run.stop();
    output = run.stdout() + run.stderr();
    lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line) : [];
  });
  after(async () => {
    await Promise.all([hook.stop(), discord.stop()]);
    await m?.stop();
  });

  it('stops cleanly', () => assert.equal(exit, 0, output));

  it('delivers each CBRL signal of the log to the webhook exactly once, keyed by its id', () => {
    const signals = lines.filter((l) => (l.type === 'ignition' || l.type === 'confirmation') && l.mint === CBRL.mint).map((l) => l.id);
    assert.ok(signals.length >= 2, `ignition and confirmation expected: ${lines.map((l) => l.type).join(',')}`);
    assert.deepEqual(hook.received.map((r) => r.headers['idempotency-key']), signals);
  });

  it('shows the failing Discord sink as failed in status lines, and the signal lines were written regardless', () => {
    const states = lines.filter((l) => l.type === 'status' && l.source === 'alert:discord').map((l) => l.state);
    assert.ok(states.includes('failed'), `alert:discord states: ${states.join(',')}`);
    assert.ok(discord.received.length >= 2);
    assert.ok(lines.some((l) => l.type === 'confirmation'), 'the log kept flowing');
  });

  it('keeps the webhook URLs out of the log and the output', () => {
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + output;
    for (const s of secrets) assert.ok(!text.includes(s), 'a secret leaked');
  });
});
