import type { Candle, Input, MarketRecord, Trade } from '../domain/market.js';
import type { Confidence, ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import type { BlockSeries, CandleBlock } from '../domain/candle-block.js';
import { FIVE_MIN_MS, MINUTE_MS, bucketStart } from '../domain/time.js';
import { sanitizeSymbol } from '../domain/text.js';
import { applyPieceAt, bucketsOf, closeTier, fillVolumesTo, forming, freezeBar, nextBoundary, pushClosed4h, pushVolume5m, type Piece } from '../candles/windows.js';
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
   * End of a token's own recorded data (file replays, `replay.windowEnd: series`), asked once per token: the clock never
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
  /**
   * No boundary (plus lateness) or deadline is earlier than this, so an input at or before it needs no
   * advance(): lowered by every push to either queue, set exactly when advance() runs out of due work.
   */
  private dueAt = Infinity;
  /** The bucket start of the input being applied in each of its tiers (applyMarket's scratch). */
  private readonly bucketStarts = new Float64Array(3);
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
  /** pushBlock(): the series table of the last block and the token of each of its series (null: not looked up yet). */
  private blockSeries: readonly BlockSeries[] | null = null;
  private blockTokens: (TokenRec | null)[] = [];
  /**
   * The candle record pushBlock() refills per row. Nothing keeps an input once push() returns when it is
   * a final, non-warm-up candle (a provisional one is kept as its tier's piece; warm-up marks the token).
   */
  private readonly rowCandle: Candle = {
    kind: 'candle', knownAt: 0, mint: null, pool: null, source: 'file', start: 0, intervalMs: 0, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true,
  };

  constructor(private readonly cfg: EngineConfig, private readonly hooks: EngineHooks) {
    this.tradeFilter = new TradeFilter(tradeFilterConfigOf(cfg.input));
    this.ctx = {
      cfg,
      emit: hooks.emit,
      confidence: hooks.confidence ?? NO_CONFIDENCE,
      track: (rec, t) => {
        rec.trackers.push(t);
        this.deadlines.push(t);
        if (t.deadline < this.dueAt) this.dueAt = t.deadline;
      },
    };
  }

  /** Clock time of the last input. */
  get clock(): number {
    return this.now;
  }

  push(input: Input): void {
    const t = this.enter(input);
    if (input.kind === 'tick') {
      this.stats.ticks += 1;
      return;
    }
    if (input.kind === 'watermark') return this.onWatermark(input.mint, input.pool, input.through);
    if (input.kind === 'series_end') return this.onSeriesEnd(tokenKeyOf(input.mint, input.pool) ?? '', input.ts);
    this.stats.inputs += 1;
    this.counts.of(input.source).received += 1;
    const problem = recordProblem(input, t, this.cfg.input) ?? (input.kind === 'trade' ? this.tradeFilter.check(tokenKeyOf(input.mint, input.pool)!, input) : null);
    if (problem) return this.drop(input, 'invalid', problem);
    const rec = tokenFor(this.tokens, this.poolTokens, input.mint, input.pool!, this.cfg.risk.atrPeriod);
    this.touch(rec, t);
    this.dispatch(rec, input, t);
  }

  /**
   * Final candles held as typed columns (file replays): each used row is applied exactly as push() applies
   * the candle it stands for, through one candle record reused from row to row, so a replay of a column
   * file makes no object per row. `beforeRow` sees each row's knownAt first (the replay's virtual clock).
   */
  pushBlock(b: CandleBlock, beforeRow?: (knownAt: number) => void): void {
    const c = this.rowCandle;
    c.source = b.source;
    // The token of each series, found once: a series always resolves to the same token (tokens are never removed).
    if (this.blockSeries !== b.series) {
      this.blockSeries = b.series;
      this.blockTokens = new Array<TokenRec | null>(b.series.length).fill(null);
    }
    const recs = this.blockTokens;
    for (let i = b.from; i < b.to; i++) {
      const k = b.seriesOf[i];
      const s = b.series[k];
      if (!s.used) continue;
      const start = b.start[i];
      c.knownAt = start + s.intervalMs;
      c.mint = s.mint;
      c.pool = s.pool;
      c.start = start;
      c.intervalMs = s.intervalMs;
      c.open = b.open[i];
      c.high = b.high[i];
      c.low = b.low[i];
      c.close = b.close[i];
      c.volumeUsd = b.volume[i];
      beforeRow?.(c.knownAt);
      // What push() does for a final file candle, with the token looked up per series instead of per row.
      const t = this.enter(c);
      this.stats.inputs += 1;
      this.counts.of(c.source).received += 1;
      const problem = recordProblem(c, t, this.cfg.input);
      if (problem) {
        this.drop(c, 'invalid', problem);
        continue;
      }
      let rec = recs[k];
      if (rec === null) rec = recs[k] = tokenFor(this.tokens, this.poolTokens, c.mint, c.pool!, this.cfg.risk.atrPeriod);
      this.touch(rec, t);
      this.applyMarket(rec, c, t);
    }
  }

  /** Registers waiting warm-up tokens unless `input` continues their warm-up, and moves the clock to it. */
  private enter(input: Input): number {
    if (this.warming.size > 0 && !(input.kind === 'candle' && input.warmup)) {
      for (const rec of this.warming) this.register(rec);
      this.warming.clear();
    }
    const t = input.knownAt > this.now ? input.knownAt : this.now;
    if (t > this.dueAt) this.advance(t, false);
    this.now = t;
    return t;
  }

  private touch(rec: TokenRec, t: number): void {
    if (rec.firstSeenAt === -Infinity) rec.firstSeenAt = t;
    rec.lastInputAt = t;
    rec.dirty = true;
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
    const starts = this.bucketStarts;
    if (bucketsOf(tiers, ts, starts)) return this.drop(r, 'late', 'bucket_already_closed');
    if (isTrade && r.id !== null && !rememberTradeId(rec, r.id, bucketStart(ts, MINUTE_MS))) return this.drop(r, 'duplicate', 'trade_id_seen');
    if (!isTrade && r.final) {
      const order = checkCandleOrder(rec, r.intervalMs, r.start);
      if (order) return this.drop(r, order, order === 'duplicate' ? 'candle_seen' : 'candle_out_of_order');
    }
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i];
      if (tier.start !== null && starts[i] > tier.start) this.closeThrough(rec, tier.start + tier.intervalMs);
    }
    // The candle key is only needed where provisional candles are in play.
    const provisional = !isTrade && !r.final;
    const key = isTrade || (!provisional && tiers[0].provKey === null) ? null : `${r.pool ?? ''}|${r.intervalMs}|${r.start}`;
    for (let i = 0; i < tiers.length; i++) applyPieceAt(tiers[i], starts[i], piece, key, provisional);
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
    if (rec.trackers.length !== 0) this.trackTargets(rec, piece, t);
    const f5 = tiers.includes(w.t5m) ? forming(w.t5m) : null;
    if (f4 && f5) {
      fillVolumesTo(w, f5.start);
      checkIgnition(this.ctx, rec, t, f4, f5, w.vol5m.meanOfLast(this.cfg.signals.ignition.volumeSmaBars));
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
        if (f4) checkIgnition(this.ctx, rec, boundary, f4, bar, w.vol5m.meanOfLast(this.cfg.signals.ignition.volumeSmaBars));
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

  private onSeriesEnd(key: string, ts: number): void {
    this.seriesEnds.set(key, ts);
    const rec = this.tokens.get(key);
    if (rec) rec.seriesEnd = undefined;
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
      const due = nb + this.cfg.input.lateToleranceMs;
      if (due < this.dueAt) this.dueAt = due;
    }
  }

  /** Runs, in time order, every boundary close and outcome deadline before `t` (or at it when inclusive). */
  private advance(t: number, inclusive: boolean): void {
    // Buckets wait out the lateness allowance before the clock closes them (watermarks close them sooner).
    const late = this.cfg.input.lateToleranceMs;
    for (;;) {
      // Plain numbers (Infinity: none) read from fields: a number-or-null, or a double a call returns, is boxed.
      const dt = this.deadlines.nextAt;
      const boundary = this.boundaries.nextAt;
      const bt = boundary + late;
      const dtDue = dt !== Infinity && (inclusive ? dt <= t : dt < t);
      const btDue = bt !== Infinity && (inclusive ? bt <= t : bt < t);
      if (!dtDue && !btDue) {
        this.dueAt = dt < bt ? dt : bt;
        return;
      }
      if (dtDue && (!btDue || dt <= bt)) {
        const tr = this.deadlines.pop()!;
        if (tr.done) continue;
        const rec = this.tokens.get(tr.tokenKey)!;
        // The token's own data ends before the horizon: open at end of data, not a TIMEOUT at its last price.
        const end = this.seriesEndAt(rec);
        if (end !== null && tr.deadline > end) tr.done = true;
        else emitOutcome(this.ctx, rec, tr, timeoutTracker(tr));
        rec.trackers = rec.trackers.filter((x) => !x.done);
      } else {
        const rec = this.boundaries.pop()!;
        if (rec.registered !== boundary) continue;
        rec.registered = NaN;
        // The token's own data ends before the boundary: its bucket stays open (see EngineHooks.seriesEnd).
        const end = this.seriesEndAt(rec);
        if (end !== null && boundary > end) continue;
        this.closeThrough(rec, boundary);
        this.register(rec);
      }
    }
  }

  private readonly seriesEndOf = (key: string): number | undefined => this.hooks.seriesEnd?.(key) ?? this.seriesEnds.get(key);

  /** The token's series end (null: none), asked once per token; a series_end input makes it ask again. */
  private seriesEndAt(rec: TokenRec): number | null {
    if (rec.seriesEnd === undefined) rec.seriesEnd = this.seriesEndOf(rec.key) ?? null;
    return rec.seriesEnd;
  }

  private drop(r: MarketRecord, reason: 'late' | 'duplicate' | 'invalid', detail: string): void {
    this.stats.dropped[reason] += 1;
    this.counts.of(r.source)[reason] += 1;
    const key = tokenKeyOf(r.mint, r.pool);
    this.hooks.emit(droppedLine(r, reason, detail, this.now, key, key ? (this.tokens.get(key)?.symbol ?? null) : null, this.dropSeqs.next(key)));
  }
}
