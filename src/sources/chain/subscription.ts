import { Subject, type Observable, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { BadData, SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import { maskUrl, redact } from '../../config/secrets.js';
import { ConfigError } from '../../config/spec.js';
import { ReconnectingSocket, type SocketEvent } from '../ws/reconnecting-socket.js';
import { fullJitterDelayMs } from '../ws/backoff.js';
import { notificationFromBytes } from './frame-bytes.js';
import { logsSubscribeRequest, logsUnsubscribeRequest, parsePubsubFrame, TAP_PROGRAMS } from './frames.js';
import type { ChainProgram, TxLogs } from './types.js';

export interface LogsSubscriptionOptions {
  /** RPC WebSocket URL (credentials allowed: never shown). */
  wsUrl: string;
  programs: readonly ChainProgram[];
  commitment: 'processed' | 'confirmed' | 'finalized';
  heartbeatTimeoutMs: number;
  pingIntervalMs: number;
  maxPayloadBytes: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  clock: Clock;
  random?: () => number;
}

/** One transaction's logs as received, with the raw frame (recorded for replay) and its receipt time. */
export interface ReceivedLogs {
  program: ChainProgram;
  tx: TxLogs;
  frame: string;
  /** The frame's raw UTF-8 as received (live frames): recorded verbatim, never re-encoded. */
  bytes?: Uint8Array;
  receivedAt: number;
}

/** A received notification; the frame's text is decoded only if asked for (the recorder copies the bytes). */
export class Received implements ReceivedLogs {
  readonly bytes: Uint8Array | undefined;

  constructor(readonly program: ChainProgram, readonly tx: TxLogs, private readonly raw: { text: string; bytes?: Buffer }, readonly receivedAt: number) {
    this.bytes = raw.bytes;
  }

  get frame(): string {
    return this.raw.text;
  }
}

/**
 * `logsSubscribe` with `{"mentions":[program]}` for every tapped program over one RPC WebSocket. Keeps
 * itself alive (client pings, heartbeat), reconnects with full-jitter backoff and resubscribes every
 * program on each new connection; a refused handshake (403, 429) is a state to wait out, not fatal.
 */
export class LogsSubscription {
  private readonly socket: ReconnectingSocket;
  private readonly events: Subscription;
  private nextId = 1;
  /** Request id -> program, for answers to logsSubscribe. */
  private readonly pending = new Map<number, ChainProgram>();
  /** Server subscription id -> program, on the current connection. */
  private readonly active = new Map<number, ChainProgram>();
  private readonly retries: Subscription[] = [];
  private readonly out = new Subject<ReceivedLogs>();
  private readonly statusSubject = new Subject<SourceStatus>();
  private readonly bad = new Subject<BadData>();
  readonly counters: SourceCounters = { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
  readonly name: string;
  state: SourceState = 'connecting';
  /** Notifications received since the start, and the newest slot among them. */
  notifications = 0;
  newestSlot: number | null = null;
  readonly logs$: Observable<ReceivedLogs> = this.out.asObservable();
  readonly status$: Observable<SourceStatus> = this.statusSubject.asObservable();
  readonly badData$: Observable<BadData> = this.bad.asObservable();

  constructor(private readonly opts: LogsSubscriptionOptions) {
    this.name = maskUrl(opts.wsUrl);
    this.socket = new ReconnectingSocket({
      url: opts.wsUrl, name: this.name, heartbeatTimeoutMs: opts.heartbeatTimeoutMs, pingIntervalMs: opts.pingIntervalMs,
      maxPayload: opts.maxPayloadBytes, reconnectMinMs: opts.reconnectMinMs, reconnectMaxMs: opts.reconnectMaxMs,
      clock: opts.clock, random: opts.random, fatalStatuses: [],
    });
    this.events = this.socket.events$.subscribe((e) => this.onEvent(e));
  }

  /** Programs currently subscribed on the open connection. */
  get subscribed(): number {
    return this.active.size;
  }

  start(): void {
    this.socket.start();
  }

  /** Unsubscribes every program (best effort, waits up to `graceMs` for the answers) and closes. */
  async stop(graceMs = 200): Promise<void> {
    for (const r of this.retries) r.unsubscribe();
    for (const sub of this.active.keys()) this.send(logsUnsubscribeRequest(this.nextId++, sub));
    const until = Date.now() + graceMs;
    while (this.active.size > 0 && this.socket.isOpen && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    this.events.unsubscribe();
    this.socket.stop();
    this.out.complete();
    this.statusSubject.complete();
    this.bad.complete();
  }

  private send(message: object): boolean {
    const sent = this.socket.send(message);
    if (sent) this.counters.requests++;
    return sent;
  }

  private subscribe(program: ChainProgram): void {
    const id = this.nextId++;
    this.pending.set(id, program);
    this.send(logsSubscribeRequest(id, TAP_PROGRAMS[program], this.opts.commitment));
  }

  private onEvent(e: SocketEvent): void {
    switch (e.type) {
      case 'connecting':
        return this.emit('connecting', e.at, e.attempt ? `attempt ${e.attempt + 1}` : null);
      case 'open':
        this.active.clear();
        this.pending.clear();
        for (const p of this.opts.programs) this.subscribe(p);
        return this.emit('connecting', e.at, `subscribing ${this.opts.programs.length} programs`);
      case 'message':
        return this.onMessage(e);
      case 'heartbeat_timeout':
        return this.emit('stale', e.at, `no message or pong for ${this.opts.heartbeatTimeoutMs} ms; reconnecting`);
      case 'closed': {
        this.counters.retries++;
        this.active.clear();
        const refused = e.code === 403 || e.code === 401 || e.code === 429;
        if (e.code === 429) this.counters.rateLimited++;
        const detail = refused ? `refused the WebSocket (HTTP ${e.code}); retrying` : `closed (${e.code}); reconnecting`;
        // A refused handshake is a keyless endpoint refusing us (blocked) or throttling us (rate limited).
        return this.emit(e.code === 429 ? 'rate_limited' : refused ? 'blocked' : 'retrying', e.at, detail, e.at + e.retryInMs);
      }
      case 'fatal':
        return this.emit('failed', e.at, `refused (HTTP ${e.status})`);
    }
  }

  /** A notification is read from the frame's bytes when it can be (no text, no object tree); anything else from its text. */
  private onMessage(e: { text: string; at: number; bytes?: Buffer }): void {
    const fast = e.bytes ? notificationFromBytes(e.bytes) : null;
    if (fast) return this.onNotification(fast.subscription, fast.tx, e.at, e);
    this.onFrame(e.text, e.at, e);
  }

  private onNotification(subscription: number, tx: TxLogs, at: number, raw: { text: string; bytes?: Buffer }): void {
    const program = this.active.get(subscription);
    if (!program) return this.badFrame('params.subscription', `unknown subscription ${subscription}`, at);
    this.notifications++;
    if (this.newestSlot === null || tx.slot > this.newestSlot) this.newestSlot = tx.slot;
    this.out.next(new Received(program, tx, raw, at));
  }

  private onFrame(text: string, at: number, raw: { text: string; bytes?: Buffer }): void {
    const f = parsePubsubFrame(text);
    switch (f.type) {
      case 'notification':
        return this.onNotification(f.subscription, f.tx, at, raw);
      case 'result': {
        const program = this.pending.get(f.id);
        if (!program) return; // logsUnsubscribe answers (true) and stale ids
        this.pending.delete(f.id);
        if (typeof f.result !== 'number') return this.badFrame('result', 'subscription id is not a number', at);
        this.active.set(f.result, program);
        if (this.active.size === this.opts.programs.length) this.emit('ok', at, `subscribed ${this.active.size} programs`);
        return;
      }
      case 'error': {
        this.counters.errors++;
        const program = f.id === null ? undefined : this.pending.get(f.id);
        if (!program) return this.emit(this.state, at, `server error: ${f.message}`);
        this.pending.delete(f.id!);
        // A refused subscription (rate limit, method disabled) is tried again after a backoff.
        const wait = fullJitterDelayMs(3, this.opts.reconnectMinMs, this.opts.reconnectMaxMs, this.opts.random);
        this.retries.push(this.opts.clock.scheduler.schedule(() => this.socket.isOpen && this.subscribe(program), wait));
        return this.emit('retrying', at, `logsSubscribe ${program} refused: ${f.message}`, at + wait);
      }
      case 'bad':
        return this.badFrame(f.field, f.reason, at);
    }
  }

  private badFrame(field: string, reason: string, at: number): void {
    this.counters.badPayloads++;
    this.bad.next({ source: 'chain', endpoint: this.name, field, reason: redact(reason).slice(0, 200), at });
  }

  emit(state: SourceState, at: number, detail: string | null, nextAttemptAt: number | null = null): void {
    this.state = state;
    this.statusSubject.next({
      source: 'chain', endpoint: this.name, state, at, detail: detail === null ? null : redact(detail).slice(0, 240),
      nextAttemptAt, ratePerMin: null, budgetPerMin: null, counters: { ...this.counters },
    });
  }
}

/** The RPC WebSocket URL: the configured one, else derived from the first RPC URL (https -> wss, http -> ws). */
export function wsUrlFor(wsUrl: string, rpcUrls: readonly string[]): string {
  const out = wsUrl.trim() !== '' ? wsUrl.trim() : (rpcUrls[0] ?? 'https://api.mainnet-beta.solana.com').replace(/^https:/i, 'wss:').replace(/^http:/i, 'ws:');
  let protocol: string;
  try {
    protocol = new URL(out).protocol;
  } catch {
    throw new ConfigError('sources.chain.wsUrl', 'config key sources.chain.wsUrl (SOLANA_WS_URL): expected a ws(s) URL, got something that is not a URL');
  }
  if (protocol !== 'ws:' && protocol !== 'wss:') throw new ConfigError('sources.chain.wsUrl', `config key sources.chain.wsUrl (SOLANA_WS_URL): expected a ws(s) URL, got protocol ${protocol}`);
  return out;
}
