import type { Subscription } from 'rxjs';
import type { Config } from '../../config/load.js';
import type { Clock } from '../../clock/clock.js';
import type { Input, MintSecurity } from '../../domain/market.js';
import type { DeferredWrites, Store } from '../../store/index.js';
import { reservesImpact } from '../../sources/http/reserves-impact.js';
import type { LiveSources } from './sources.js';
import { discoverOnce } from './discovery.js';
import { backfill, pollCandles } from './candles-feed.js';
import { every, isFatal } from './loop.js';
import { admit, candleInterval, dueForCandles, evictQuiet, notePool, type Tracked, type Universe } from './universe.js';
import { ChainFeed } from './chain-feed.js';
import { holderRefreshes } from './holder-refresh.js';
import type { FrameLog } from './frame-log.js';
import { decodeTx } from '../../sources/chain/decode.js';

export interface FeedDeps {
  cfg: Config;
  clock: Clock;
  sources: LiveSources;
  universe: Universe;
  store: Store;
  /** Into the pipeline (and the session recording). */
  push(input: Input): void;
  /** A source failed for good (rejected key): the scan stops. */
  fatal(err: unknown): void;
  /** A round failed but the scan goes on (already visible in the source's status). */
  warn(what: string, err: unknown): void;
  /** Where the chain tap's raw frames are recorded (null: not recorded). */
  frames?: FrameLog | null;
  /** Writes nothing here reads back (lead pools, chain pools, tokens seen/evicted): the recorder's writer thread when recording. */
  writes?: DeferredWrites;
}

/** Candle fetches in flight at most: the GeckoTerminal budget is small, queueing more only adds latency. */
const CANDLE_CONCURRENCY = 2;
const ADMIT_PER_ROUND = 10;

/**
 * The live scanner's schedule: discovery, pool snapshots (price, liquidity, volume, impact), token
 * metadata, mint security and candles, each within its source's budget. Everything it learns reaches
 * the pipeline as inputs; the universe decides what to refresh and how often.
 */
export class Feeds {
  private readonly subs: Subscription[] = [];
  /** Admitted tokens still waiting for their metadata / their mint security. */
  private readonly needMeta = new Set<string>();
  private readonly needSecurity = new Set<string>();
  /** Tokens whose stored mint security is final but whose holder read is old: re-read a few per round. */
  private readonly staleHolders = new Set<string>();
  private candlesInFlight = 0;
  /** Rounds still running; stop() waits for them so nothing touches the store after it closes. */
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;
  /** The chain tap (sources.chain.enabled). */
  chain: ChainFeed | null = null;

  constructor(private readonly d: FeedDeps) {}

  private get writes(): DeferredWrites {
    return this.d.writes ?? this.d.store;
  }

  /** Runs a round unless stopped; its failures are reported unless they come from stopping. */
  private track(name: string, work: () => Promise<void>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const p = work()
      .catch((err) => {
        if (this.stopped) return;
        if (isFatal(err)) this.d.fatal(err);
        else this.d.warn(name, err);
      })
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
    return p;
  }

  start(watchlist: string[]): void {
    const { cfg, clock } = this.d;
    const now = clock.now();
    for (const m of watchlist) this.admitMint(m, 'watchlist', now, true);
    const loop = (name: string, ms: number, work: () => Promise<void>) => this.subs.push(every(clock, ms, () => this.track(name, work), () => {}));
    if (cfg.scan.discovery) loop('discovery', cfg.scan.discoveryIntervalMs, () => this.discover());
    loop('snapshots', cfg.scan.snapshotIntervalMs, () => this.snapshots());
    loop('metadata', 5_000, () => this.metadata());
    loop('security', 5_000, () => this.security());
    loop('candles', 1_000, () => this.candles());
    loop('evict', 60_000, async () => {
      for (const m of evictQuiet(this.d.universe, this.d.clock.now())) this.d.store.setTokenEvicted(m, true);
      this.syncWebSocket();
    });
    // Name, symbol and decimals read on-chain with the mint batches (no Jupiter needed for what the chain tells).
    this.subs.push(this.d.sources.solana.tokenInfo$.subscribe((t) => {
      if (!t.mint || !this.d.universe.tokens.has(t.mint)) return;
      this.d.store.upsertToken(t);
      this.d.push(t);
    }));
    const sub = this.d.sources.chain;
    if (sub) {
      this.chain = new ChainFeed({
        cfg, clock, sources: this.d.sources, subscription: sub, decode: decodeTx, universe: this.d.universe, store: this.d.store, writes: this.writes, push: this.d.push,
        admit: (mint, now) => this.admitMint(mint, 'chain', now), frames: this.d.frames ?? null,
        evicted: (mints) => {
          for (const m of mints) this.writes.setTokenEvicted(m, true);
          this.syncWebSocket();
        },
        warn: (what, err) => (this.stopped ? undefined : this.d.warn(what, err)),
      });
      this.chain.start();
    }
    const ws = this.d.sources.birdeyeWs;
    if (ws) {
      const fail = (err: unknown) => (this.stopped ? undefined : isFatal(err) ? this.d.fatal(err) : this.d.warn('birdeye websocket', err));
      this.subs.push(ws.candles$.subscribe({ next: (c) => this.d.push(c), error: fail }));
      this.subs.push(ws.trades$.subscribe({ next: (t) => this.d.push(t), error: fail }));
      this.subs.push(ws.discoveries$.subscribe({ next: (x) => this.admitMint(x.mint, 'birdeye:ws', this.d.clock.now()) && this.syncWebSocket(), error: fail }));
      ws.start();
    }
  }

