import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { listenOnLoopback } from './listen.js';

// The shared part of the alert receivers' loopback fakes (generic webhook, Discord, Telegram): a server on
// 127.0.0.1 port 0 that records every request and answers it in the receiver's own wire format, with faults.

/** Live-adjustable faults. Counts apply to the next N requests, in the order listed. */
export interface AlertFaults {
  /** Never answer (the client's timeout fires). */
  hang: number;
  /** Answer with this status in the receiver's error format (404 deleted webhook, 401 bad token). */
  forceStatus: { status: number; count: number } | null;
  /** Answer 429 in the receiver's format, asking to retry after `retryAfterS` seconds. */
  rateLimit: { count: number; retryAfterS: number };
  /** Answer 503. */
  fail5xx: number;
  /** Delay before every answer, ms. */
  delayMs: number;
}

export const noAlertFaults = (): AlertFaults => ({ hang: 0, forceStatus: null, rateLimit: { count: 0, retryAfterS: 1 }, fail5xx: 0, delayMs: 0 });

/** One request as the receiver saw it. `answered`: its response was fully handed to the socket. */
export interface ReceivedAlert {
  /** performance.now() when the body had arrived. */
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  status: number;
  answered: boolean;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** How one receiver speaks: its success answer, and its error answers (the fault kinds). */
export interface ReceiverWire {
  handle(req: { method: string; path: string; headers: IncomingHttpHeaders; json: unknown }): Answer;
  rateLimited(retryAfterS: number): Answer;
  error(status: number): Answer;
}

export class AlertReceiver {
  readonly received: ReceivedAlert[] = [];
  faults: AlertFaults = noAlertFaults();
  /** Called with each request once its body arrived, before it is answered (tests kill a client here). */
  onRequest: ((r: ReceivedAlert) => void) | null = null;
  private server: Server | null = null;
  private readonly open = new Set<import('node:http').ServerResponse>();

  /** Set by each receiver's constructor. */
  protected wire!: ReceiverWire;

  async start(path = ''): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          json = null;
        }
        const rec: ReceivedAlert = { at: performance.now(), path: req.url ?? '', headers: req.headers, body, json, status: 0, answered: false };
        this.received.push(rec);
        this.onRequest?.(rec);
        const f = this.faults;
        if (f.hang > 0) {
          f.hang -= 1;
          this.open.add(res);
          return;
        }
        let a: Answer;
        if (f.forceStatus && f.forceStatus.count > 0) (f.forceStatus.count -= 1), (a = this.wire.error(f.forceStatus.status));
        else if (f.rateLimit.count > 0) (f.rateLimit.count -= 1), (a = this.wire.rateLimited(f.rateLimit.retryAfterS));
        else if (f.fail5xx > 0) (f.fail5xx -= 1), (a = this.wire.error(503));
        else a = this.wire.handle({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, json });
        rec.status = a.status;
        const send = () => {
          res.on('finish', () => (rec.answered = true));
          res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
          res.end(a.status === 204 ? undefined : JSON.stringify(a.body));
        };
        if (f.delayMs > 0) setTimeout(send, f.delayMs);
        else send();
      });
    });
    return listenOnLoopback(this.server, 5_000, path);
  }

  /** Requests answered 2xx, completely. */
  accepted(): ReceivedAlert[] {
    return this.received.filter((r) => r.answered && r.status >= 200 && r.status < 300);
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
