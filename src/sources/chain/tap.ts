import type { Clock } from '../../clock/clock.js';
import type { PoolSnapshot, PriceImpact, Trade } from '../../domain/market.js';
import type { ChainPool } from '../../store/chain-pools.js';
import { eventKey, RecentKeys } from './dedupe.js';
import { orientByPool, PoolBook, type OrientedSwap, type PoolTokens } from './pools.js';
import { priceInQuote, quoteUsd, SolUsd, toUnits, WSOL, type SolUsdOptions } from './prices.js';
import { isStablecoin, USDC_MINT, USDT_MINT } from './orient.js';
import { PUMP_TOKEN_DECIMALS } from './programs/pump/index.js';
import { chainImpact, chainSnapshot, clmmVirtualReservesRaw, PoolState, type ImpactModel } from './pool-state.js';
import { HeldSwaps } from './held.js';
import type { ReceivedLogs } from './subscription.js';
import type { ChainProgram, DecodedCreate, DecodedSwap, DecodedTx, TxLogs } from './types.js';

export interface ChainTapOptions {
  /** The pure decoder (decode.ts): one transaction's logs -> its events. */
  decode: (tx: TxLogs) => DecodedTx;
  clock: Clock;
  /** Event keys remembered for deduplication (two generations of this many). */
  dedupeCapacity: number;
  /** A pool's snapshot is emitted at most this often, ms. */
  snapshotEveryMs: number;
  /** Trade size of the price-impact estimate, USD (gates.impactTradeUsd). */
  impactTradeUsd: number;
  /** Swaps wait this long for their pool's mints or decimals, then count as lost, ms. */
  holdMaxMs: number;
  /** Swaps held at most (memory bound); more are counted as lost. */
  holdMax: number;
  solUsd: SolUsdOptions;
  /** Pools already known (the store's cache). */
  pools?: ReadonlyArray<ChainPool & { seenAt?: number }>;
}

/** Where the tap's records go. */
export interface TapSink {
  trade(t: Trade): void;
  pool(s: PoolSnapshot, impact: PriceImpact | null): void;
  create?(c: DecodedCreate): void;
  /** A transaction whose logs were cut (`Log truncated`): the owner may fetch it (ingestFetched) or count it lost. */
  truncated?(tx: TxLogs): void;
}

export interface TapCounters {
  notifications: number; failed: number; truncated: number; truncatedRecovered: number; truncatedLost: number;
  duplicates: number; undecoded: number; swaps: number; creates: number; trades: number; snapshots: number;
  held: number; heldLost: number; noPrice: number; unorientable: number;
}

const KNOWN_DECIMALS: ReadonlyArray<[string, number]> = [[WSOL, 9], [USDC_MINT, 6], [USDT_MINT, 6]];

/**
 * The chain tap's core: decoded swaps in, `Trade` records and pool snapshots out. Failed transactions
 * are dropped, events deduplicated by (signature, program, ordinal), swaps whose pool mints or decimals
 * are unknown are held until the owner resolves them (one batched read), and a swap without a USD price
 * is counted, never guessed. No network here: the owner feeds it pools, decimals and a polled SOL price.
 */
export class ChainTap {
  readonly counters: TapCounters = {
    notifications: 0, failed: 0, truncated: 0, truncatedRecovered: 0, truncatedLost: 0, duplicates: 0, undecoded: 0, swaps: 0,
    creates: 0, trades: 0, snapshots: 0, held: 0, heldLost: 0, noPrice: 0, unorientable: 0,
  };
  readonly pools: PoolBook;
  readonly solUsd: SolUsd;
  private readonly seen: RecentKeys;
  private readonly decimals = new Map<string, number>(KNOWN_DECIMALS);
  private readonly states = new Map<string, PoolState>();
  private readonly polledVolume = new Map<string, number>();
  readonly held: HeldSwaps;
  /** Clock time minus the newest swap's event time, ms (the tap's lag), and the newest slot. */
  lagMs: number | null = null;
  newestSlot: number | null = null;
  /**
   * Slot lag: how many slots a notification's `context.slot` is behind the highest slot the stream has
   * shown, the largest since the last takeSlotLag() (null when no notification came meanwhile).
   */
  private slotLagMax: number | null = null;

  constructor(private readonly opts: ChainTapOptions, private readonly sink: TapSink) {
    this.pools = new PoolBook(opts.pools ?? []);
    this.solUsd = new SolUsd(opts.solUsd);
    this.seen = new RecentKeys(opts.dedupeCapacity);
    this.held = new HeldSwaps(opts.holdMax);
  }

  /** One notification (live or replayed). */
  ingest(r: ReceivedLogs): void {
    this.counters.notifications++;
    const slot = r.tx.slot;
    const behind = this.newestSlot === null || slot >= this.newestSlot ? 0 : this.newestSlot - slot;
    if (this.newestSlot === null || slot > this.newestSlot) this.newestSlot = slot;
    if (this.slotLagMax === null || behind > this.slotLagMax) this.slotLagMax = behind;
    this.process(r.tx, r.receivedAt, false);
  }

