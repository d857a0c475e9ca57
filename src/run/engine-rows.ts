import type { Candle } from '../domain/market.js';
import type { InputCounts } from '../domain/status.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../domain/time.js';
import { applyFinalPiece, applyPieceAt, bucketsOf } from '../candles/windows.js';
import { tiersOfInput, type TokenRec } from './token.js';
import { checkCandleOrder } from './token-dedup.js';
import { EngineMarket } from './engine-market.js';

/**
 * A row of a column block applied to its token (engine-block.ts reads the rows): a final, non-warm-up candle
 * of the lead pool, exactly as push() applies the candle it stands for, without push()'s branches for trades,
 * provisional and warm-up candles.
 */
export abstract class EngineRows extends EngineMarket {
  /**
   * applyRow() for a 1m candle, which feeds all three tiers: the tiers are read straight from the windows
   * (no tier list) and, known at its end with no lateness allowance, its 1m end is not queued.
   */
  protected applyMinuteRow(rec: TokenRec, c: Candle, counts: InputCounts): void {
    // The clock's time, read here rather than passed: a double passed to a call that is not inlined is boxed.
    const t = this.now;
    if (rec.unqueued1mEnd < t) this.settle1m(rec, false);
    if (c.pool && rec.lead === null) rec.lead = c.pool;
    if (c.pool && c.pool !== rec.lead) return this.applySecondary(rec, c, c.close, c.start);
    const w = rec.w;
    const t1 = w.t1m;
    const t5 = w.t5m;
    const t4 = w.t4h;
    const start = c.start;
    // The start is on the 1m grid (recordProblem): it is its own 1m bucket.
    const s5 = bucketStart(start, FIVE_MIN_MS);
    const s4 = bucketStart(start, FOUR_HOUR_MS);
    if (start < t1.closedThrough || s5 < t5.closedThrough || s4 < t4.closedThrough) return this.drop(c, 'late', 'bucket_already_closed');
    // checkCandleOrder(), its usual case in place: the token's next 1m candle.
    if (rec.finalIntervalMs === MINUTE_MS && start > rec.finalStart) rec.finalStart = start;
    else {
      const order = checkCandleOrder(rec, MINUTE_MS, start);
      if (order) return this.drop(c, order, order === 'duplicate' ? 'candle_seen' : 'candle_out_of_order');
    }
    // Roll-over, finest first; each check reads the tier after the closes before it (a tier with nothing
    // forming has a NaN start, which compares false).
    if (start > t1.start) this.closeThrough(rec, t1.start + MINUTE_MS);
    if (s5 > t5.start) this.closeThrough(rec, t5.start + FIVE_MIN_MS);
    if (s4 > t4.start) this.closeThrough(rec, t4.start + FOUR_HOUR_MS);
    if (t1.provKey === null) {
      applyFinalPiece(t1, c);
      applyFinalPiece(t5, c);
      applyFinalPiece(t4, c);
    } else {
      const key = `${c.pool ?? ''}|${MINUTE_MS}|${start}`;
      applyPieceAt(t1, start, c, key, false);
      applyPieceAt(t5, s5, c, key, false);
      applyPieceAt(t4, s4, c, key, false);
    }
    this.stats.applied += 1;
    counts.applied += 1;
    this.afterPiece(rec, c, true, true);
    // The 1m bucket just filled starts at `start` (t1.start).
    if (t === c.knownAt && this.lateMs === 0) this.registerPast1m(rec);
    else this.register(rec);
  }

  /** applyMarket() for a final, non-warm-up candle, without the branches of trades and provisional candles. */
  protected applyRow(rec: TokenRec, c: Candle, counts: InputCounts): void {
    this.settle1m(rec, false);
    if (c.pool && rec.lead === null) rec.lead = c.pool;
    if (c.pool && c.pool !== rec.lead) return this.applySecondary(rec, c, c.close, c.start);
    const w = rec.w;
    const tiers = tiersOfInput(rec, c.intervalMs);
    if (tiers.length === 0) return this.drop(c, 'invalid', `interval_not_supported:${c.intervalMs}`);
    const starts = this.bucketStarts;
    if (bucketsOf(tiers, c.start, starts)) return this.drop(c, 'late', 'bucket_already_closed');
    const order = checkCandleOrder(rec, c.intervalMs, c.start);
    if (order) return this.drop(c, order, order === 'duplicate' ? 'candle_seen' : 'candle_out_of_order');
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i];
      if (starts[i] > tier.start) this.closeThrough(rec, tier.start + tier.intervalMs);
    }
    const key = tiers[0].provKey === null ? null : `${c.pool ?? ''}|${c.intervalMs}|${c.start}`;
    for (let i = 0; i < tiers.length; i++) applyPieceAt(tiers[i], starts[i], c, key, false);
    this.stats.applied += 1;
    counts.applied += 1;
    this.afterPiece(rec, c, tiers.includes(w.t5m), tiers.includes(w.t4h));
    this.register(rec);
  }
}
