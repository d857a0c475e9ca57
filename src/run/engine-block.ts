import type { Candle } from '../domain/market.js';
import type { InputCounts } from '../domain/status.js';
import type { CandleBlock } from '../domain/candle-block.js';
import { MINUTE_MS } from '../domain/time.js';
import { plainCandle, plainCandleLimits, recordProblem } from './validate.js';
import { EngineSeries } from './engine-series.js';
import type { TokenRec } from './token.js';
import { WARM_UP_MIN_ROWS } from './engine-warm.js';

/**
 * The engine's column path: final candles held as typed columns (file replays), each row applied exactly
 * as push() applies the candle it stands for: the usual 1m row in place (applyNextMinute), any other through
 * the candle record reused from row to row.
 */
/** The column path has been through warmUpRowPath() in this process (engine-warm.ts). */
let rowPathWarm = false;

export abstract class EngineBlocks extends EngineSeries {
  /**
   * Applies rows [from, to) of a block, making no object per row. `beforeRow` sees the first row of each time
   * (knownAt) first, as the candle record reused from row to row (read its knownAt for the replay's virtual
   * clock; keep nothing of it): a record, not its knownAt, because a double passed to a call that is not inlined
   * is boxed. The rows of one time after the first need no clock move: it is called again for them only when
   * the engine's clock has work due.
   */
  pushBlock(b: CandleBlock, beforeRow?: (row: Candle) => void): void {
    if (!rowPathWarm && b.to - b.from >= WARM_UP_MIN_ROWS) {
      rowPathWarm = true;
      this.warmUpRowPath();
    }
    this.rowCandle.source = b.source;
    // The token of each series, found once: a series always resolves to the same token (tokens are never removed).
    if (this.blockSeries !== b.series) this.takeSeries(b.series);
    this.takeColumns(b);
    if (this.seriesWithoutToken > 0) this.findTokens(b);
    const recs = this.blockTokens;
    const used = this.seriesUsed;
    const intervals = this.seriesInterval;
    // The block's source counters, taken at its first used row (a source with no rows gets none).
    let counts: InputCounts | null = null;
    const lim = this.cfg.input;
    const plain = plainCandleLimits(lim);
    // The usual 1m row goes through applyNextMinute() under plain limits and no lateness allowance.
    const nextMinute = plain && this.lateMs === 0;
    // The columns in locals or in `cols` (one layout): the readers build blocks of three layouts (and the warm-up
    // a fourth), so a row reading them through `b` would check its layout seven times per row, and the first
    // block of another layout would throw the compiled row loop away.
    const { seriesOf, start: starts, to } = b;
    const cols = this.cols;
    const pools = this.seriesPool;
    // The knownAt the clock last entered in this block (NaN: none yet).
    let entered = NaN;
    for (let i = b.from; i < to; i++) {
      const k = seriesOf[i];
      if (used[k] === 0) continue;
      const intervalMs = intervals[k];
      const knownAt = starts[i] + intervalMs;
      // A row of the time entered last needs no enter() unless work fell due since: enter() would do nothing.
      if (knownAt !== entered || this.now > this.dueAt) {
        const row = this.rowRecord(i, k);
        beforeRow?.(row);
        this.enter(row);
        entered = knownAt;
      }
      this.stats.inputs += 1;
      if (counts === null) counts = this.counts.of(b.source);
      counts.received += 1;
      const rec = recs[k];
      if (rec !== null && nextMinute && intervalMs === MINUTE_MS && this.now === knownAt && this.applyNextMinute(rec, pools[k], cols, i, counts)) continue;
      this.applyRecordRow(rec, i, k, counts, plain);
    }
  }

  /**
   * Row i (of series k) through the candle record: checked (dropped when invalid), then applyMinuteRow() or
   * applyRow(). Out of the row loop, which the usual row (applyNextMinute) does not take this far.
   */
  private applyRecordRow(token: TokenRec | null, i: number, k: number, counts: InputCounts, plain: boolean): void {
    const c = this.rowRecord(i, k);
    const lim = this.cfg.input;
    // The clock's time (what enter() returns), read from its field: a returned double may be boxed.
    const t = this.now;
    // Nearly every row passes the one-expression check; the others are asked for their reason.
    const problem = plain && plainCandle(c, lim) ? null : recordProblem(c, t, lim);
    if (problem) return this.drop(c, 'invalid', problem);
    // findTokens() has found the token of every row that passes the check.
    const rec = token ?? this.tokenOfRow(k, c);
    this.touch(rec, t);
    if (c.intervalMs === MINUTE_MS) this.applyMinuteRow(rec, c, counts);
    else this.applyRow(rec, c, counts);
  }

  /** Runs made-up rows through a private engine, once per process, before the first block (engine-warm.ts). */
  protected abstract warmUpRowPath(): void;
}
