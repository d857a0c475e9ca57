import { listenOnLoopback } from './listen.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PublicKey } from '@solana/web3.js';
import { defaultFaults, type FakeServer, type Faults } from './types.js';
import { encodeMint, encodeTokenAccount, type EncodedAccount, type MintSpec } from './solana-rpc-mints.js';
import { encodeMetaplexMetadata, metaplexAddress, type MetadataSpec } from './solana-rpc-metadata.js';
import { CLOUDFLARE_CHALLENGE_HEADERS, refusalBody, rpcRefusalBody } from './refusal-bodies.js';
import { seeded } from './http-base.js';

/**
 * Refusals of real RPC endpoints, served with the recorded bodies: `accessForbidden` (the public RPC's HTTP
 * 403 "Access forbidden"), `indexedRequests` (a provider's per-method HTTP 403), `secondaryIndexes` (the
 * public RPC's JSON-RPC -32010), `methodNotFound` (JSON-RPC -32601), `cloudflare` (a challenge page).
 */
export type RpcRefusal = 'accessForbidden' | 'indexedRequests' | 'secondaryIndexes' | 'methodNotFound' | 'cloudflare';

type Json = unknown;
interface RpcRequest { jsonrpc?: string; id?: Json; method?: unknown; params?: unknown }

/** A forced answer for the next HTTP request(s), ahead of the probabilistic faults. */
export interface ScriptedReply {
  status: 429 | 500 | 502 | 503 | 401 | 403;
  retryAfterSeconds?: number;
}

export interface SolanaFakeOptions {
  /** Path the RPC answers on (a provider key in the path, e.g. `/v2/<key>`); other paths get 404. */
  path?: string;
  /** Current epoch reported by getEpochInfo (default 900). */
  epoch?: number;
}

const MAX_MULTIPLE = 100;

/**
 * Loopback Solana JSON-RPC (node:http, 127.0.0.1, port 0) speaking the wire format of api-contracts.md §5:
 * `id` echoed whatever its type, batch requests, getMultipleAccounts capped at 100 keys, 429 bodies shaped
 * like the public endpoint's, and accounts holding real mint bytes.
 */
export class FakeSolanaRpc implements FakeServer {
  readonly name = 'solana';
  faults: Faults = defaultFaults();
  readonly hits = new Map<string, number>();
  /** Every JSON-RPC call received, in order. */
  readonly calls: Array<{ method: string; params: unknown[] }> = [];
  server?: Server;
  private readonly accounts = new Map<string, EncodedAccount>();
  private readonly largest = new Map<string, Array<{ address: string; amount: bigint }>>();
  private readonly transactions = new Map<string, Json>();
  private readonly script: ScriptedReply[] = [];
  /** Method -> the refusal it gets while `count` lasts (Infinity: for good). */
  readonly refusals = new Map<string, { refusal: RpcRefusal; count: number }>();
  private readonly windowHits: number[] = [];
  private random = seeded(1);
  private slot = 371_240_100;
  private url = '';
  private readonly path: string;
  readonly epoch: number;

  constructor(opts: SolanaFakeOptions = {}) {
    this.path = opts.path ?? '/';
    this.epoch = opts.epoch ?? 900;
  }

