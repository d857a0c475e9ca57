import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeServer } from './types.js';
import { logsNotificationFrame, TAP_PROGRAMS } from '../../src/sources/chain/frames.js';
import type { ChainProgram, TxLogs } from '../../src/sources/chain/types.js';

/** Fault knobs of the Solana pubsub fake. */
export interface SolanaWsFaults {
  /** Close every connection after this many notifications sent on it (null = never): a mid-stream drop. */
  dropAfterFrames: number | null;
  /** After a reconnect, re-send this many of the last notifications of each program (the overlap a resume gives). */
  replayOnResubscribe: number;
  /** Every n-th notification is sent twice (0 = never). */
  duplicateEvery: number;
  /** Every n-th notification is preceded by a garbage frame (0 = never). */
  garbageEvery: number;
  /** Refuse the next handshakes with this status (429, 403) while `refusals` > 0. */
  refuseStatus: 403 | 429;
  refusals: number;
  /** Answer logsSubscribe with an error while > 0 (the public RPC's "rate limited" answer). */
  subscribeErrors: number;
}

/** One notification to serve: the program subscription it belongs to and the transaction's logs. */
export interface FeedTx {
  program: ChainProgram;
  tx: Pick<TxLogs, 'signature' | 'slot' | 'err' | 'logs'>;
}

interface Client { ws: WebSocket; subs: Map<ChainProgram, number>; sent: number }

const PROGRAM_OF = new Map(Object.entries(TAP_PROGRAMS).map(([name, id]) => [id, name as ChainProgram]));

/**
 * Loopback Solana RPC pubsub (127.0.0.1, port 0): logsSubscribe `{"mentions":[program]}` -> a subscription
 * id, logsNotification frames for queued transactions, logsUnsubscribe -> true. Notifications wait in a
 * queue while no client subscribes their program, so a test can check that nothing is lost across a
 * reconnect; faults add drops, duplicates, garbage, refused handshakes and refused subscriptions.
 */
export class FakeSolanaWs implements FakeServer<SolanaWsFaults> {
  readonly name = 'solana-ws';
  readonly hits = new Map<string, number>();
  faults: SolanaWsFaults = { dropAfterFrames: null, replayOnResubscribe: 0, duplicateEvery: 0, garbageEvery: 0, refuseStatus: 429, refusals: 0, subscribeErrors: 0 };
  server?: Server;
  private wss?: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly queue: FeedTx[] = [];
  private readonly history = new Map<ChainProgram, FeedTx[]>();
  private nextSub = 100;
  private sentTotal = 0;
  private url = '';
  /** Every request received, in order (method and params). */
  readonly requests: Array<{ method: string; params: unknown }> = [];
  /** Connections accepted so far. */
  connectionsOpened = 0;

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.clients.forEach((c) => c.ws.terminate());
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  env(): Record<string, string> {
    return { SOLANA_WS_URL: this.url };
  }

  get connections(): number {
    return this.clients.size;
  }

  /** Programs subscribed now, over all connections. */
  subscribedPrograms(): ChainProgram[] {
    return [...this.clients].flatMap((c) => [...c.subs.keys()]);
  }

  /** Queues transactions and sends what a subscriber can take now. */
  send(...items: FeedTx[]): void {
    this.queue.push(...items);
    this.flush();
  }

  /** Notifications still waiting for a subscriber. */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * The connection subscribed to `program` and its subscription id, for senders that build frames
   * themselves (the latency benchmark pre-builds them): no queue, no faults. Null when none is subscribed.
   */
  subscriber(program: ChainProgram): { subscription: number; send(text: string): void } | null {
    const c = [...this.clients].find((x) => x.subs.has(program) && x.ws.readyState === x.ws.OPEN);
    return c ? { subscription: c.subs.get(program)!, send: (text) => c.ws.send(text) } : null;
  }

