import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeServer } from './types.js';
import { cbrlFeed, priceData, txsData, type FeedItem } from './birdeye-ws-feed.js';
import { newPools } from './birdeye-ws-data.js';

/** Fault knobs of the Birdeye WebSocket fake. */
export interface BirdeyeWsFaults {
  /** Server ping interval, ms (the real server pings about every 30 s). */
  pingIntervalMs: number;
  /** Terminate every connection this often, ms (null = never). */
  dropEveryMs: number | null;
  /** Share of pushed messages preceded by a garbage frame, 0..1 (deterministic: every 1/rate-th). */
  garbageRate: number;
  /** Send nothing at all (no pings, no data) while true. */
  silent: boolean;
  /** Refuse every handshake with this status (null = accept good keys). */
  refuseHandshake: 401 | 403 | null;
  /** Send token legs with `price: null` and no tokenPrice/priceMark. */
  dropOptional: boolean;
}

interface PriceSub { addresses: Set<string> }
interface TxsSub { addresses: Set<string>; complex: boolean }
interface Client { ws: WebSocket; price: PriceSub | null; txs: TxsSub | null; listings: boolean; pairs: boolean; subscribed: boolean }

const ADDRESS_IN_QUERY = /(?:address|pairAddress)\s*=\s*([1-9A-HJ-NP-Za-km-z]{32,44})/g;

/**
 * Loopback Birdeye WebSocket (api-contracts.md §2): `/socket/solana?x-api-key=`, echo-protocol, WELCOME on
 * connect, server pings, SUBSCRIBE_* (simple and complex), and the real CBRL market streamed on demand from
 * a cursor that can be moved back to re-send after a reconnect.
 */
export class FakeBirdeyeWs implements FakeServer<BirdeyeWsFaults> {
  readonly name = 'birdeye-ws';
  readonly hits = new Map<string, number>();
  faults: BirdeyeWsFaults = { pingIntervalMs: 30_000, dropEveryMs: null, garbageRate: 0, silent: false, refuseHandshake: null, dropOptional: false };
  server?: Server;
  readonly feed: FeedItem[] = cbrlFeed();
  /** Index of the next feed item push() sends. */
  cursor = 0;
  /** Send TOKEN_NEW_LISTING_DATA `liquidityAddedAt` as an ISO-8601 string instead of unix seconds. */
  listingTimeAsIso = false;
  /**
   * Connections that made a price subscription, counted when they make it: a reconnect that subscribes and
   * is dropped again between two looks at priceSubscriptions() still counts here.
   */
  subscribedConnections = 0;
  /** Open connections terminated by dropAll() (a drop while nobody is connected drops nothing). */
  droppedConnections = 0;
  private readonly clients = new Set<Client>();
  private wss?: WebSocketServer;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private pushed = 0;
  private stopped = false;
  private url = '';

