import type { Subscription } from 'rxjs';
import { PublicKey } from '@solana/web3.js';
import type { Config } from '../../config/load.js';
import type { Clock } from '../../clock/clock.js';
import type { Input, PoolSnapshot, PriceImpact, Trade } from '../../domain/market.js';
import type { DeferredWrites, Store } from '../../store/index.js';
import type { LiveSources } from './sources.js';
import { ChainTap, type TapSink } from '../../sources/chain/tap.js';
import { poolTokensFromAccount, type PoolTokens } from '../../sources/chain/pools.js';
import { WSOL } from '../../sources/chain/prices.js';
import { BONDING_CURVES_MAX, noteBondingCurve } from '../../sources/chain/programs/pump/pda.js';
import type { ChainPool, ChainPoolSeen, StoredChainPool } from '../../store/chain-pools.js';
import type { LogsSubscription, ReceivedLogs } from '../../sources/chain/subscription.js';
import type { ChainProgram, DecodedTx, TxLogs } from '../../sources/chain/types.js';
import { ChainAdmission } from './chain-admission.js';
import { every } from './loop.js';
import { evictCold, noteTrade, notePool, type Universe } from './universe.js';
import type { FrameLog } from './frame-log.js';

export interface ChainFeedDeps {
  cfg: Config;
  clock: Clock;
  sources: LiveSources;
  subscription: LogsSubscription;
  decode: (tx: TxLogs) => DecodedTx;
  universe: Universe;
  store: Store;
  /** Where the tap's store writes go (the recorder's writer thread when recording; default: the store). */
  writes?: Pick<DeferredWrites, 'setLeadPool' | 'putChainPools' | 'touchChainPools'>;
  push(input: Input): void;
  /** Admits a mint to the universe (store and metadata bookkeeping included); true when admitted. */
  admit(mint: string, now: number): boolean;
  evicted(mints: string[]): void;
  warn(what: string, err: unknown): void;
  /** Raw frames and the context replay needs (pools, decimals, polled SOL/USD), when recording. */
  frames: FrameLog | null;
}

const RESOLVE_EVERY_MS = 250;
/** Lead-pool writes per SQLite transaction on the scanning thread (~1 ms each). */
export const LEAD_CHUNK = 250;

/**
 * The chain tap in a live scan: notifications -> ChainTap -> trades and pool snapshots of admitted tokens
 * into the pipeline. Pools and decimals the tap lacks are read in one batched RPC call per round, a polled
 * SOL/USD stands in while the stream has no SOL/USDC swap, and truncated logs are fetched within a budget.
 */
export class ChainFeed {
  readonly tap: ChainTap;
  private readonly admission: ChainAdmission;
  private readonly subs: Subscription[] = [];
  private truncatedBudget: number[] = [];
  private lastSolPoll = -Infinity;
  private readonly rate = { count: 0, since: 0, perSec: 0 };
  /** The largest slot lag of the last report window (slots behind the highest slot seen), null before any. */
  private slotLag: number | null = null;
  private stopped = false;
  /**
   * Lead-pool changes, (mint, pool) in order, written from the scan's tick: a new tapped token's first trade
   * changes its lead, and thousands of new tokens can come within seconds; one SQLite transaction each on the
   * event loop (recording off) held up the frames queued behind it. To the store they go LEAD_CHUNK per
   * transaction, one chunk per turn of the event loop, so frames are read in between.
   */
  private leads: string[] = [];
  private leadsFrom = 0;
  private leadsTurn: ReturnType<typeof setImmediate> | null = null;
  /**
   * Chain pools learned, waiting for the store the same way (recording off): every new pump.fun token's
   * curve is one, so a restart's first seconds learn thousands.
   */
  private poolRows: ChainPool[] = [];
  private poolRowsFrom = 0;
  /** Pools seen trading again (a day after their last report), waiting the same way. */
  private seenRows: ChainPoolSeen[] = [];
  private seenRowsFrom = 0;

  constructor(private readonly d: ChainFeedDeps) {
    const c = d.cfg.sources.chain;
    const sink: TapSink = {
      trade: (t) => this.onTrade(t),
      pool: (s, i) => this.onPool(s, i),
      truncated: (tx) => this.onTruncated(tx),
    };
    this.tap = new ChainTap({
      decode: d.decode, clock: d.clock, dedupeCapacity: c.dedupeKeys, snapshotEveryMs: c.snapshotEveryMs, impactTradeUsd: d.cfg.gates.impactTradeUsd,
      holdMaxMs: c.holdMaxMs, holdMax: c.holdMax, solUsd: { window: c.solUsdWindow, maxAgeMs: c.solUsdMaxAgeMs, minSwapUsd: c.solUsdMinSwapUsd },
      pools: withStoredCurves(d.store.loadChainPools()),
    }, sink);
    // Token accounts owned by a pool the tap knows are pool vaults, not holders.
    d.sources.solana.knowPools((address) => this.tap.pools.get(address) !== undefined);
    this.admission = new ChainAdmission({ ...d.cfg.scan.tap, keepTrades: 50 });
    this.rate.since = d.clock.now();
  }

