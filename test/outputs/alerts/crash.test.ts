import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../src/store/index.js';
import { WebhookReceiverFake } from '../../fakes/alert-webhook.js';
import { DiscordWebhookFake } from '../../fakes/alert-discord.js';
import { TelegramBotFake } from '../../fakes/alert-telegram.js';
import type { AlertReceiver } from '../../fakes/alert-receiver.js';
import { ignition, tempDir } from './helpers.js';
import { seeded as prng } from '../../fakes/http-base.js';

const CHILD = fileURLToPath(new URL('./crash-child.js', import.meta.url));
const SIGNALS = 30;
const KILLS = 4;

const mintOf = (i: number) => `CrashMint${String(i + 100).replace(/0/g, 'z')}`;

test('alert delivery survives SIGKILL at random moments: every signal arrives, nothing is resent outside the crash window, and the webhook\'s Idempotency-Key makes it exactly once', async (t) => {
  const tmp = tempDir();
  const hook = new WebhookReceiverFake();
  const discord = new DiscordWebhookFake();
  const telegram = new TelegramBotFake();
  const fakes: Record<string, AlertReceiver> = { webhook: hook, discord, telegram };
  const env = { PATH: process.env.PATH ?? '', ALERT_WEBHOOK_URL: await hook.listen(), DISCORD_WEBHOOK_URL: await discord.listen(), ...telegram.env(await telegram.listen()) };
  // A few ms per answer, so kills land inside requests as well as between them.
  for (const f of Object.values(fakes)) f.faults.delayMs = 3;
  const lines = Array.from({ length: SIGNALS }, (_, i) => ignition({ id: `sig-${i}`, mint: mintOf(i), ts: 1_755_934_200_000 + i * 60_000 }));
  const signalsFile = join(tmp.dir, 'signals.json');
  writeFileSync(signalsFile, JSON.stringify(lines));
  const dbPath = join(tmp.dir, 'alerts.db');
  const random = prng(12);
  /** Per sink: [from, to) indices of `received` in a crash window (the request before a kill, and any arriving before the next start). */
  const windows: Record<string, Array<[number, number]>> = { webhook: [], discord: [], telegram: [] };
  let lifeWithWork = 0;
  try {
    for (let life = 0; life <= KILLS; life++) {
      const startAt = Object.fromEntries(Object.entries(fakes).map(([k, f]) => [k, f.received.length]));
      for (const [k, w] of Object.entries(windows)) if (w.length) w[w.length - 1][1] = startAt[k];
      const child: ChildProcess = spawn(process.execPath, [CHILD, dbPath, life === 0 ? 'offer' : 'resume', signalsFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr += d));
      const last = life === KILLS;
      if (!last) {
        // Kill at the k-th request of a sink picked at random, while that request is being answered.
        const victim = Object.keys(fakes)[Math.floor(random() * 3)];
        const k = 1 + Math.floor(random() * 6);
        let seen = 0;
        fakes[victim].onRequest = () => {
          if (++seen !== k) return;
          child.kill('SIGKILL');
          for (const [name, f] of Object.entries(fakes)) windows[name].push([Math.max(startAt[name], f.received.length - 1), Number.POSITIVE_INFINITY]);
        };
      }
      await once(child, 'exit');
      for (const f of Object.values(fakes)) f.onRequest = null;
      if (Object.entries(fakes).some(([k, f]) => f.received.length > startAt[k])) lifeWithWork += 1;
      if (last) assert.equal(child.exitCode, 0, `last life failed: ${stderr}`);
      else assert.equal(child.signalCode, 'SIGKILL', `life ${life} ended on its own (${stdout.trim()}): ${stderr}`);
    }
    assert.ok(lifeWithWork >= 3, `kills must land mid-delivery: only ${lifeWithWork} lives sent anything`);

    const signalOf = (name: string, body: string, headers: Record<string, unknown>): string => {
      if (name === 'webhook') return String(headers['idempotency-key']);
      const i = lines.findIndex((l) => body.includes(l.mint!));
      assert.ok(i >= 0, `${name}: a request names no known mint`);
      return lines[i].id;
    };
    let duplicates = 0;
    for (const [name, f] of Object.entries(fakes)) {
      const copies = new Map<string, number[]>();
      f.received.forEach((r, idx) => {
        const id = signalOf(name, r.body, r.headers);
        copies.set(id, [...(copies.get(id) ?? []), idx]);
      });
      assert.deepEqual([...copies.keys()].sort(), lines.map((l) => l.id).sort(), `${name}: every signal arrived`);
      for (const [id, idxs] of copies) {
        for (const idx of idxs.slice(0, -1)) {
          duplicates += 1;
          assert.ok(windows[name].some(([a, b]) => idx >= a && idx < b), `${name}: ${id} was sent again although its earlier copy (request ${idx}) was outside every crash window`);
        }
      }
    }
    assert.equal(hook.taken.size, SIGNALS, 'a receiver that dedupes by Idempotency-Key took each signal exactly once');
    const store = openStore({ path: dbPath });
    try {
      for (const sink of ['webhook', 'discord', 'telegram']) assert.deepEqual(store.alertCounts(sink), { pending: 0, sent: SIGNALS, failed: 0, dropped: 0 }, sink);
    } finally {
      store.close();
    }
    t.diagnostic(`${KILLS} kills, ${lifeWithWork} lives sent alerts, ${duplicates} requests repeated inside crash windows, webhook repeats deduped by key: ${hook.repeats.length}`);
    // Each kill can repeat at most the request each sink had in flight (plus one already on the wire).
    assert.ok(duplicates <= KILLS * 3 * 2, `${duplicates} duplicates`);
  } finally {
    await Promise.all(Object.values(fakes).map((f) => f.stop()));
    tmp.cleanup();
  }
});
