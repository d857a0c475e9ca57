import WebSocket from 'ws';
import { Subject, type Observable, type SchedulerAction, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import { redact } from '../../config/secrets.js';
import { fullJitterDelayMs } from './backoff.js';

export interface ReconnectingSocketOptions {
  /** Full URL, credentials included: used to connect, never shown. */
  url: string;
  /** Safe display name for events (`birdeye-ws#1`). */
  name: string;
  protocols?: string[];
  headers?: Record<string, string>;
  /** No message or ping for this long: the connection is presumed dead, terminated and reopened, ms. */
  heartbeatTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Timers follow this clock's scheduler; event times use clock.now(). */
  clock: Clock;
  random?: () => number;
  /** Handshake statuses that end the socket for good (default 401 and 403: a bad key does not heal). */
  fatalStatuses?: readonly number[];
  /** Client keepalive: a ping this often while open, so idle proxies keep the connection, ms (default none). */
  pingIntervalMs?: number;
  /** Largest frame accepted, bytes (default ws's 100 MiB); a larger frame closes the connection (1009). */
  maxPayload?: number;
}

export type SocketEvent =
  | { type: 'connecting'; attempt: number; at: number }
  | { type: 'open'; at: number }
  /** `bytes`: the frame's raw UTF-8 as received (text frames), for recorders that keep it verbatim. */
  | { type: 'message'; text: string; at: number; bytes?: Buffer }
  | { type: 'heartbeat_timeout'; at: number }
  | { type: 'closed'; at: number; code: number; reason: string; retryInMs: number }
  | { type: 'fatal'; at: number; status: number };

/**
 * A text frame: its bytes as received and, decoded on first use only, its text (a reader of the bytes, such
 * as the chain tap's, never pays for a string of the whole frame). A binary frame reads as ''.
 */
class TextMessage {
  readonly type = 'message';
  private decoded: string | null = null;
  readonly bytes: Buffer | undefined;

  constructor(readonly at: number, private readonly data: WebSocket.RawData | null) {
    this.bytes = data !== null && Buffer.isBuffer(data) ? data : undefined;
  }

  get text(): string {
    return (this.decoded ??= this.data === null ? '' : this.data.toString());
  }
}

/**
 * One WebSocket that keeps itself alive: pongs the server's pings (ws does that), treats silence longer
 * than the heartbeat timeout as a dead connection, and reconnects with full-jitter exponential backoff.
 * A handshake refused with 401/403 is fatal: no reconnect loop against a key that will not work.
 * The owner resubscribes on every `open` event: a new connection carries no subscriptions.
 */
export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private heartbeat: Subscription | null = null;
  private lastHeardAt = 0;
  private retryTimer: Subscription | null = null;
  private pinger: Subscription | null = null;
  private handshakeStatus: number | null = null;
  private readonly subject = new Subject<SocketEvent>();
  readonly events$: Observable<SocketEvent> = this.subject.asObservable();

  constructor(private readonly opts: ReconnectingSocketOptions) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** True once stopped by the owner or by a fatal handshake: nothing is scheduled any more. */
  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    if (this.stopped || this.ws) return;
    this.connect();
  }

  /** Sends a JSON message; false when not connected (the next `open` resubscribes anyway). */
  send(message: unknown): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(JSON.stringify(message));
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.ws?.terminate();
    this.ws = null;
    this.subject.complete();
  }

  private now(): number {
    return this.opts.clock.now();
  }

  private connect(): void {
    this.handshakeStatus = null;
    this.subject.next({ type: 'connecting', attempt: this.attempt, at: this.now() });
    const ws = new WebSocket(this.opts.url, this.opts.protocols ?? [], {
      headers: this.opts.headers, handshakeTimeout: this.opts.heartbeatTimeoutMs, ...(this.opts.maxPayload ? { maxPayload: this.opts.maxPayload } : {}),
    });
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      this.handshakeStatus = res.statusCode ?? 0;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      this.armHeartbeat();
      this.armPings(ws);
      this.subject.next({ type: 'open', at: this.now() });
    });
    ws.on('ping', () => this.heard());
    ws.on('pong', () => this.heard());
    ws.on('message', (data, isBinary) => {
      // A connection that delivers data is healthy: the backoff starts over after the next drop.
      this.attempt = 0;
      this.heard();
      this.subject.next(new TextMessage(this.now(), isBinary ? null : data));
    });
    ws.on('error', () => undefined); // Every error is followed by 'close', which decides what happens next.
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString()));
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.clearTimers();
    this.ws = null;
    if (this.stopped) return;
    const status = this.handshakeStatus;
    if (status != null && (this.opts.fatalStatuses ?? [401, 403]).includes(status)) {
      this.stopped = true;
      this.subject.next({ type: 'fatal', at: this.now(), status });
      this.subject.complete();
      return;
    }
    const retryInMs = fullJitterDelayMs(this.attempt, this.opts.reconnectMinMs, this.opts.reconnectMaxMs, this.opts.random);
    this.attempt++;
    this.subject.next({ type: 'closed', at: this.now(), code: status ?? code, reason: redact(reason).slice(0, 120), retryInMs });
    this.retryTimer = this.opts.clock.scheduler.schedule(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, retryInMs);
  }

  /**
   * A message, ping or pong arrived: the heartbeat deadline moves. Only the time is noted here (thousands
   * of frames a second would otherwise each cancel and create a timer); the one armed timer re-arms
   * itself for the rest of the window when it finds the connection was heard from meanwhile.
   */
  private heard(): void {
    this.lastHeardAt = this.now();
  }

  private armHeartbeat(): void {
    this.heartbeat?.unsubscribe();
    this.lastHeardAt = this.now();
    const check = (waitMs: number): Subscription => this.opts.clock.scheduler.schedule(() => {
      const silentMs = this.now() - this.lastHeardAt;
      if (silentMs < this.opts.heartbeatTimeoutMs) {
        this.heartbeat = check(this.opts.heartbeatTimeoutMs - silentMs);
        return;
      }
      this.heartbeat = null;
      this.subject.next({ type: 'heartbeat_timeout', at: this.now() });
      this.ws?.terminate();
    }, waitMs);
    this.heartbeat = check(this.opts.heartbeatTimeoutMs);
  }

  private armPings(ws: WebSocket): void {
    const every = this.opts.pingIntervalMs;
    if (!every) return;
    this.pinger?.unsubscribe();
    this.pinger = this.opts.clock.scheduler.schedule(function (this: SchedulerAction<undefined>) {
      if (ws.readyState === WebSocket.OPEN) ws.ping();
      this.schedule(undefined, every);
    }, every);
  }

  private clearTimers(): void {
    this.pinger?.unsubscribe();
    this.pinger = null;
    this.heartbeat?.unsubscribe();
    this.heartbeat = null;
    this.retryTimer?.unsubscribe();
    this.retryTimer = null;
  }
}
