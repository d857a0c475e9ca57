import type { LogLine } from '../../domain/signals.js';
import { redact } from '../../config/secrets.js';

/** The `alerts` slice of the config (config/default.json `alerts`). */
export interface AlertsConfig {
  webhookUrl: string;
  discordWebhookUrl: string;
  telegramBotToken: string;
  telegramChatId: string;
  telegramBaseUrl: string;
  /** Line types sent (default ignition, confirmation). */
  types: string[];
  /** Minimum calibrated p of ignitions and confirmations, 0..1 (default 0 = any). */
  minConfidence: number;
  /** Per token, event-time ms between two entry alerts (default 0 = off). */
  cooldownMs: number;
  maxAttempts: number;
  retryMinMs: number;
  retryMaxMs: number;
  requestTimeoutMs: number;
  maxPending: number;
  failingAfter: number;
}

/** What one attempt at one sink came to. `retryAfterMs` is the server's requested wait (429), when given. */
export type SendResult =
  | { ok: true; status: number }
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs: number | null; error: string };

export type SendFailure = Extract<SendResult, { ok: false }>;

/** One place alerts go. `send` never throws: every failure is a result, classified by the sink. */
export interface AlertSink {
  /** Stable name, part of the delivery key: `webhook`, `discord`, `telegram`. */
  readonly name: string;
  send(line: LogLine): Promise<SendResult>;
  /** Ends the sink's connections; a request in flight fails (as a retryable network error). */
  close(): Promise<void>;
}

/**
 * The delivery ledger the dispatcher needs (the store implements it): rows keyed by (signal id, sink),
 * pending until the receiver's 2xx.
 */
export interface AlertLedger {
  enqueueAlert(d: { signalId: string; sink: string; mint: string | null; signalTs: number; line: string; at: number }): boolean;
  alertKnown(signalId: string): boolean;
  pendingAlerts(sink: string, limit: number): Array<{ signalId: string; line: string; attempts: number }>;
  getAlertDelivery(signalId: string, sink: string): { state: string } | null;
  markAlertSent(signalId: string, sink: string, at: number): void;
  noteAlertAttempt(signalId: string, sink: string, at: number, error: string): number;
  markAlertFailed(signalId: string, sink: string, at: number, error: string): void;
  dropOldestPendingAlerts(sink: string, keep: number, at: number): number;
  lastAlertTs(mint: string): number | null;
}

/** A failure of an alert command (`alerts test`) with a stable code; the message is redacted. */
export class AlertError extends Error {
  constructor(
    readonly code: 'ALERTS_NOT_CONFIGURED' | 'ALERTS_SEND_FAILED',
    message: string,
  ) {
    super(redact(message));
    this.name = 'AlertError';
  }
}
