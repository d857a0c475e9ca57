// Alerts: time from a signal decided (offered to the dispatcher, as scan does right after storing the
// line) to the receiver having its request, on loopback, through the real dispatcher, SQLite ledger
// (WAL file) and undici sinks, against the loopback fakes of the three receivers in this process.
// Also the cost of offer() itself, the only part on the pipeline's path. Run: node dist/bench/alerts.js [signals]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { openStore } from '../src/store/index.js';
import { AlertDispatcher } from '../src/outputs/alerts/index.js';
import { webhookSink } from '../src/outputs/alerts/webhook.js';
import { discordSink } from '../src/outputs/alerts/discord.js';
import { telegramSink } from '../src/outputs/alerts/telegram.js';
import { WebhookReceiverFake } from '../test/fakes/alert-webhook.js';
import { DiscordWebhookFake } from '../test/fakes/alert-discord.js';
import { TelegramBotFake } from '../test/fakes/alert-telegram.js';
import type { AlertReceiver } from '../test/fakes/alert-receiver.js';
import { alertsCfg, ignition } from '../test/outputs/alerts/helpers.js';
import { printTable, spread } from './md.js';

const SIGNALS = Number(process.argv[2] ?? 300);
const PACE_MS = 10;

async function scenario(name: string, which: string[], paced: boolean, rows: string[][]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pump-alerts-bench-'));
  const store = openStore({ path: join(dir, 'bench.db') });
  const hook = new WebhookReceiverFake();
  const discord = new DiscordWebhookFake();
  const telegram = new TelegramBotFake();
  const fakes: Record<string, AlertReceiver> = { webhook: hook, discord, telegram };
  const urls = { webhook: await hook.listen(), discord: await discord.listen(), telegram: await telegram.listen() };
  const sinks = which.map((w) => (w === 'webhook' ? webhookSink(urls.webhook, 10_000) : w === 'discord' ? discordSink(urls.discord, 10_000) : telegramSink(urls.telegram, telegram.botToken, telegram.chatId, 10_000)));
  const d = new AlertDispatcher({ sinks, ledger: store, cfg: alertsCfg() });
  d.start();
  const offeredAt = new Map<string, number>();
  const offerUs: number[] = [];
  const lines = Array.from({ length: SIGNALS }, (_, i) => ignition({ id: `b${i}`, mint: `BenchMint${String(i + 1).replace(/0/g, "z")}`, ts: 1_755_934_200_000 + i }));
  for (const line of lines) {
    const t = performance.now();
    offeredAt.set(line.id, t);
    d.offer(line);
    offerUs.push((performance.now() - t) * 1000);
    if (paced) await new Promise((r) => setTimeout(r, PACE_MS));
  }
  await d.drain();
  for (const w of which) {
    const f = fakes[w];
    const idOf = (body: string, headers: Record<string, unknown>) =>
      w === 'webhook' ? String(headers['idempotency-key']) : lines.find((l) => body.includes(`${l.mint}\``) || body.includes(`${l.mint}<`))!.id;
    const lat = f.received.map((r) => r.at - offeredAt.get(idOf(r.body, r.headers))!);
    const [p50, p99, max] = spread(lat, 2);
    rows.push([name, w, String(lat.length), p50, p99, max]);
  }
  for (const h of d.health.values()) if (h.counters.errors) console.log(`(${h.sink}: ${h.counters.errors} failed attempts, last: ${h.detail})`);
  const [o50, o99] = spread(offerUs, 1);
  rows.push([name, 'offer() on the pipeline path, us', String(offerUs.length), o50, o99, '']);
  await d.close(0);
  store.close();
  await Promise.all(Object.values(fakes).map((f) => f.stop()));
  rmSync(dir, { recursive: true, force: true });
}

const rows: string[][] = [];
console.log(`\n## alerts: signal decided -> receiver has the request (loopback)\n${SIGNALS} ignitions per scenario; load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')} at start.`);
await scenario(`one at a time (every ${PACE_MS} ms)`, ['webhook'], true, rows);
await scenario(`one at a time (every ${PACE_MS} ms)`, ['webhook', 'discord', 'telegram'], true, rows);
await scenario('burst (all offered at once)', ['webhook', 'discord', 'telegram'], false, rows);
printTable(['scenario', 'sink', 'n', 'p50 ms', 'p99 ms', 'max ms'], rows);
console.log('\nEach sink sends one request at a time (so a crash can repeat at most one alert per sink); a burst queues behind it.');