  async start(): Promise<string> {
    this.random = seeded(this.faults.seed);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.url = await listenOnLoopback(this.server, 5_000, this.path);
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  env(): Record<string, string> {
    return { SOLANA_RPC_URL: this.url };
  }

  /** Registers a mint; returns its address (a fresh valid key unless given). */
  addMint(address: string, spec: MintSpec): string {
    this.accounts.set(new PublicKey(address).toBase58(), encodeMint(spec, address));
    return address;
  }

  /** Registers the Metaplex Token Metadata account of a mint (at its PDA), as getMultipleAccounts then serves it. */
  addMetadata(mint: string, spec: MetadataSpec): string {
    const address = metaplexAddress(mint);
    this.accounts.set(address, encodeMetaplexMetadata(mint, spec));
    return address;
  }

  /** Registers any account (e.g. a wallet owned by the system program, to test non-mint handling). */
  addAccount(address: string, account: EncodedAccount): void {
    this.accounts.set(address, account);
  }

  /** A `getTransaction` result (as the RPC sends it) served for `signature`; unknown signatures get null. */
  addTransaction(signature: string, result: Json): void {
    this.transactions.set(signature, result);
  }

  /** Balances (raw) of the largest token accounts of a mint, any order (accounts at made-up addresses, not served). */
  setLargestAccounts(mint: string, amounts: bigint[]): void {
    this.largest.set(mint, amounts.map((amount, i) => ({ address: new PublicKey(Buffer.alloc(32, i + 1)).toBase58(), amount })));
  }

  /**
   * The largest token accounts of a mint as real token accounts: each is served by getMultipleAccounts with
   * the SPL layout (mint, owner, amount), owned by the mint's token program, and listed by getTokenLargestAccounts.
   */
  setHolders(mint: string, holders: ReadonlyArray<{ address: string; owner: string; amount: bigint }>): void {
    const program = this.accounts.get(mint)?.owner ?? new PublicKey('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
    for (const h of holders) this.accounts.set(h.address, encodeTokenAccount(mint, h.owner, h.amount, program));
    this.largest.set(mint, holders.map((h) => ({ address: h.address, amount: h.amount })));
  }

  /** Refuses `method` with a recorded refusal, `count` times (default: for good). */
  refuse(method: string, refusal: RpcRefusal, count = Infinity): void {
    this.refusals.set(method, { refusal, count });
  }

  /** Forces the answers of the next HTTP requests, in order. */
  scriptNext(...replies: ScriptedReply[]): void {
    this.script.push(...replies);
  }

  private count(route: string): void {
    this.hits.set(route, (this.hits.get(route) ?? 0) + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.count('http');
    if (this.faults.silent) return; // Hold the socket open and never answer.
    if (this.faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    const pathOnly = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || pathOnly !== this.path) return this.send(res, 404, 'Not Found', 'text/plain');
    if (this.sendRefusal(res, body)) return;
    const fault = this.nextFault();
    if (fault) return this.sendFault(res, fault, body);
    if (this.random() < this.faults.rateMalformed) {
      this.count('http_malformed');
      return this.send(res, 200, '{"jsonrpc":"2.0","result":', 'application/json');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return this.sendJson(res, 200, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    }
    const out = Array.isArray(parsed) ? parsed.map((r) => this.answer(r as RpcRequest)) : this.answer(parsed as RpcRequest);
    this.sendJson(res, 200, out);
  }

  /** Answers a single request whose method is refused; false when none applies. */
  private sendRefusal(res: ServerResponse, body: string): boolean {
    let req: RpcRequest;
    try {
      req = JSON.parse(body) as RpcRequest;
    } catch {
      return false;
    }
    const r = typeof req?.method === 'string' ? this.refusals.get(req.method) : undefined;
    if (!r || r.count <= 0) return false;
    r.count--;
    this.count(`refused_${req.method as string}`);
    const id = req.id ?? null;
    switch (r.refusal) {
      case 'cloudflare':
        res.writeHead(403, CLOUDFLARE_CHALLENGE_HEADERS);
        res.end(refusalBody('cloudflare').text);
        break;
      case 'accessForbidden':
      case 'indexedRequests':
        this.send(res, 403, rpcRefusalBody(r.refusal, id), 'application/json');
        break;
      case 'secondaryIndexes':
        this.send(res, 200, rpcRefusalBody('secondaryIndexes', id), 'application/json');
        break;
      case 'methodNotFound':
        this.sendJson(res, 200, { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id });
        break;
    }
    return true;
  }

  private nextFault(): ScriptedReply | null {
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const now = Date.now();
    if (this.faults.limitPerMinute != null) {
      while (this.windowHits.length && this.windowHits[0] <= now - 60_000) this.windowHits.shift();
      if (this.windowHits.length >= this.faults.limitPerMinute) return this.maybeRetryAfter(429);
      this.windowHits.push(now);
    }
    if (this.random() < this.faults.rate429) return this.maybeRetryAfter(429);
    if (this.random() < this.faults.rate5xx) return { status: ([500, 502, 503] as const)[Math.floor(this.random() * 3)] };
    return null;
  }

  private maybeRetryAfter(status: 429): ScriptedReply {
    return this.random() < this.faults.retryAfterShare ? { status, retryAfterSeconds: this.faults.retryAfterSeconds } : { status };
  }

  private sendFault(res: ServerResponse, fault: ScriptedReply, body: string): void {
    this.count(`http_${fault.status}`);
    let id: Json = 1;
    try {
      id = (JSON.parse(body) as RpcRequest).id ?? 1;
    } catch { /* keep 1 */ }
    if (fault.retryAfterSeconds != null) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
    if (fault.status === 429) {
      const message = 'Too many requests for a specific RPC call, contact your app developer or support@rpcpool.com.';
      return this.sendJson(res, 429, { jsonrpc: '2.0', error: { code: 429, message }, id });
    }
    this.send(res, fault.status, fault.status >= 500 ? 'Internal Server Error' : 'Unauthorized', 'text/plain');
  }

  private answer(req: RpcRequest): Json {
    const id = req?.id ?? null;
    if (req == null || typeof req !== 'object' || typeof req.method !== 'string') {
      return { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid request' }, id };
    }
    const params = Array.isArray(req.params) ? req.params : [];
    this.count(req.method);
    this.calls.push({ method: req.method, params });
    try {
      return { jsonrpc: '2.0', result: this.dispatch(req.method, params), id };
    } catch (e) {
      const err = e as { code?: number; message: string };
      return { jsonrpc: '2.0', error: { code: err.code ?? -32603, message: err.message }, id };
    }
  }

  private dispatch(method: string, params: unknown[]): Json {
    this.slot += 1;
    const context = { apiVersion: '2.2.20', slot: this.slot };
    switch (method) {
      case 'getAccountInfo':
        return { context, value: this.accountJson(this.pubkey(params[0])) };
      case 'getMultipleAccounts': {
        const keys = Array.isArray(params[0]) ? params[0] : [];
        if (keys.length > MAX_MULTIPLE) throw { code: -32602, message: `Too many inputs provided; max ${MAX_MULTIPLE}` };
        return { context, value: keys.map((k) => this.accountJson(this.pubkey(k))) };
      }
      case 'getTokenLargestAccounts':
        return { context, value: this.largestJson(this.pubkey(params[0])) };
      case 'getEpochInfo':
        return { absoluteSlot: this.slot, blockHeight: this.slot - 20_000_000, epoch: this.epoch, slotIndex: 1234, slotsInEpoch: 432_000, transactionCount: 3_400_000_000 };
      case 'getTransaction':
        return this.transactions.get(String(params[0])) ?? null;
      case 'getSlot':
        return this.slot;
      case 'getVersion':
        return { 'solana-core': '2.2.20', 'feature-set': 3294202862 };
      case 'getLatestBlockhash':
        return { context, value: { blockhash: 'EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N', lastValidBlockHeight: this.slot + 150 } };
      case 'getHealth':
        return 'ok';
      default:
        throw { code: -32601, message: 'Method not found' };
    }
  }

  private pubkey(value: unknown): string {
    try {
      return new PublicKey(value as string).toBase58();
    } catch {
      throw { code: -32602, message: 'Invalid param: Invalid' };
    }
  }

  private accountJson(address: string): Json {
    const acc = this.accounts.get(address);
    if (!acc) return null;
    return {
      data: [acc.data.toString('base64'), 'base64'], executable: false, lamports: acc.lamports,
      owner: acc.owner.toBase58(), rentEpoch: 18446744073709551615, space: acc.data.length,
    };
  }

  private largestJson(mint: string): Json {
    const acc = this.accounts.get(mint);
    if (!acc) throw { code: -32602, message: 'Invalid param: could not find mint' };
    const decimals = acc.data.length >= 45 ? acc.data[44] : 0;
    if (!this.isTokenProgram(acc)) throw { code: -32602, message: 'Invalid param: not a Token mint' };
    const entries = [...(this.largest.get(mint) ?? [])].sort((a, b) => (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : 0)).slice(0, 20);
    return entries.map(({ address, amount }) => {
      const ui = Number(amount) / 10 ** decimals;
      return { address, amount: amount.toString(), decimals, uiAmount: ui, uiAmountString: String(ui) };
    });
  }

  private isTokenProgram(acc: EncodedAccount): boolean {
    const o = acc.owner.toBase58();
    return o === 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA' || o === 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
  }

  private sendJson(res: ServerResponse, status: number, body: Json): void {
    this.send(res, status, JSON.stringify(body), 'application/json');
  }

  private send(res: ServerResponse, status: number, text: string, type: string): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}
