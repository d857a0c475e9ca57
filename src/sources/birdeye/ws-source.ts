import { Subject, type Observable, type Subscription } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { Candle, Trade } from '../../domain/market.js';
import type { BadData, SourceCounters, SourceState, SourceStatus } from '../../domain/status.js';
import type { Config } from '../../config/load.js';
import { redact, registerSecret } from '../../config/secrets.js';
import { ReconnectingSocket, type SocketEvent } from '../ws/reconnecting-socket.js';
import { assignAddresses, subscribeNewListings, subscribeNewPairs, subscribePrice, subscribeTxs, unsubscribe } from './ws-messages.js';
import { handleFrame } from './ws-frames.js';
import type { Discovery } from './ws-map.js';

export interface BirdeyeWsOptions {
  /** WebSocket URL with the chain path (sources.birdeye.wsUrl); the key is appended as x-api-key. */
  wsUrl: string;
  apiKey: string;
  /** Addresses per connection before another is opened (default 100, Birdeye's per-connection cap). */
  addressesPerConnection: number;
  heartbeatTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  chartType: string;
  newListings: boolean;
  newPairs: boolean;
  minListingLiquidityUsd: number;
  clock: Clock;
  random?: () => number;
}

export function birdeyeWsOptionsFrom(sources: Pick<Config['sources'], 'birdeye' | 'birdeyeWs'>, clock: Clock): BirdeyeWsOptions {
  const { birdeye, birdeyeWs } = sources;
  return {
    wsUrl: birdeye.wsUrl, apiKey: birdeye.apiKey, addressesPerConnection: birdeye.wsAddressesPerConnection,
    heartbeatTimeoutMs: birdeyeWs.heartbeatTimeoutMs, reconnectMinMs: birdeyeWs.reconnectMinMs, reconnectMaxMs: birdeyeWs.reconnectMaxMs,
    chartType: birdeyeWs.chartType, newListings: birdeyeWs.newListings, newPairs: birdeyeWs.newPairs,
    minListingLiquidityUsd: birdeyeWs.minListingLiquidityUsd, clock,
  };
}

/** The key was refused at the handshake (401/403): fatal, the scanner should say so once and exit. */
export class BirdeyeWsAuthError extends Error {
  readonly code = 'BIRDEYE_API_KEY_REJECTED';
  override readonly name = 'BirdeyeWsAuthError';
  constructor(readonly status: number) {
    super(`BIRDEYE_API_KEY rejected by the Birdeye WebSocket (HTTP ${status}); the WebSocket needs a Business plan key`);
  }
}

interface Connection {
  name: string;
  socket: ReconnectingSocket;
  addresses: string[];
  /** Carries the address-free discovery subscriptions. */
  discovery: boolean;
  events: Subscription;
}

/**
 * Birdeye WebSocket source: live 1m candles and swaps for the watched mints, plus new listings and new
 * pairs. Opens one connection per `addressesPerConnection` addresses; each reconnect resubscribes
 * everything that connection carries.
 */
export class BirdeyeWsSource {
  private readonly conns: Connection[] = [];
  private nextId = 1;
  private readonly counters: SourceCounters = { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 };
  private readonly candles = new Subject<Candle>();
  private readonly trades = new Subject<Trade>();
  private readonly discoveries = new Subject<Discovery>();
  private readonly status = new Subject<SourceStatus>();
  private readonly bad = new Subject<BadData>();
  private started = false;
  readonly candles$: Observable<Candle> = this.candles.asObservable();
  readonly trades$: Observable<Trade> = this.trades.asObservable();
  readonly discoveries$: Observable<Discovery> = this.discoveries.asObservable();
  readonly status$: Observable<SourceStatus> = this.status.asObservable();
  readonly badData$: Observable<BadData> = this.bad.asObservable();

  constructor(private readonly opts: BirdeyeWsOptions) {
    registerSecret(opts.apiKey);
  }

  /** Counters since the start (all connections), as of now. */
  get currentCounters(): SourceCounters {
    return { ...this.counters };
  }

  get connectionCount(): number {
    return this.conns.length;
  }

  /** Opens the discovery connection (when enabled) and any connection addresses need. */
  start(): void {
    this.started = true;
    if ((this.opts.newListings || this.opts.newPairs) && this.conns.length === 0) this.open([], true);
    for (const c of this.conns) c.socket.start();
  }

  /** Sets the watched mints; connections are added, resubscribed or closed to match. */
  setAddresses(mints: readonly string[]): void {
    const groups = assignAddresses(this.conns.map((c) => c.addresses), mints, this.opts.addressesPerConnection);
    groups.forEach((group, i) => {
      const conn = this.conns[i];
      if (!conn) return void (group.length && this.open(group, false));
      if (sameList(conn.addresses, group) || group.length === 0) return;
      const hadAny = conn.addresses.length > 0;
      conn.addresses = group;
      this.subscribeAddresses(conn, hadAny);
    });
    // Connections left without addresses close, except the one carrying discovery subscriptions.
    for (let i = this.conns.length - 1; i >= 0; i--) {
      const c = this.conns[i];
      if (groups[i]?.length) continue;
      if (!c.discovery) this.close(i);
      else if (c.addresses.length) {
        c.addresses = [];
        this.subscribeAddresses(c, true);
      }
    }
  }