  /** Stops every loop and waits for the rounds in flight (the caller aborts their requests). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
    await Promise.allSettled([...this.inflight, this.chain?.stop()]);
  }

  private admitMint(mint: string, source: string, now: number, watch = false): boolean {
    const r = admit(this.d.universe, mint, source, now, watch);
    const w = this.writes;
    if (r.evicted) w.setTokenEvicted(r.evicted, true);
    w.markTokenSeen(mint, source, now);
    if (r.admitted) {
      this.needMeta.add(mint);
      this.needSecurity.add(mint);
      w.setTokenEvicted(mint, false);
    }
    return r.admitted;
  }

  private async discover(): Promise<void> {
    const round = await discoverOnce(this.d.sources, this.d.universe.cfg.quoteMints);
    for (const f of round.failures) if (!this.stopped) (isFatal(f.error) ? this.d.fatal : (e: unknown) => this.d.warn(f.feed, e))(f.error);
    const now = this.d.clock.now();
    let admitted = 0;
    for (const { mint, feed } of round.mints) {
      if (admitted >= ADMIT_PER_ROUND) break;
      if (this.admitMint(mint, feed, now)) admitted += 1;
    }
    if (admitted > 0) {
      this.syncWebSocket();
      await this.snapshots();
    }
  }

  /** Pool snapshots of every tracked token (DexScreener, 30 mints a call): price, liquidity, volume, impact. */
  private async snapshots(): Promise<void> {
    const { dex } = this.d.sources;
    const u = this.d.universe;
    if (!dex || u.tokens.size === 0) return;
    const records = await dex.tokens(polledTokens(u, this.d.cfg.scan.polledMaxTokens));
    const now = this.d.clock.now();
    const impactUsd = this.d.cfg.gates.impactTradeUsd;
    for (const r of records) {
      if (!r.mint || !u.tokens.has(r.mint)) continue;
      if (r.kind === 'token') {
        this.d.store.upsertToken(r);
        this.d.push(r);
        continue;
      }
      if (r.pool) this.chain?.tap.notePolledVolume(r.pool, r.volume24hUsd);
      if (notePool(u, r, now) && r.pool) this.writes.setLeadPool(r.mint, r.pool);
    }
    for (const r of records) {
      if (r.kind !== 'pool' || !r.mint || !u.tokens.has(r.mint)) continue;
      const lead = u.tokens.get(r.mint)!.lead === r.pool;
      this.d.store.upsertPool(r);
      this.d.push(lead ? { ...r, isLead: true } : r);
      const impact = lead ? reservesImpact(r, impactUsd) : null;
      if (impact) this.d.push(impact);
    }
    await this.quotes(impactUsd);
  }

  /**
   * Jupiter's quote for tokens near ignition, when enabled: measured impact beats the reserves estimate,
   * but costs one request of Jupiter's small budget per token, so only hot tokens get one.
   */
  private async quotes(impactUsd: number): Promise<void> {
    const { jup } = this.d.sources;
    if (!jup || !this.d.cfg.sources.jupiter.quoteImpact) return;
    const hot = [...this.d.universe.tokens.values()].filter((t) => t.heat >= 0.5).slice(0, 5);
    for (const t of hot) {
      const q = await jup.quoteImpact(t.mint, impactUsd);
      if (q) this.d.push(q);
    }
  }

