import type { Candle } from '../domain/market.js';
import type { InputCounts } from '../domain/status.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../domain/time.js';
import { plainOhlcv } from './validate.js';
import { applyFinalPiece, applyPieceAt, bucketsOf } from '../candles/windows.js';
import { startRow, type RowColumns } from '../candles/row-bars.js';
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
   * The usual 1m row applied in place, with no candle record and no call per tier; false, having changed
   * nothing, for any other row (applyMinuteRow() then takes it). Usual: a minute of the token's lead pool after
   * its last one (gaps allowed), with plain prices (plainOhlcv), nothing provisional, inside
   * the token's forming 4h bucket and its forming 5m one (or the 5m bucket right after the last one closed); the
   * caller has checked that the clock is at the row's end and allows no lateness. It leaves what
   * applyMinuteRow() leaves for such a row: the token's last minute closed (a 1m close emits nothing, whether
   * the clock or the roll-over closes it) and its bar refilled for this minute, the 5m and 4h bars folded, the
   * same checks and registration after (test/run/engine-next-minute.test.ts compares the two).
   */
  protected applyNextMinute(rec: TokenRec, pool: string | null, cols: RowColumns, i: number, counts: InputCounts): boolean {
    const start = cols.starts[i];
    if (rec.finalIntervalMs !== MINUTE_MS || pool === null || pool !== rec.lead) return false;
    // After the token's last minute, on the 1m grid (worked out only after a gap).
    if (start !== rec.finalStart + MINUTE_MS && !(start > rec.finalStart && Math.floor(start / MINUTE_MS) * MINUTE_MS === start)) return false;
    const w = rec.w;
    const t1 = w.t1m;
    const t5 = w.t5m;
    const t4 = w.t4h;
    if (t1.prov !== null || t5.prov !== null || t4.prov !== null) return false;
    // 5m and 4h: the forming bucket holds the row, or nothing is forming and the row is past the last closed one
    // (a tier with nothing forming has a NaN start, which compares false).
    const fold5 = t5.acc !== null && start >= t5.start && start < t5.start + FIVE_MIN_MS;
    if (!fold5 && !(Number.isNaN(t5.start) && t5.spare !== null && start >= t5.closedThrough)) return false;
    const fold4 = t4.acc !== null && start >= t4.start && start < t4.start + FOUR_HOUR_MS;
    if (!fold4 && !(Number.isNaN(t4.start) && t4.spare !== null && start >= t4.closedThrough)) return false;
    // 1m: the token's last minute forming (it closes: by the clock or by the roll-over), or nothing forming.
    const roll1 = t1.acc !== null && t1.start === rec.finalStart;
    if (!roll1 && !(Number.isNaN(t1.start) && t1.spare !== null && start >= t1.closedThrough)) return false;
    const open = cols.opens[i];
    const high = cols.highs[i];
    const low = cols.lows[i];
    const close = cols.closes[i];
    const volume = cols.volumes[i];
    if (!plainOhlcv(open, high, low, close, volume, this.cfg.input)) return false;
    this.touch(rec, this.now);
    rec.finalStart = start;
    // 1m: closeTier() then startBar() with the same bar object.
    if (roll1) {
      t1.closedThrough = t1.start + MINUTE_MS;
      t1.spare = t1.acc;
    }
    // The row's own 1m bar: its prices are the row's (the piece afterPiece() would track targets with).
    const b1 = startRow(t1, cols, i);
    // 5m and 4h: foldInto() the forming bar (written out: V8 inlines only so much into one function, and the
    // ignition check it inlines runs per row too), or startBar() the next one.
    const b5 = fold5 ? t5.acc! : startRow(t5, cols, i);
    if (fold5) {
      if (high > b5.high) b5.high = high;
      if (low < b5.low) b5.low = low;
      b5.close = close;
      b5.volumeUsd += volume;
    }
    const b4 = fold4 ? t4.acc! : startRow(t4, cols, i);
    if (fold4) {
      if (high > b4.high) b4.high = high;
      if (low < b4.low) b4.low = low;
      b4.close = close;
      b4.volumeUsd += volume;
    }
    this.stats.applied += 1;
    counts.applied += 1;
    // afterPiece(), the row's 1m bar standing for the candle.
    w.lastPrice = close;
    if (rec.trackers.length !== 0) this.trackTargets(rec, b1, this.now);
    this.afterForming(rec, b4, b5);
    this.registerPast1m(rec);
    return true;
  }

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