  /** The largest slot lag since the last call, and starts a new window; null when nothing arrived. */
  takeSlotLag(): number | null {
    const out = this.slotLagMax;
    this.slotLagMax = null;
    return out;
  }

  /** A transaction fetched after a truncated notification: its events not seen yet are delivered. */
  ingestFetched(tx: TxLogs): void {
    const d = this.process(tx, this.opts.clock.now(), true);
    if (d && !d.truncated) this.counters.truncatedRecovered++;
    else this.counters.truncatedLost++;
  }

  /** A truncated transaction the owner could not fetch (budget spent, RPC failure). */
  countTruncatedLost(): void {
    this.counters.truncatedLost++;
  }

  private process(tx: TxLogs, receivedAt: number, fetched: boolean): DecodedTx | null {
    if (tx.err !== null && tx.err !== undefined) {
      this.counters.failed++;
      return null;
    }
    const d = this.opts.decode(tx);
    if (d.failed) {
      this.counters.failed++;
      return d;
    }
    if (this.newestSlot === null || tx.slot > this.newestSlot) this.newestSlot = tx.slot;
    this.counters.undecoded += d.undecoded;
    for (const e of d.events) {
      if (!this.seen.add(eventKey(e.signature, e.program, e.ordinal))) {
        // A fetched transaction repeats the events its truncated notification already gave: not duplicates.
        if (!fetched) this.counters.duplicates++;
        continue;
      }
      if (e.kind === 'create') this.onCreate(e, receivedAt);
      else this.onSwap(e, tx.blockTimeMs ?? null, receivedAt);
    }
    if (d.truncated && !fetched) {
      this.counters.truncated++;
      if (this.sink.truncated) this.sink.truncated(tx);
      else this.counters.truncatedLost++;
    }
    return d;
  }

  private onCreate(c: DecodedCreate, at: number): void {
    this.counters.creates++;
    if (c.pool && c.mint && c.quoteMint) this.learnPool({ pool: c.pool, program: c.program, first: c.mint, second: c.quoteMint }, 'event', at);
    const x = c as DecodedCreate & { baseDecimals?: number; quoteDecimals?: number };
    if (c.mint && typeof x.baseDecimals === 'number') this.noteDecimals(c.mint, x.baseDecimals);
    if (c.quoteMint && typeof x.quoteDecimals === 'number') this.noteDecimals(c.quoteMint, x.quoteDecimals);
    this.sink.create?.(c);
  }

  private onSwap(s: DecodedSwap, blockTimeMs: number | null, receivedAt: number): void {
    this.counters.swaps++;
    // pump.fun mints every coin with 6 decimals (a protocol fact, not a guess): no mint read needed.
    if (s.program === 'pump' && s.mint && !this.decimals.has(s.mint)) this.decimals.set(s.mint, PUMP_TOKEN_DECIMALS);
    const ts = s.ts ?? blockTimeMs ?? receivedAt;
    // A pump.fun curve is learned too: stored, its mint -> curve saves the next session a PDA derivation.
    if (s.pool && s.mint && s.quoteMint) this.learnPool({ pool: s.pool, program: s.program, first: s.mint, second: s.quoteMint }, 'event', receivedAt);
    this.deliver(s, ts);
  }

  /** Prices and emits a swap, or holds it until its pool or decimals are known. */
  private deliver(s: DecodedSwap, ts: number): void {
    const o = orientByPool(s, s.pool ? this.pools.get(s.pool) : undefined);
    if (o === 'unorientable') return void this.counters.unorientable++;
    if (!o) return this.hold(s, ts, s.pool, null);
    const bd = this.decimals.get(o.mint);
    const qd = this.decimals.get(o.quoteMint);
    if (bd === undefined || qd === undefined) return this.hold(s, ts, null, bd === undefined ? o.mint : o.quoteMint);
    this.emitTrade(o, ts, bd, qd);
  }

  private hold(s: DecodedSwap, ts: number, pool: string | null, mint: string | null): void {
    if (this.held.add({ swap: s, ts, since: this.opts.clock.now(), pool, mint })) this.counters.held++;
    else this.counters.heldLost++;
  }

