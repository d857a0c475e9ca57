import type { Candle, Input, MarketRecord, Trade } from '../domain/market.js';
import type { Confidence, ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import { FIVE_MIN_MS, MINUTE_MS, bucketStart } from '../domain/time.js';
import { sanitizeSymbol } from '../domain/text.js';
import { applyPiece, closeTier, fillVolumesTo, forming, freezeBar, lateIn, nextBoundary, pushClosed4h, pushVolume5m, type Piece } from '../candles/windows.js';
import { timeoutTracker, trackPrice, type OutcomeTracker } from '../risk/outcome.js';
import { DeadlineList, TimeQueue } from './heap.js';
import { recordProblem } from './validate.js';
import { TradeFilter, tradeFilterConfigOf } from './trade-filter.js';
import { noteTradeFlow } from '../confidence/trade-flow.js';
import { checkCandleOrder, rememberTradeId, resumeSignal, tiersOfInput, tokenFor, tokenKeyOf, type TokenRec } from './token.js';
import { checkIgnition, emitOutcome, onWindowClosed, type DecideCtx, type EngineConfig } from './decide.js';
import type { ConfirmationLine, IgnitionLine } from '../domain/signals.js';
import { emitTokenViews } from './view.js';
import { DropSeqs, SourceCounts, droppedLine, newEngineStats, type EngineStats } from './stats.js';

export interface EngineHooks {
  emit(e: ScanEvent): void;
  /** Confidence of a signal from its context; defaults to "no score". */
  confidence?: (ctx: SignalContext) => Confidence;
  /**
   * End of a token's own recorded data (file replays, `replay.windowEnd: series`): the clock never
   * closes a bucket of that token ending after it, so a window its series stops inside stays open at
   * end of data instead of being closed by other tokens' inputs; a signal whose outcome horizon ends after
   * it gets no outcome line (open at end of data). Undefined (live): the clock rules.
   */
  seriesEnd?: (tokenKey: string) => number | undefined;
}

export type { EngineStats } from './stats.js';

const NO_CONFIDENCE = (): Confidence => ({ score: null, p: null, calibrated: false, features: {} });

/**
 * The scanner's core: a synchronous state machine over inputs in knownAt order. Time only moves with
 * the inputs (ticks included), so live and replay behave identically. A bucket closes when the clock
 * passes its end; everything it triggers is stamped with the boundary time.
 */
export class Engine {
  readonly tokens = new Map<string, TokenRec>();
  readonly stats: EngineStats = newEngineStats();
  private now = -Infinity;
  private readonly boundaries = new TimeQueue<TokenRec>();
  /** Tokens known only by a pool, by pool: finds them without building their `pool:` key per input. */
  private readonly poolTokens = new Map<string, TokenRec>();
  private readonly counts = new SourceCounts(this.stats);
  private readonly deadlines = new DeadlineList<OutcomeTracker>();
  private readonly ctx: DecideCtx;
  /** Dropped lines per token key: their ids stay the same whichever other tokens share this engine (bus partitions). */
  private readonly dropSeqs = new DropSeqs();
  /** Dust and outlier trades (trade-filter.ts): per-token recent prices, kept outside the token record. */
  private readonly tradeFilter: TradeFilter;
  /**
   * Tokens fed warm-up history since the last other input. History arrives all at once (every candle
   * known at the same instant), so its windows must close by roll-over, not by the clock, until the run
   * of warm-up candles ends; then the token is registered and the clock takes over.
   */
  private readonly warming = new Set<TokenRec>();
  /** Series ends received as inputs (bus partitions), by token key; see EngineHooks.seriesEnd. */
  private readonly seriesEnds = new Map<string, number>();

  constructor(private readonly cfg: EngineConfig, private readonly hooks: EngineHooks) {
    this.tradeFilter = new TradeFilter(tradeFilterConfigOf(cfg.input));
    this.ctx = {
      cfg,
      emit: hooks.emit,
      confidence: hooks.confidence ?? NO_CONFIDENCE,
      track: (rec, t) => {
        rec.trackers.push(t);
        this.deadlines.push(t);
      },
    };
  }

  /** Clock time of the last input. */
  get clock(): number {
    return this.now;
  }

  push(input: Input): void {
    if (this.warming.size > 0 && !(input.kind === 'candle' && input.warmup)) {
      for (const rec of this.warming) this.register(rec);
      this.warming.clear();
    }
    const t = input.knownAt > this.now ? input.knownAt : this.now;
    this.advance(t, false);
    this.now = t;
    if (input.kind === 'tick') {
      this.stats.ticks += 1;
      return;
    }
    if (input.kind === 'watermark') return this.onWatermark(input.mint, input.pool, input.through);
    if (input.kind === 'series_end') return void this.seriesEnds.set(tokenKeyOf(input.mint, input.pool) ?? '', input.ts);
    this.stats.inputs += 1;
    this.counts.of(input.source).received += 1;
    const problem = recordProblem(input, t, this.cfg.input) ?? (input.kind === 'trade' ? this.tradeFilter.check(tokenKeyOf(input.mint, input.pool)!, input) : null);
    if (problem) return this.drop(input, 'invalid', problem);
    const rec = tokenFor(this.tokens, this.poolTokens, input.mint, input.pool!, this.cfg.risk.atrPeriod);
    if (rec.firstSeenAt === -Infinity) rec.firstSeenAt = t;
    rec.lastInputAt = t;
    rec.dirty = true;
    this.dispatch(rec, input, t);
  }

  /**
   * Picks up a signal decided before a restart: its outcome is tracked again and its window counts as
   * decided, so the same signal is not raised twice.
   */
  resume(line: IgnitionLine | ConfirmationLine): void {
    if (!line.mint && !line.pool) return;
    const rec = tokenFor(this.tokens, this.poolTokens, line.mint, line.pool!, this.cfg.risk.atrPeriod);
    const tracker = resumeSignal(rec, line, this.cfg.risk.horizonMs);
    if (tracker) this.ctx.track(rec, tracker);
  }

  /** The input stream ended at clock time `t`: closes everything whose boundary is at or before it. */
  finish(t: number = this.now): void {
    for (const rec of this.warming) this.register(rec);
    this.warming.clear();
    if (t > this.now) this.now = t;
    this.advance(this.now, true);
  }

  private dispatch(rec: TokenRec, r: MarketRecord, t: number): void {
    switch (r.kind) {
      case 'trade':
      case 'candle':
        return this.applyMarket(rec, r, t);
      case 'pool':
        if (r.pool && (rec.lead === null || r.isLead)) rec.lead = r.pool;
        if (r.pool === rec.lead || r.pool === null) rec.pool = r;
        else if (r.priceUsd !== null) rec.otherPools.set(r.pool, { priceUsd: r.priceUsd, liquidityUsd: r.liquidityUsd, at: r.ts });
        break;
      case 'token':
        // A record without an audit block (DexScreener, on-chain metadata) never replaces one that has it:
        // the authority gates fall back on that audit while no on-chain MintSecurity is known.
        if (r.audit !== null || !rec.token?.audit) rec.token = r;
        rec.symbol = sanitizeSymbol(r.symbol) ?? rec.symbol;
        break;
      case 'security':
        rec.security = r;
        break;
      case 'impact':
        rec.impact = r;
        break;
    }
    this.stats.applied += 1;
    this.counts.of(r.source).applied += 1;
  }

  private applyMarket(rec: TokenRec, r: Trade | Candle, t: number): void {
    const isTrade = r.kind === 'trade';
    const ts = isTrade ? r.ts : r.start;
    // A candle is its own piece (its OHLCV fields); only a trade needs one made.
    const piece: Piece = isTrade ? { open: r.priceUsd, high: r.priceUsd, low: r.priceUsd, close: r.priceUsd, volumeUsd: r.volumeUsd } : r;
    if (r.pool && rec.lead === null) rec.lead = r.pool;
    if (r.pool && r.pool !== rec.lead) {
      rec.otherPools.set(r.pool, { priceUsd: piece.close, liquidityUsd: rec.otherPools.get(r.pool)?.liquidityUsd ?? null, at: ts });
      this.stats.secondary += 1;
      this.counts.of(r.source).secondary += 1;
      return;
    }
    if (!isTrade && r.warmup && t > rec.silentUntil) rec.silentUntil = t;
    const w = rec.w;
    const tiers = tiersOfInput(rec, isTrade ? 0 : r.intervalMs);
    if (tiers.length === 0) return this.drop(r, 'invalid', `interval_not_supported:${isTrade ? 0 : r.intervalMs}`);
    if (lateIn(tiers, ts)) return this.drop(r, 'late', 'bucket_already_closed');
    if (isTrade && r.id !== null && !rememberTradeId(rec, r.id, bucketStart(ts, MINUTE_MS))) return this.drop(r, 'duplicate', 'trade_id_seen');
    if (!isTrade && r.final) {
      const order = checkCandleOrder(rec, r.intervalMs, r.start);
      if (order) return this.drop(r, order, order === 'duplicate' ? 'candle_seen' : 'candle_out_of_order');
    }
    for (const tier of tiers) {
      if (tier.start !== null && bucketStart(ts, tier.intervalMs) > tier.start) this.closeThrough(rec, tier.start + tier.intervalMs);
    }
    // The candle key is only needed where provisional candles are in play.
    const provisional = !isTrade && !r.final;
    const key = isTrade || (!provisional && tiers[0].provKey === null) ? null : `${r.pool ?? ''}|${r.intervalMs}|${r.start}`;
    for (const tier of tiers) applyPiece(tier, ts, piece, key, provisional);
    if (isTrade && r.side !== null) {
      if (r.side === 'buy') w.buyUsd += r.volumeUsd;
      else w.sellUsd += r.volumeUsd;
      w.sidedTrades += 1;
    }
    if (isTrade) noteTradeFlow(rec, r);
    w.lastPrice = piece.close;
    this.stats.applied += 1;
    this.counts.of(r.source).applied += 1;
    const f4 = tiers.includes(w.t4h) ? forming(w.t4h) : null;
    if (f4 && w.firstUpAt === null && f4.high >= f4.open * (1 + this.cfg.signals.confirmation.minChangePct / 100) * (1 - 1e-12)) w.firstUpAt = t;
    this.trackTargets(rec, piece, t);
    const f5 = tiers.includes(w.t5m) ? forming(w.t5m) : null;
    if (f4 && f5) {
      fillVolumesTo(w, f5.start);
      checkIgnition(this.ctx, rec, t, f4, f5.volumeUsd, w.vol5m.meanOfLast(this.cfg.signals.ignition.volumeSmaBars));
    }
    if (!isTrade && r.warmup) this.warming.add(rec);
    else this.register(rec);
  }

  private trackTargets(rec: TokenRec, p: Piece, t: number): void {
    if (rec.trackers.length === 0) return;
    let finished = false;
    for (const tr of rec.trackers) {
      if (tr.done || tr.startTs >= t) continue;
      const o = trackPrice(tr, p.high, p.low, p.close, t);
      if (o) {
        emitOutcome(this.ctx, rec, tr, o);
        finished = true;
      }
    }
    if (finished) rec.trackers = rec.trackers.filter((x) => !x.done);
  }

  /** Closes every tier of `rec` whose bucket ends at or before `boundary`, smallest interval first. */
  private closeThrough(rec: TokenRec, boundary: number): void {
    const w = rec.w;
    if (w.t1m.start !== null && w.t1m.start + w.t1m.intervalMs <= boundary) closeTier(w.t1m);
    if (w.t5m.start !== null && w.t5m.start + FIVE_MIN_MS <= boundary) {
      const bar = closeTier(w.t5m);
      if (bar) {
        fillVolumesTo(w, bar.start);
        const f4 = forming(w.t4h);
        if (f4) checkIgnition(this.ctx, rec, boundary, f4, bar.volumeUsd, w.vol5m.meanOfLast(this.cfg.signals.ignition.volumeSmaBars));
        pushVolume5m(w, bar.start, bar.volumeUsd);
      }
    }
    if (w.t4h.start !== null && w.t4h.start + w.t4h.intervalMs <= boundary) {
      const firstUp = w.firstUpAt;
      const closed = closeTier(w.t4h);
      if (closed) {
        const bar = freezeBar(closed);
        pushClosed4h(w, bar);
        onWindowClosed(this.ctx, rec, bar, firstUp, boundary);
      }
    }
  }

  /**
   * Emits a view of every token that changed since the last call (live displays). `staleAfterMs`:
   * a token with no input for longer is marked stale, not treated as flat.
   */
  emitViews(t: number, staleAfterMs: number): void {
    emitTokenViews(this.tokens.values(), t, staleAfterMs, this.cfg.signals.ignition.volumeSmaBars, this.hooks.emit);
  }

  /** The token's data is complete up to `through`: its buckets ending by then close now. */
  private onWatermark(mint: string | null, pool: string | null, through: number): void {
    const key = tokenKeyOf(mint, pool);
    const rec = key ? this.tokens.get(key) : undefined;
    if (!rec || through > this.now) return;
    const nb = nextBoundary(rec.w);
    if (nb === null || nb > through) return;
    this.closeThrough(rec, through);
    this.register(rec);
  }

  private register(rec: TokenRec): void {
    const nb = nextBoundary(rec.w);
    if (nb !== null && nb !== rec.registered) {
      rec.registered = nb;
      this.boundaries.push(nb, rec);
    }
  }

  /** Runs, in time order, every boundary close and outcome deadline before `t` (or at it when inclusive). */
  private advance(t: number, inclusive: boolean): void {
    // Buckets wait out the lateness allowance before the clock closes them (watermarks close them sooner).
    const late = this.cfg.input.lateToleranceMs;
    for (;;) {
      const dt = this.deadlines.peekTime();
      const boundary = this.boundaries.peekTime();
      const bt = boundary === null ? null : boundary + late;
      const dtDue = dt !== null && (inclusive ? dt <= t : dt < t);
      const btDue = bt !== null && (inclusive ? bt <= t : bt < t);
      if (dtDue && (!btDue || dt! <= bt!)) {
        const tr = this.deadlines.pop()!;
        if (tr.done) continue;
        const rec = this.tokens.get(tr.tokenKey)!;
        // The token's own data ends before the horizon: open at end of data, not a TIMEOUT at its last price.
        const end = this.seriesEndOf(rec.key);
        if (end !== undefined && tr.deadline > end) tr.done = true;
        else emitOutcome(this.ctx, rec, tr, timeoutTracker(tr));
        rec.trackers = rec.trackers.filter((x) => !x.done);
      } else if (btDue) {
        const rec = this.boundaries.pop()!;
        if (rec.registered !== boundary) continue;
        rec.registered = null;
        // The token's own data ends before the boundary: its bucket stays open (see EngineHooks.seriesEnd).
        const end = this.seriesEndOf(rec.key);
        if (end !== undefined && boundary! > end) continue;
        this.closeThrough(rec, boundary!);
        this.register(rec);
      } else return;
    }
  }

  private readonly seriesEndOf = (key: string): number | undefined => this.hooks.seriesEnd?.(key) ?? this.seriesEnds.get(key);

  private drop(r: MarketRecord, reason: 'late' | 'duplicate' | 'invalid', detail: string): void {
    this.stats.dropped[reason] += 1;
    this.counts.of(r.source)[reason] += 1;
    const key = tokenKeyOf(r.mint, r.pool);
    this.hooks.emit(droppedLine(r, reason, detail, this.now, key, key ? (this.tokens.get(key)?.symbol ?? null) : null, this.dropSeqs.next(key)));
  }
}