  start(): void {
    const { clock, subscription } = this.d;
    this.subs.push(subscription.logs$.subscribe((r) => this.onLogs(r)));
    this.subs.push(every(clock, RESOLVE_EVERY_MS, () => this.resolve(), (e) => this.d.warn('chain pools', e)));
    this.subs.push(every(clock, 60_000, async () => {
      const now = clock.now();
      this.admission.prune(now);
      const cold = evictCold(this.d.universe, now, this.d.cfg.scan.tap.coldEvictMs);
      if (cold.length) this.d.evicted(cold);
    }, () => {}));
    this.subs.push(every(clock, 5_000, async () => this.reportRate(), () => {}));
    subscription.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.subs) s.unsubscribe();
    // The tap's accounting, once: what was decoded, delivered, and what was lost and why.
    const c = this.tap.counters;
    this.d.subscription.emit(this.d.subscription.state, this.d.clock.now(), `tap: ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')}, held now ${this.tap.held.size}, candidates ${this.admission.size}`);
    await this.d.subscription.stop();
    this.flush();
    this.writeLeads(Infinity);
  }

  /** Writes pools learned and lead pools changed since the last call; called on the scan's tick, off the hot path. */
  flush(): void {
    const learned = this.tap.pools.takeUnsaved();
    const seen = this.tap.pools.takeSeen();
    if (this.d.writes) {
      this.d.writes.putChainPools(learned);
      this.d.writes.touchChainPools(seen);
    } else {
      for (const p of learned) this.poolRows.push(p);
      for (const s of seen) this.seenRows.push(s);
    }
    this.writeLeads(this.d.writes ? Infinity : LEAD_CHUNK);
  }

  /** Lead-pool and chain-pool writes: `max` of each now (the writer thread's queue takes any number), the rest on the next turns. */
  private writeLeads(max: number): void {
    if (this.leadsTurn) clearImmediate(this.leadsTurn);
    this.leadsTurn = null;
    const leads = this.leads;
    const from = this.leadsFrom;
    const to = Math.min(leads.length, from + 2 * max);
    const rows = this.poolRows;
    const rowsFrom = this.poolRowsFrom;
    const rowsTo = Math.min(rows.length, rowsFrom + max);
    const seen = this.seenRows;
    const seenFrom = this.seenRowsFrom;
    const seenTo = Math.min(seen.length, seenFrom + max);
    if (to === from && rowsTo === rowsFrom && seenTo === seenFrom) return;
    const write = () => {
      for (let i = from; i < to; i += 2) (this.d.writes ?? this.d.store).setLeadPool(leads[i], leads[i + 1]);
      if (rowsTo > rowsFrom) this.d.store.putChainPools(rows.slice(rowsFrom, rowsTo));
      if (seenTo > seenFrom) this.d.store.touchChainPools(seen.slice(seenFrom, seenTo));
    };
    if (this.d.writes) write();
    else this.d.store.inTransaction(write);
    if (to < leads.length || rowsTo < rows.length || seenTo < seen.length) {
      this.leadsFrom = to;
      this.poolRowsFrom = rowsTo;
      this.seenRowsFrom = seenTo;
      if (!this.stopped) {
        this.leadsTurn = setImmediate(() => {
          try {
            this.writeLeads(LEAD_CHUNK);
          } catch (e) {
            this.d.warn('chain lead pools', e);
          }
        });
      }
      return;
    }
    this.leads = [];
    this.leadsFrom = 0;
    this.poolRows = [];
    this.poolRowsFrom = 0;
    this.seenRows = [];
    this.seenRowsFrom = 0;
  }

  /** One line for the table header: subscriptions, notification rate, lag (clock time, and slots when known). */
  summary(): string {
    const s = this.d.subscription;
    const lag = this.tap.lagMs === null ? '-' : `${(this.tap.lagMs / 1000).toFixed(1)}s`;
    const slots = this.slotLag === null ? '' : ` ${this.slotLag} slot${this.slotLag === 1 ? '' : 's'}`;
    return `tap ${s.subscribed}/${this.d.cfg.sources.chain.programs.length} ${this.rate.perSec.toFixed(0)}/s lag ${lag}${slots}`;
  }

  /** One notification as the subscription delivers it (the tap's warm-up feeds its private feed here too). */
  onLogs(r: ReceivedLogs): void {
    this.rate.count++;
    this.d.frames?.frame(r);
    this.tap.ingest(r);
  }

  private onTrade(t: Trade): void {
    const now = this.d.clock.now();
    if (noteTrade(this.d.universe, t.mint!, now)) return this.d.push(t);
    const ready = this.admission.note(t, now);
    if (!ready || !this.d.admit(t.mint!, now)) return;
    noteTrade(this.d.universe, t.mint!, now);
    for (const r of ready) this.d.push(r === t ? t : { ...r, knownAt: now });
  }

  private onPool(s: PoolSnapshot, impact: PriceImpact | null): void {
    const u = this.d.universe;
    const tracked = s.mint ? u.tokens.get(s.mint) : undefined;
    if (!tracked) return;
    if (notePool(u, s, this.d.clock.now()) && s.pool) this.leads.push(s.mint!, s.pool);
    // The snapshot is the tap's fresh object, held by no one else yet: marked in place, not copied.
    if (tracked.lead === s.pool) s.isLead = true;
    const lead = s.isLead === true;
    this.d.push(s);
    if (lead && impact) this.d.push(impact);
  }

  private onTruncated(tx: TxLogs): void {
    const now = this.d.clock.now();
    this.truncatedBudget = this.truncatedBudget.filter((t) => now - t < 60_000);
    if (this.truncatedBudget.length >= this.d.cfg.sources.chain.truncatedFetchesPerMin || this.stopped) return this.tap.countTruncatedLost();
    this.truncatedBudget.push(now);
    this.d.sources.solana
      .call('getTransaction', (c) => c.getTransaction(tx.signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' }))
      .then((res) => {
        const logs = res?.meta?.logMessages;
        if (!res || !logs || this.stopped) return this.tap.countTruncatedLost();
        this.tap.ingestFetched({ signature: tx.signature, slot: res.slot, err: res.meta?.err ?? null, logs, blockTimeMs: res.blockTime ? res.blockTime * 1000 : null });
      })
      .catch((e) => {
        this.tap.countTruncatedLost();
        this.d.warn('chain getTransaction', e);
      });
  }

  /** One round: pools and decimals the held swaps wait for (batched reads), SOL/USD when the stream has none. */
  private async resolve(): Promise<void> {
    const { clock, sources, frames } = this.d;
    const now = clock.now();
    this.tap.expireHeld(now);
    const want = this.tap.held.wanted(100);
    if (want.pools.length) {
      const accounts = await sources.solana.readAccounts(want.pools.map((p) => p.pool));
      want.pools.forEach((p, i) => {
        const acc = accounts[i];
        const t = acc ? poolTokensFromAccount(p.pool, p.program as ChainProgram, acc.data) : null;
        if (!t) return;
        frames?.context({ pool: t });
        this.tap.notePoolTokens(t);
      });
    }
    const mints = want.mints.filter((m) => !this.tap.hasDecimals(m) && isAddress(m));
    if (mints.length) {
      for (const sec of await sources.solana.readMintSecurity(mints)) {
        if (!sec.mint || sec.decimals === null) continue;
        frames?.context({ decimals: { mint: sec.mint, decimals: sec.decimals } });
        this.tap.noteDecimals(sec.mint, sec.decimals);
        this.d.store.putMintSecurity(sec);
        if (this.d.universe.tokens.has(sec.mint)) this.d.push(sec);
      }
    }
    const jup = sources.jup;
    if (jup && this.tap.solUsd.needsPoll(now) && now - this.lastSolPoll >= 30_000) {
      this.lastSolPoll = now;
      const p = await jup.price(WSOL);
      if (p?.priceUsd) {
        frames?.context({ solUsd: p.priceUsd });
        this.tap.notePolledSolUsd(p.priceUsd, clock.now());
      }
    }
  }

  private reportRate(): void {
    const now = this.d.clock.now();
    const s = this.d.subscription;
    if (now > this.rate.since) this.rate.perSec = (this.rate.count * 1000) / (now - this.rate.since);
    this.rate.count = 0;
    this.rate.since = now;
    this.slotLag = this.tap.takeSlotLag() ?? this.slotLag;
    if (s.state === 'ok') s.emit('ok', now, `${s.subscribed} programs, ${this.rate.perSec.toFixed(0)} notifications/s, slot ${this.tap.newestSlot ?? '-'}, lag ${this.tap.lagMs === null ? '-' : `${Math.round(this.tap.lagMs / 1000)} s`}, slot lag ${this.slotLag ?? '-'}`);
  }
}

/**
 * The pools as stored, after telling the pump decoder the bonding curves among them (newest last, up to the
 * cache's bound): a restart derives none of those again on its first trades (~0.2 ms each).
 */
function withStoredCurves(pools: readonly StoredChainPool[]): readonly StoredChainPool[] {
  const curves = pools.filter((p) => p.program === 'pump').sort((a, b) => a.updatedAt - b.updatedAt).slice(-BONDING_CURVES_MAX);
  for (const p of curves) noteBondingCurve(p.baseMint, p.pool);
  return pools;
}

function isAddress(m: string): boolean {
  try {
    return new PublicKey(m).toBase58() === m;
  } catch {
    return false;
  }
}

export type { PoolTokens };