  constructor(readonly apiKey = 'test-birdeye-key') {}

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('echo-protocol') ? 'echo-protocol' : false) });
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/socket/solana`;
    this.every('ping', () => this.faults.pingIntervalMs, () => !this.faults.silent && this.clients.forEach((c) => c.ws.ping()));
    this.every('drop', () => this.faults.dropEveryMs ?? 1_000, () => this.faults.dropEveryMs != null && this.dropAll());
    return this.url;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.clients.forEach((c) => c.ws.terminate());
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  env(): Record<string, string> {
    return { BIRDEYE_WS_URL: this.url, BIRDEYE_API_KEY: this.apiKey };
  }

  get connections(): number {
    return this.clients.size;
  }

  /** Addresses each open connection is subscribed to for prices, in connection order. */
  priceSubscriptions(): string[][] {
    return [...this.clients].map((c) => [...(c.price?.addresses ?? [])]);
  }

  /** Sends the next `n` feed items to their subscribers; returns how many frames went out. */
  push(n: number): number {
    let sent = 0;
    for (let i = 0; i < n && this.cursor < this.feed.length; i++) {
      const item = this.feed[this.cursor++];
      this.pushed++;
      if (this.faults.garbageRate > 0 && this.pushed % Math.round(1 / this.faults.garbageRate) === 0) this.sendGarbage();
      for (const c of this.clients) if (this.sendItem(c, item)) sent++;
    }
    return sent;
  }

  /** Moves the cursor (e.g. back to where a dropped connection stopped receiving). */
  seek(cursor: number): void {
    this.cursor = Math.max(0, Math.min(cursor, this.feed.length));
  }

  /**
   * Sends a frame as given (e.g. a recorded TXS_DATA) to every client subscribed to transactions of an address
   * the frame's legs name; returns how many got it.
   */
  pushRaw(frame: { type: string; data: { from?: { address?: string }; to?: { address?: string } } }): number {
    const addrs = [frame.data.from?.address, frame.data.to?.address];
    let sent = 0;
    for (const c of this.clients) if (c.txs && addrs.some((a) => a !== undefined && c.txs!.addresses.has(a)) && this.send(c, frame)) sent++;
    return sent;
  }

  /** Real new pools as TOKEN_NEW_LISTING_DATA and NEW_PAIR_DATA to their subscribers. */
  pushDiscoveries(n: number): void {
    for (const p of newPools(n)) {
      // liquidityAddedAt is documented in unix seconds but has been seen as an ISO-8601 string (§10).
      const addedAt = this.listingTimeAsIso ? new Date(p.createdSec * 1000).toISOString() : p.createdSec;
      const listing = { type: 'TOKEN_NEW_LISTING_DATA', data: { address: p.mint, decimals: 6, name: p.symbol, symbol: p.symbol, liquidity: p.liquidityUsd.toFixed(6), liquidityAddedAt: addedAt } };
      const pair = {
        type: 'NEW_PAIR_DATA',
        data: { address: p.pool, name: `${p.symbol}-QUOTE`, source: p.dex, base: { address: p.mint, symbol: p.symbol, name: p.symbol, decimals: 6 }, quote: { address: p.quote }, txHash: null, blockTime: p.createdSec },
      };
      for (const c of this.clients) {
        if (c.listings) this.send(c, listing);
        if (c.pairs) this.send(c, pair);
      }
    }
  }

  /** Frames that are not Birdeye messages: bad JSON, JSON without a type, a PRICE_DATA with a broken body. */
  sendGarbage(): void {
    const frames = ['{"type":"PRICE_DATA","data":', 'not json at all', '{"data":{}}', '{"type":"PRICE_DATA","data":{"o":"x","type":"1m","address":"A"}}'];
    const frame = frames[(this.hits.get('garbage') ?? 0) % frames.length];
    this.count('garbage');
    this.clients.forEach((c) => c.ws.send(frame));
  }

  /** Terminates every connection without a close frame, like a dropped network. */
  dropAll(): void {
    this.count('drop');
    this.droppedConnections += this.clients.size;
    this.clients.forEach((c) => c.ws.terminate());
  }

  private upgrade(req: import('node:http').IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.count('handshake');
    const status = url.pathname !== '/socket/solana' && url.pathname !== '/socket' ? 404
      : this.faults.refuseHandshake ?? (url.searchParams.get('x-api-key') === this.apiKey ? null : 401);
    if (status != null) {
      this.count(`handshake_${status}`);
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : 'Unauthorized'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    this.wss!.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const client: Client = { ws, price: null, txs: null, listings: false, pairs: false, subscribed: false };
    this.clients.add(client);
    ws.on('close', () => this.clients.delete(client));
    ws.on('message', (raw) => this.onMessage(client, raw.toString()));
    this.send(client, { type: 'WELCOME', data: null });
  }

  private onMessage(c: Client, text: string): void {
    let msg: { type?: string; data?: { queryType?: string; query?: string; address?: string; pairAddress?: string } };
    try {
      msg = JSON.parse(text);
    } catch {
      this.send(c, { type: 'ERROR', data: { message: 'invalid message' } });
      return;
    }
    this.count(msg.type ?? 'untyped');
    const d = msg.data ?? {};
    const complex = d.queryType === 'complex';
    const addresses = new Set(complex ? [...(d.query ?? '').matchAll(ADDRESS_IN_QUERY)].map((m) => m[1]) : [d.address, d.pairAddress].filter((a): a is string => !!a));
    switch (msg.type) {
      case 'SUBSCRIBE_PRICE':
        c.price = { addresses };
        if (!c.subscribed && addresses.size > 0) {
          c.subscribed = true;
          this.subscribedConnections += 1;
        }
        break;
      case 'SUBSCRIBE_TXS': c.txs = { addresses, complex }; break;
      case 'UNSUBSCRIBE_PRICE': c.price = null; break;
      case 'UNSUBSCRIBE_TXS': c.txs = null; break;
      case 'SUBSCRIBE_TOKEN_NEW_LISTING': c.listings = true; break;
      case 'SUBSCRIBE_NEW_PAIR': c.pairs = true; break;
      default: this.send(c, { type: 'ERROR', data: { message: `unknown type ${msg.type}` } });
    }
  }

  private sendItem(c: Client, item: FeedItem): boolean {
    if (item.kind === 'price' && c.price?.addresses.has(item.address)) return this.send(c, priceData(item));
    if (item.kind === 'txs' && (c.txs?.addresses.has(item.address) || c.txs?.addresses.has(item.pool))) {
      return this.send(c, txsData(item, c.txs.complex, this.faults.dropOptional));
    }
    return false;
  }

  private send(c: Client, message: object): boolean {
    if (this.faults.silent || c.ws.readyState !== c.ws.OPEN) return false;
    c.ws.send(JSON.stringify(message));
    return true;
  }

  private count(route: string): void {
    this.hits.set(route, (this.hits.get(route) ?? 0) + 1);
  }

  /** A repeating timer whose period is read each time, so knobs can change while running. */
  private every(name: string, period: () => number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      fn();
      this.every(name, period, fn);
    }, period());
    t.unref();
    this.timers.set(name, t);
  }
}
