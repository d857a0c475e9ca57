import type { LogLine, ScanEvent } from '../../domain/signals.js';
import { isLogLine } from '../../domain/signals.js';
import type { SourceStatus } from '../../domain/status.js';
import { retryDelay, sleep as abortableSleep } from '../../domain/backoff.js';
import { alertDecision, alertTokenKey, startsCooldown, type AlertSkip } from './filter.js';
import { SinkHealth } from './sink-health.js';
import type { AlertLedger, AlertSink, AlertsConfig } from './types.js';

export interface DispatcherOptions {
  sinks: AlertSink[];
  ledger: AlertLedger;
  cfg: AlertsConfig;
  /** Time stamped on ledger rows and status lines (default Date.now). Waits are real milliseconds. */
  now?: () => number;
  /** Waits between attempts (default: a timer that close() ends early). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  onStatus?: (s: SourceStatus) => void;
}

const BATCH = 32;

/**
 * Sends alerts off the hot path. `offer` (synchronous, called as lines are decided) filters a line and
 * writes one pending ledger row per sink; one worker per sink then sends its pending rows in order,
 * retrying 5xx, 429 (after the server's retry_after) and network errors with backoff, and marks a row
 * sent right after the receiver's 2xx. Rows left pending by a crash are sent by the next start. A failing
 * sink only delays its own rows: the ledger bounds them (maxPending) and nothing waits on it.
 */
export class AlertDispatcher {
  readonly skipped: Record<AlertSkip | 'already_known', number> = { type_not_selected: 0, gate_failed: 0, below_min_confidence: 0, cooldown: 0, already_known: 0 };
  readonly health: Map<string, SinkHealth>;
  private readonly lastByToken = new Map<string, number | null>();
  private readonly pendingCount = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly wakers = new Map<string, () => void>();
  private readonly idle = new Set<string>();
  private idleWaiters: Array<() => void> = [];
  private workers: Promise<void>[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly o: DispatcherOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? abortableSleep;
    this.health = new Map(o.sinks.map((s) => [s.name, new SinkHealth(s.name, o.cfg.failingAfter, this.now, o.onStatus ?? (() => {}))]));
  }

  /** Starts the workers: rows a previous run left pending are sent first. */
  start(): void {
    for (const sink of this.o.sinks) {
      this.pendingCount.set(sink.name, this.o.ledger.pendingAlerts(sink.name, this.o.cfg.maxPending + 1).length);
      this.health.get(sink.name)!.report();
      // A worker never rejects: a ledger failure (a store closed under it) ends it and shows on the sink.
      this.workers.push(this.work(sink).catch((e: unknown) => this.health.get(sink.name)!.failure(`${sink.name}: ${(e as Error)?.message ?? String(e)}`, null, null)));
    }
  }

  /** Filters one event and queues it for every sink. Cheap and synchronous: one ledger insert per sink. */
  offer(e: ScanEvent): void {
    if (!isLogLine(e) || this.abort.signal.aborted) return;
    // Most lines of a replay are of types never sent: answered before any ledger read.
    if (!this.o.cfg.types.includes(e.type)) {
      this.skipped.type_not_selected += 1;
      return;
    }
    if (this.o.ledger.alertKnown(e.id)) {
      // Re-decided after a restart, or offered twice: the ledger already has it.
      this.skipped.already_known += 1;
      return;
    }
    const key = alertTokenKey(e);
    const decision = alertDecision(e, this.o.cfg, key ? this.lastAlertTs(key) : null);
    if (decision !== 'send') {
      this.skipped[decision] += 1;
      return;
    }
    if (key && startsCooldown(e)) this.lastByToken.set(key, e.ts);
    const at = this.now();
    const line = JSON.stringify(e);
    for (const sink of this.o.sinks) {
      if (!this.o.ledger.enqueueAlert({ signalId: e.id, sink: sink.name, mint: key, signalTs: e.ts, line, at })) continue;
      const n = (this.pendingCount.get(sink.name) ?? 0) + 1;
      const dropped = n > this.o.cfg.maxPending ? this.o.ledger.dropOldestPendingAlerts(sink.name, this.o.cfg.maxPending, at) : 0;
      this.health.get(sink.name)!.dropped += dropped;
      this.pendingCount.set(sink.name, n - dropped);
      this.idle.delete(sink.name);
      this.wakers.get(sink.name)?.();
    }
  }

  /** Resolves when every sink has no pending row left (sent, failed or dropped). Replay and `alerts test` wait on it. */
  async drain(): Promise<void> {
    while (!this.abort.signal.aborted && this.idle.size < this.o.sinks.length) await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  /**
   * Stops: waits end at once; a request in flight may still get its 2xx (and be marked sent) within
   * `graceMs`, after which it is cut off and its row stays pending for the next start. Resolves when no
   * worker touches the ledger any more, so the caller may close the store.
   */
  async close(graceMs = 2000): Promise<void> {
    this.abort.abort();
    for (const wake of this.wakers.values()) wake();
    for (const w of this.idleWaiters.splice(0)) w();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.workers), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    await Promise.all(this.o.sinks.map((s) => s.close().catch(() => {})));
    await Promise.all(this.workers);
  }

  private lastAlertTs(key: string): number | null {
    if (!this.lastByToken.has(key)) this.lastByToken.set(key, this.o.ledger.lastAlertTs(key));
    return this.lastByToken.get(key) ?? null;
  }

  private async work(sink: AlertSink): Promise<void> {
    while (!this.abort.signal.aborted) {
      const rows = this.o.ledger.pendingAlerts(sink.name, BATCH);
      if (rows.length === 0) {
        const woken = new Promise<void>((r) => this.wakers.set(sink.name, r));
        this.idle.add(sink.name);
        if (this.idle.size === this.o.sinks.length) for (const w of this.idleWaiters.splice(0)) w();
        await woken;
        continue;
      }
      for (const row of rows) {
        if (this.abort.signal.aborted) return;
        // The bound may have dropped it since the batch was read.
        if (this.o.ledger.getAlertDelivery(row.signalId, sink.name)?.state !== 'pending') continue;
        await this.deliver(sink, row.signalId, JSON.parse(row.line) as LogLine, row.attempts);
        this.pendingCount.set(sink.name, Math.max(0, (this.pendingCount.get(sink.name) ?? 1) - 1));
      }
    }
  }

  /** Attempts one row until it is sent, given up, or the dispatcher closes (then it stays pending). */
  private async deliver(sink: AlertSink, id: string, line: LogLine, attempts: number): Promise<void> {
    const health = this.health.get(sink.name)!;
    const { cfg, ledger } = this.o;
    for (;;) {
      health.counters.requests += 1;
      const r = await sink.send(line);
      if (r.ok) {
        // First thing after the 2xx: the window in which a kill -9 duplicates this alert ends here.
        ledger.markAlertSent(id, sink.name, this.now());
        health.sent();
        return;
      }
      attempts += 1;
      if (!r.retryable || attempts >= cfg.maxAttempts) {
        ledger.markAlertFailed(id, sink.name, this.now(), r.error);
        health.failure(r.error, r.status, null);
        return;
      }
      ledger.noteAlertAttempt(id, sink.name, this.now(), r.error);
      const wait = retryDelay(attempts - 1, r.retryAfterMs, cfg.retryMinMs, cfg.retryMaxMs, this.o.random);
      health.failure(r.error, r.status, wait);
      await this.sleep(wait, this.abort.signal);
      if (this.abort.signal.aborted || ledger.getAlertDelivery(id, sink.name)?.state !== 'pending') return;
    }
  }
}