  /**
   * Resolves when every open connection has answered a ping sent now. A ws client handles its frames in
   * order and answers the ping only after it has emitted every message before it, so this proves the
   * scanner has taken in (and handled, synchronously) every frame sent before the call.
   */
  barrier(): Promise<void> {
    const open = [...this.clients].filter((c) => c.ws.readyState === c.ws.OPEN);
    return Promise.all(open.map((c) => new Promise<void>((resolve) => {
      c.ws.once('pong', () => resolve());
      c.ws.ping();
    }))).then(() => undefined);
  }

  /** Closes every connection (the client should reconnect and resubscribe). */
  dropAll(): void {
    this.clients.forEach((c) => c.ws.terminate());
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.hits.set('upgrade', (this.hits.get('upgrade') ?? 0) + 1);
    if (this.faults.refusals > 0) {
      this.faults.refusals--;
      socket.end(`HTTP/1.1 ${this.faults.refuseStatus} ${this.faults.refuseStatus === 429 ? 'Too Many Requests' : 'Forbidden'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    this.wss!.handleUpgrade(req, socket, head, (ws) => {
      this.connectionsOpened++;
      const client: Client = { ws, subs: new Map(), sent: 0 };
      this.clients.add(client);
      ws.on('message', (data) => this.onMessage(client, data.toString()));
      ws.on('close', () => this.clients.delete(client));
    });
  }

  private onMessage(c: Client, text: string): void {
    let m: { id?: unknown; method?: unknown; params?: unknown };
    try {
      m = JSON.parse(text);
    } catch {
      return this.reply(c, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    }
    const method = String(m.method);
    this.requests.push({ method, params: m.params });
    this.hits.set(method, (this.hits.get(method) ?? 0) + 1);
    const params = Array.isArray(m.params) ? m.params : [];
    if (method === 'logsSubscribe') {
      const program = PROGRAM_OF.get((params[0] as { mentions?: string[] })?.mentions?.[0] ?? '');
      if (!program) return this.reply(c, { jsonrpc: '2.0', error: { code: -32602, message: 'Invalid params' }, id: m.id });
      if (this.faults.subscribeErrors > 0) {
        this.faults.subscribeErrors--;
        return this.reply(c, { jsonrpc: '2.0', error: { code: -32005, message: 'Too many requests for a specific RPC call' }, id: m.id });
      }
      const sub = this.nextSub++;
      c.subs.set(program, sub);
      this.reply(c, { jsonrpc: '2.0', result: sub, id: m.id });
      const replay = this.faults.replayOnResubscribe;
      if (replay > 0) for (const item of (this.history.get(program) ?? []).slice(-replay)) this.frame(c, item);
      return this.flush();
    }
    if (method === 'logsUnsubscribe') {
      const sub = params[0];
      const found = [...c.subs].find(([, s]) => s === sub);
      if (found) c.subs.delete(found[0]);
      return this.reply(c, { jsonrpc: '2.0', result: Boolean(found), id: m.id });
    }
    this.reply(c, { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: m.id ?? null });
  }

  private reply(c: Client, body: object): void {
    c.ws.send(JSON.stringify(body));
  }

  private flush(): void {
    while (this.queue.length) {
      const item = this.queue[0];
      const c = [...this.clients].find((x) => x.subs.has(item.program) && x.ws.readyState === x.ws.OPEN);
      if (!c) return;
      this.queue.shift();
      this.frame(c, item);
      const h = this.history.get(item.program) ?? [];
      h.push(item);
      if (h.length > 50) h.shift();
      this.history.set(item.program, h);
      if (this.faults.dropAfterFrames !== null && c.sent >= this.faults.dropAfterFrames) {
        // Drop after this frame: what follows waits in the queue for the next subscription.
        c.subs.clear();
        c.ws.terminate();
      }
    }
  }

  private frame(c: Client, item: FeedTx): void {
    this.sentTotal++;
    c.sent++;
    if (this.faults.garbageEvery > 0 && this.sentTotal % this.faults.garbageEvery === 0) c.ws.send('{"jsonrpc":"2.0","method":"logsNotification","params":{"result":');
    const text = logsNotificationFrame(c.subs.get(item.program)!, item.tx);
    c.ws.send(text);
    if (this.faults.duplicateEvery > 0 && this.sentTotal % this.faults.duplicateEvery === 0) c.ws.send(text);
  }
}
