import type { Config } from '../../config/load.js';
import { ConfigError } from '../../config/spec.js';
import { redact } from '../../config/secrets.js';
import type { SourceStatus } from '../../domain/status.js';
import { retryDelay, sleep } from '../../domain/backoff.js';
import { openStore, type Store } from '../../store/index.js';
import { AlertDispatcher, alertSinksConfigured, sampleAlertLine, sinksFromConfig, type AlertSink } from '../../outputs/alerts/index.js';

const NOT_CONFIGURED = 'no alert sink is configured: set ALERT_WEBHOOK_URL, DISCORD_WEBHOOK_URL, or TELEGRAM_BOT_TOKEN with TELEGRAM_CHAT_ID';

/** Sends one sample to a sink, retrying what is retryable within the configured attempts; the outcome as one line. */
async function sendSample(sink: AlertSink, cfg: Config['alerts'], nowMs: number): Promise<{ ok: boolean; text: string }> {
  const line = sampleAlertLine(nowMs);
  for (let attempt = 1; ; attempt++) {
    const r = await sink.send(line);
    if (r.ok) return { ok: true, text: `${sink.name}: sent (HTTP ${r.status})` };
    if (!r.retryable || attempt >= cfg.maxAttempts) return { ok: false, text: `${sink.name}: failed after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${redact(r.error.replace(`${sink.name}: `, ''))}` };
    await sleep(retryDelay(attempt - 1, r.retryAfterMs, cfg.retryMinMs, cfg.retryMaxMs));
  }
}

/**
 * `pump-scanner alerts test`: one sample alert (symbol TEST) to every configured sink, one line per sink.
 * Bypasses the ledger, so it can be run any number of times. Exit 0 when every sink took it, 1 otherwise.
 */
export async function runAlertsTest(o: { cfg: Config; out: (s: string) => void }): Promise<number> {
  const sinks = sinksFromConfig(o.cfg.alerts);
  if (sinks.length === 0) throw new ConfigError('alerts', NOT_CONFIGURED);
  try {
    const results = await Promise.all(sinks.map((s) => sendSample(s, o.cfg.alerts, Date.now())));
    for (const r of results) o.out(r.text);
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await Promise.all(sinks.map((s) => s.close()));
  }
}

/** A started dispatcher over the configured sinks and `store` as its ledger, or null when none is configured. */
export function alertsFor(cfg: Config, store: Store, now: () => number, onStatus?: (s: SourceStatus) => void, sinks = sinksFromConfig(cfg.alerts)): AlertDispatcher | null {
  if (sinks.length === 0) return null;
  const d = new AlertDispatcher({ sinks, ledger: store, cfg: cfg.alerts, now, onStatus });
  d.start();
  return d;
}

/** One line per sink after a replay: `alerts: webhook 12 sent, 0 failed, 0 dropped; ...`. */
export function alertsSummary(d: AlertDispatcher): string {
  const parts = [...d.health.values()].map((h) => `${h.sink} ${h.counters.records} sent, ${h.failed} failed, ${h.dropped} dropped${h.state === 'failed' ? ` (failing: ${h.detail ?? ''})` : ''}`);
  return `alerts: ${parts.join('; ')}`;
}

/**
 * Alerts with their ledger in the store (store.path), for commands that have no store of their own:
 * `replay` (a second replay of the same history sends nothing twice) and `tail` (alert sinks as a
 * consumer of the bus's signal stream). Null when no sink is configured (no store is opened then).
 */
export function storedAlerts(cfg: Config): { dispatcher: AlertDispatcher; finish: (out: (s: string) => void) => Promise<void>; close: () => Promise<void> } | null {
  if (!alertSinksConfigured(cfg.alerts)) return null;
  const sinks = sinksFromConfig(cfg.alerts);
  const store = openStore({ ...cfg.store });
  const dispatcher = alertsFor(cfg, store, Date.now, undefined, sinks)!;
  const close = async () => {
    await dispatcher.close();
    store.close();
  };
  return {
    dispatcher,
    close,
    async finish(out) {
      try {
        await dispatcher.drain();
        out(alertsSummary(dispatcher));
      } finally {
        await close();
      }
    },
  };
}
