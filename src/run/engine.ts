import type { Input, MarketRecord } from '../domain/market.js';
import { sanitizeSymbol } from '../domain/text.js';
import type { ConfirmationLine, IgnitionLine } from '../domain/signals.js';
import { nextBoundary } from '../candles/windows.js';
import { MINUTE_MS } from '../domain/time.js';
import { recordProblem } from './validate.js';
import { resumeSignal, tokenFor, tokenKeyOf, type TokenRec } from './token.js';
import { emitTokenViews } from './view.js';
import { EngineBlocks } from './engine-block.js';
import { NO_CONFIDENCE } from './engine-hooks.js';
import { warmUpBlock } from './engine-warm.js';
import { isPureConfidence } from '../confidence/pure.js';

export type { EngineHooks } from './engine-hooks.js';
export type { EngineStats } from './stats.js';

/**
 * The scanner's core: a synchronous state machine over inputs in knownAt order. Time only moves with
 * the inputs (ticks included), so live and replay behave identically. A bucket closes when the clock
 * passes its end; everything it triggers is stamped with the boundary time.
 *
 * Layers, one file each: where tokens wait (engine-queue.ts), the clock (engine-clock.ts: enter, advance),
 * what a piece or a boundary triggers (engine-closes.ts: targets, ignition checks, closes), the market
 * (engine-market.ts: trades and candles into windows, drops), a column row into its token (engine-rows.ts:
 * the usual 1m row in place, the others through a candle record), the block's series, tokens and columns
 * (engine-series.ts), the column path (engine-block.ts: pushBlock) and here the records that are not prices
 * (pools, tokens, security, impact), restarts and the end of the stream.
 */
export class Engine extends EngineBlocks {
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

  private dispatch(rec: TokenRec, r: MarketRecord, t: number): void {
    switch (r.kind) {
      case 'trade':
      case 'candle':
        return this.applyMarket(rec, r, t);
      case 'pool':
        if (r.pool && (rec.lead === null || r.isLead)) rec.lead = r.pool;
        if (r.pool === rec.lead || r.pool === null) rec.pool = r;
        else if (r.priceUsd !== null) (rec.otherPools ??= new Map()).set(r.pool, { priceUsd: r.priceUsd, liquidityUsd: r.liquidityUsd, at: r.ts });
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

  /**
   * The column path's warm-up (engine-warm.ts): a private engine that emits nowhere, with hooks shaped like the
   * pipeline's; one of its tokens has a series end. It scores its signals with this engine's confidence hook
   * only when that hook is pure (confidence/pure.ts: the scoring code is then compiled before the first real
   * signal), else with none: a caller's own hook is never called by it.
   */
  protected warmUpRowPath(): void {
    const b = warmUpBlock(this.cfg);
    const end = b.start[b.to - 1] + MINUTE_MS;
    const mint = b.series[0].mint;
    let clock = 0;
    const own = this.hooks.confidence;
    const confidence = own !== undefined && isPureConfidence(own) ? own : NO_CONFIDENCE;
    const engine = new Engine(this.cfg, { emit: () => {}, confidence, seriesEnd: (key) => (key === mint ? end : undefined) });
    engine.pushBlock(b, (row) => void (clock = row.knownAt));
    engine.finish(clock);
  }

  /** The input stream ended at clock time `t`: closes everything whose boundary is at or before it. */
  finish(t: number = this.now): void {
    for (const rec of this.warming) this.register(rec);
    this.warming.clear();
    if (t > this.now) this.now = t;
    // 1m buckets left out of the queue close as the clock would close them now (nothing is emitted).
    for (const rec of this.tokens.values()) this.settle1m(rec, true);
    this.advance(this.now, true);
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
    this.settle1m(rec, false);
    const nb = nextBoundary(rec.w);
    if (nb === null || nb > through) return;
    this.closeThrough(rec, through);
    this.register(rec);
  }
}