  private emitTrade(o: OrientedSwap, ts: number, bd: number, qd: number): void {
    const now = this.opts.clock.now();
    const s = o.swap;
    const pq = priceInQuote(s.baseAmountRaw, s.quoteAmountRaw, bd, qd);
    const sol = this.solUsd.at(now);
    const qUsd = quoteUsd(o.quoteMint, sol?.price ?? null);
    // A SOL-quoted swap before any SOL/USD is known waits for one (the stream's or a polled price).
    if (pq !== null && qUsd === null && o.quoteMint === WSOL) return this.hold(s, ts, null, WSOL);
    if (pq === null || qUsd === null) {
      this.counters.noPrice++;
      return;
    }
    const volumeUsd = toUnits(s.quoteAmountRaw, qd) * qUsd;
    if (o.mint === WSOL && isStablecoin(o.quoteMint) && (s.program === 'raydium_cpmm' || s.program === 'raydium_clmm')) {
      this.solUsd.noteSwap(pq, volumeUsd, now);
      this.releaseSolQuoted();
    }
    this.counters.trades++;
    this.lagMs = now - ts;
    this.sink.trade({
      kind: 'trade', knownAt: now, mint: o.mint, pool: o.pool, source: 'chain', ts, priceUsd: pq * qUsd, volumeUsd, side: s.side, user: s.user, creator: s.creator ?? null,
      id: eventKey(s.signature, s.program, s.ordinal), provenance: { program: s.program, pool: o.pool, signature: s.signature, slot: s.slot },
    });
    this.poolFigures(o, ts, now, pq * qUsd, qUsd, volumeUsd, bd, qd);
  }

  private poolFigures(o: OrientedSwap, ts: number, now: number, priceUsd: number, qUsd: number, volumeUsd: number, bd: number, qd: number): void {
    let st = this.states.get(o.pool);
    if (!st) this.states.set(o.pool, (st = new PoolState(o.pool, o.swap.program, o.mint, o.quoteMint, now)));
    st.addVolume(volumeUsd, ts, o.swap.side);
    if (now - st.lastSnapshotAt < this.opts.snapshotEveryMs) return;
    // Off the per-swap path: at most once per snapshot interval (a pool without reserves: per swap past it).
    this.pools.markSeen(o.pool, now);
    const r = this.reserves(o, bd, qd);
    if (!r) return;
    st.lastSnapshotAt = now;
    const own = st.volume24hUsd(now);
    const polled = this.polledVolume.get(o.pool) ?? null;
    const snap = chainSnapshot(st, {
      ts, knownAt: now, priceUsd, quoteUsd: qUsd, baseReserve: r.base, quoteReserve: r.quote, model: r.model,
      volume24hUsd: own ?? polled, volume24hFrom: own !== null ? 'chain' : polled !== null ? 'polled' : null,
    });
    this.counters.snapshots++;
    this.sink.pool(snap, chainImpact(snap, this.opts.impactTradeUsd, qUsd, r.model));
  }

  /** Reserves in token units: from the event, or CLMM's virtual reserves. */
  private reserves(o: OrientedSwap, bd: number, qd: number): { base: number; quote: number; model: ImpactModel } | null {
    const s = o.swap;
    if (s.baseReserveRaw !== null && s.quoteReserveRaw !== null) return { base: toUnits(s.baseReserveRaw, bd), quote: toUnits(s.quoteReserveRaw, qd), model: 'constant_product' };
    if (s.sqrtPriceX64 === null || s.liquidity === null) return null;
    const v = clmmVirtualReservesRaw(s.sqrtPriceX64, s.liquidity);
    if (!v) return null;
    // x is token0, y token1: the oriented base is token1 when the pool's second mint is the token.
    const [b, q] = o.secondIsBase ? [v.y, v.x] : [v.x, v.y];
    return { base: b / 10 ** bd, quote: q / 10 ** qd, model: 'clmm_liquidity' };
  }

  private learnPool(t: PoolTokens, from: 'event' | 'account', at: number): void {
    if (this.pools.learn(t, from, at)) this.release(this.held.takePool(t.pool));
  }

  /** A pool account read by the owner. */
  notePoolTokens(t: PoolTokens): void {
    this.learnPool(t, 'account', this.opts.clock.now());
  }

  noteDecimals(mint: string, decimals: number): void {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30 || this.decimals.get(mint) === decimals) return;
    this.decimals.set(mint, decimals);
    this.release(this.held.takeMint(mint));
  }

  hasDecimals(mint: string): boolean {
    return this.decimals.has(mint);
  }

  /** A polled SOL/USD (Jupiter), used while the stream has no recent SOL/USDC swap. */
  notePolledSolUsd(price: number, at: number): void {
    this.solUsd.notePolled(price, at);
    this.releaseSolQuoted();
  }

  private releaseSolQuoted(): void {
    if (this.held.size > 0 && this.solUsd.at(this.opts.clock.now())) this.release(this.held.takeMint(WSOL));
  }

  notePolledVolume(pool: string, volume24hUsd: number | null): void {
    if (volume24hUsd !== null && Number.isFinite(volume24hUsd)) this.polledVolume.set(pool, volume24hUsd);
  }

  /** Swaps held longer than holdMaxMs are counted lost. */
  expireHeld(now: number): number {
    const n = this.held.expire(now - this.opts.holdMaxMs);
    this.counters.heldLost += n;
    return n;
  }

  private release(items: ReturnType<HeldSwaps['takePool']>): void {
    for (const h of items) {
      this.counters.held--;
      this.deliver(h.swap, h.ts);
    }
  }

  /** Programs whose pools the tap can resolve by account read. */
  static readonly accountPrograms: readonly ChainProgram[] = ['pump_amm', 'raydium_cpmm', 'raydium_clmm'];
}