  stop(): void {
    while (this.conns.length) this.close(this.conns.length - 1);
    for (const s of [this.candles, this.trades, this.discoveries, this.status, this.bad]) s.complete();
  }

  private open(addresses: string[], discovery: boolean): void {
    const name = `birdeye-ws#${this.nextId++}`;
    const sep = this.opts.wsUrl.includes('?') ? '&' : '?';
    const socket = new ReconnectingSocket({
      url: `${this.opts.wsUrl}${sep}x-api-key=${encodeURIComponent(this.opts.apiKey)}`, name,
      protocols: ['echo-protocol'], headers: { Origin: 'https://birdeye.so' },
      heartbeatTimeoutMs: this.opts.heartbeatTimeoutMs, reconnectMinMs: this.opts.reconnectMinMs,
      reconnectMaxMs: this.opts.reconnectMaxMs, clock: this.opts.clock, random: this.opts.random,
    });
    const conn: Connection = { name, socket, addresses, discovery: discovery || this.conns.length === 0, events: null! };
    conn.events = socket.events$.subscribe((e) => this.onEvent(conn, e));
    this.conns.push(conn);
    if (this.started) socket.start();
  }

  private close(i: number): void {
    const [c] = this.conns.splice(i, 1);
    c.events.unsubscribe();
    c.socket.stop();
  }

  private subscribeAddresses(conn: Connection, replacing: boolean): void {
    if (conn.addresses.length) {
      this.send(conn, subscribePrice(conn.addresses, this.opts.chartType));
      this.send(conn, subscribeTxs(conn.addresses));
    } else if (replacing) {
      this.send(conn, unsubscribe('UNSUBSCRIBE_PRICE'));
      this.send(conn, unsubscribe('UNSUBSCRIBE_TXS'));
    }
  }

  private send(conn: Connection, message: object): void {
    if (conn.socket.send(message)) this.counters.requests++;
  }

  private onEvent(conn: Connection, e: SocketEvent): void {
    switch (e.type) {
      case 'connecting':
        return this.emit(conn, 'connecting', e.at, e.attempt ? `attempt ${e.attempt + 1}` : null);
      case 'open':
        this.subscribeAddresses(conn, false);
        if (conn.discovery && this.opts.newListings) this.send(conn, subscribeNewListings(this.opts.minListingLiquidityUsd));
        if (conn.discovery && this.opts.newPairs) this.send(conn, subscribeNewPairs(this.opts.minListingLiquidityUsd));
        return this.emit(conn, 'ok', e.at, `subscribed ${conn.addresses.length} addresses`);
      case 'message':
        return handleFrame(e.text, e.at, new Set(conn.addresses), {
          candle: (c) => this.deliver(this.candles, c),
          trade: (t) => this.deliver(this.trades, t),
          discovery: (d) => this.deliver(this.discoveries, d),
          bad: (field, reason) => this.badFrame(conn, field, reason, e.at),
          serverError: (message) => {
            this.counters.errors++;
            this.emit(conn, 'ok', e.at, `server error: ${message}`);
          },
        });
      case 'heartbeat_timeout':
        return this.emit(conn, 'stale', e.at, `no message or ping for ${this.opts.heartbeatTimeoutMs} ms; reconnecting`);
      case 'closed':
        this.counters.retries++;
        return this.emit(conn, 'retrying', e.at, `closed (${e.code}); reconnecting`, e.at + e.retryInMs);
      case 'fatal':
        return this.fatal(conn, new BirdeyeWsAuthError(e.status), e.at);
    }
  }

  private deliver<T>(subject: Subject<T>, record: T): void {
    this.counters.records++;
    subject.next(record);
  }

  private badFrame(conn: Connection, field: string, reason: string, at: number): void {
    this.counters.badPayloads++;
    this.bad.next({ source: 'birdeye', endpoint: conn.name, field, reason: redact(reason).slice(0, 200), at });
  }

  private fatal(conn: Connection, err: BirdeyeWsAuthError, at: number): void {
    this.counters.errors++;
    this.emit(conn, 'failed', at, err.message);
    while (this.conns.length) this.close(this.conns.length - 1);
    for (const s of [this.candles, this.trades, this.discoveries]) s.error(err);
    this.status.complete();
    this.bad.complete();
  }

  private emit(conn: Connection, state: SourceState, at: number, detail: string | null, nextAttemptAt: number | null = null): void {
    this.status.next({
      source: 'birdeye', endpoint: conn.name, state, at, detail: detail == null ? null : redact(detail),
      nextAttemptAt, ratePerMin: null, budgetPerMin: null, counters: { ...this.counters },
    });
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