  /** Jupiter token metadata (symbol, audit block) for newly admitted tokens. */
  private async metadata(): Promise<void> {
    const { jup } = this.d.sources;
    const mints = [...this.needMeta].filter((m) => this.d.universe.tokens.has(m)).slice(0, 100);
    for (const m of mints) this.needMeta.delete(m);
    if (!jup || mints.length === 0) return;
    let records;
    try {
      records = await jup.tokens(mints);
    } catch (err) {
      // Tried again next round: nothing else would ever ask Jupiter for these tokens' metadata.
      for (const m of mints) this.needMeta.add(m);
      throw err;
    }
    for (const r of records) {
      if (r.kind !== 'token') continue;
      this.d.store.upsertToken(r);
      this.d.push(r);
    }
  }

  /** Mint security from the chain: new tokens first (from the store when already final), then re-checks. */
  private async security(): Promise<void> {
    const { store, universe, clock } = this.d;
    const now = clock.now();
    const want: string[] = [];
    for (const m of this.needSecurity) {
      this.needSecurity.delete(m);
      if (!universe.tokens.has(m)) continue;
      const cached = store.getMintSecurity(m);
      if (cached) this.d.push({ ...cached, knownAt: now });
      const final = cached && cached.provenance === 'rpc' && cached.mintAuthority === null && cached.freezeAuthority === null;
      if (!final) want.push(m);
      else if (this.d.sources.solana.holdersStale(cached)) this.staleHolders.add(m);
    }
    for (const m of store.mintSecurityNeedingRefresh(now, this.d.cfg.scan.securityRecheckMs, 100)) if (universe.tokens.has(m) && !want.includes(m)) want.push(m);
    // Read again only for their holder concentration: a few per round, each costs a getTokenLargestAccounts.
    const { solana } = this.d.sources;
    want.push(...holderRefreshes(this.staleHolders, want, (m) => universe.tokens.has(m), this.d.cfg.sources.solana.holdersRefreshPerRound,
      (n) => solana.holdersDue(universe.tokens.keys(), n)));
    if (want.length === 0) return;
    const batch = want.slice(0, 100);
    for (const m of want.slice(100)) this.needSecurity.add(m);
    let read: MintSecurity[];
    try {
      read = await this.d.sources.solana.readMintSecurity(batch);
    } catch (err) {
      // Asked again next round (a blocked RPC is retried after its wait): nothing else would ask for them.
      for (const m of batch) this.needSecurity.add(m);
      throw err;
    }
    for (const s of read) {
      // A holder read that failed this time keeps the stored one (its readAt tells its age).
      if (s.holders == null) s.holders = store.getMintSecurity(s.mint!)?.holders ?? null;
      store.putMintSecurity(s);
      this.d.push(s);
    }
  }

  /** Backfills new tokens and refreshes due ones, hot tokens first, within the candle source's budget. */
  private async candles(): Promise<void> {
    const { gecko, birdeyeWs } = this.d.sources;
    if (!gecko) return;
    const u = this.d.universe;
    const due = dueForCandles(u, this.d.clock.now(), CANDLE_CONCURRENCY - this.candlesInFlight);
    // A token is not due again while its fetch is in flight (a backfill can take many clock ticks).
    for (const t of due) t.nextCandlesAt = Infinity;
    const deps = { gecko, store: this.d.store, now: () => this.d.clock.now(), push: (c: Input) => this.d.push(c) };
    await Promise.all(
      due.map(async (t) => {
        this.candlesInFlight += 1;
        try {
          if (!t.backfilled) {
            await backfill(t, this.d.cfg.scan, deps);
            t.backfilled = true;
          } else if (!birdeyeWs && !t.tapped) {
            await pollCandles(t, deps);
          }
        } finally {
          this.candlesInFlight -= 1;
          t.nextCandlesAt = this.d.clock.now() + candleInterval(u, t);
        }
      }),
    );
  }

  /** Writes what the chain tap learned (pools) in one transaction: called on the scan's tick. */
  flushChain(): void {
    this.chain?.flush();
  }

  private syncWebSocket(): void {
    this.d.sources.birdeyeWs?.setAddresses([...this.d.universe.tokens.keys()]);
  }
}

/**
 * The tokens whose pool snapshots are polled this round, within the polled sources' budget: every token
 * the tap does not feed first (their only source of price and gates), then tapped ones, hottest first.
 */
export function polledTokens(u: Universe, max: number): string[] {
  const untapped: Tracked[] = [];
  const tapped: Tracked[] = [];
  for (const t of u.tokens.values()) (t.tapped ? tapped : untapped).push(t);
  if (untapped.length + tapped.length <= max) return [...u.tokens.keys()];
  tapped.sort((a, b) => b.heat - a.heat);
  return [...untapped, ...tapped].slice(0, max).map((t) => t.mint);
}
