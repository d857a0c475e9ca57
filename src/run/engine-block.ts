import type { Candle } from '../domain/market.js';
import type { InputCounts } from '../domain/status.js';
import type { BlockSeries, CandleBlock } from '../domain/candle-block.js';
import { MINUTE_MS } from '../domain/time.js';
import { plainCandle, plainCandleLimits, recordProblem } from './validate.js';
import { tokenFor, type TokenRec } from './token.js';
import { EngineRows, type RowColumns } from './engine-rows.js';
import { WARM_UP_MIN_ROWS } from './engine-warm.js';

/**
 * The engine's column path: final candles held as typed columns (file replays), each row applied exactly
 * as push() applies the candle it stands for, through one candle record reused from row to row.
 */
/** The column path has been through warmUpRowPath() in this process (engine-warm.ts). */
let rowPathWarm = false;

export abstract class EngineBlocks extends EngineRows {
  /**
   * The series table of the last block, and what each row needs of its series kept in small parallel arrays
   * (a row reads a few hot array slots instead of its series object): replayed or not, interval, pool, mint,
   * and the token (null: not looked up yet).
   */
  private blockSeries: readonly BlockSeries[] | null = null;
  private seriesUsed = new Uint8Array(0);
  private seriesInterval = new Float64Array(0);
  private seriesPool: (string | null)[] = [];
  private seriesMint: (string | null)[] = [];
  private blockTokens: (TokenRec | null)[] = [];
  /** Used series of the table whose token is not looked up yet. */
  private seriesWithoutToken = 0;
  /**
   * The candle record pushBlock() refills per row. Nothing keeps an input once push() returns when it is
   * a final, non-warm-up candle (a provisional one is kept as its tier's piece; warm-up marks the token).
   */
  private readonly rowCandle: Candle = {
    kind: 'candle', knownAt: 0, mint: null, pool: null, source: 'file', start: 0, intervalMs: 0, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true,
  };

  /** The columns of the current block (applyNextMinute() and rowRecord() read rows from it). */
  private readonly cols: RowColumns = { starts: new Float64Array(0), opens: new Float64Array(0), highs: new Float64Array(0), lows: new Float64Array(0), closes: new Float64Array(0), volumes: new Float64Array(0) };

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
      let rec = recs[k];
      if (rec !== null && nextMinute && intervalMs === MINUTE_MS && this.now === knownAt && this.applyNextMinute(rec, pools[k], cols, i, counts)) continue;
      const c = this.rowRecord(i, k);
      // The clock's time (what enter() returns), read from its field: a returned double may be boxed.
      const t = this.now;
      // Nearly every row passes the one-expression check; the others are asked for their reason.
      const problem = plain && plainCandle(c, lim) ? null : recordProblem(c, t, lim);
      if (problem) {
        this.drop(c, 'invalid', problem);
        continue;
      }
      // findTokens() has found the token of every row that passes the check.
      if (rec === null) rec = this.tokenOfRow(k, c);
      this.touch(rec, t);
      if (intervalMs === MINUTE_MS) this.applyMinuteRow(rec, c, counts);
      else this.applyRow(rec, c, counts);
    }
  }

  private takeColumns(b: CandleBlock): void {
    const cols = this.cols;
    cols.starts = b.start;
    cols.opens = b.open;
    cols.highs = b.high;
    cols.lows = b.low;
    cols.closes = b.close;
    cols.volumes = b.volume;
  }

  /**
   * Finds (or makes) the token of each series first met in this block, in the order the row loop would: at the
   * series' first row that passes the row check. The check does not depend on the clock for a row at or after
   * its knownAt, which every row of the loop is (the future skew allowed is never negative). Why ahead of the loop: a loop that makes tokens holds their
   * allocation sites, and V8 throws its compiled code away when it later decides to allocate those objects in
   * the old generation (tokens live for the whole replay).
   */
  private findTokens(b: CandleBlock): void {
    const recs = this.blockTokens;
    const lim = this.cfg.input;
    const plain = plainCandleLimits(lim);
    for (let i = b.from; i < b.to && this.seriesWithoutToken > 0; i++) {
      const k = b.seriesOf[i];
      if (this.seriesUsed[k] === 0 || recs[k] !== null) continue;
      const c = this.rowRecord(i, k);
      const t = c.knownAt > this.now ? c.knownAt : this.now;
      if ((plain && plainCandle(c, lim)) || recordProblem(c, t, lim) === null) this.tokenOfRow(k, c);
    }
  }

  /** The token of series k (met in row `c`), found once. */
  private tokenOfRow(k: number, c: Candle): TokenRec {
    const rec = tokenFor(this.tokens, this.poolTokens, c.mint, c.pool!, this.cfg.risk.atrPeriod);
    this.blockTokens[k] = rec;
    this.seriesWithoutToken -= 1;
    return rec;
  }

  /** Row i (of series k) of the current block as the candle record reused from row to row. */
  private rowRecord(i: number, k: number): Candle {
    const c = this.rowCandle;
    const cols = this.cols;
    const start = cols.starts[i];
    const intervalMs = this.seriesInterval[k];
    c.knownAt = start + intervalMs;
    c.mint = this.seriesMint[k];
    c.pool = this.seriesPool[k];
    c.start = start;
    c.intervalMs = intervalMs;
    c.open = cols.opens[i];
    c.high = cols.highs[i];
    c.low = cols.lows[i];
    c.close = cols.closes[i];
    c.volumeUsd = cols.volumes[i];
    return c;
  }

  /** Runs made-up rows through a private engine, once per process, before the first block (engine-warm.ts). */
  protected abstract warmUpRowPath(): void;

  private takeSeries(series: readonly BlockSeries[]): void {
    const n = series.length;
    this.blockSeries = series;
    this.seriesUsed = Uint8Array.from(series, (s) => (s.used ? 1 : 0));
    this.seriesInterval = Float64Array.from(series, (s) => s.intervalMs);
    this.seriesPool = series.map((s) => s.pool);
    this.seriesMint = series.map((s) => s.mint);
    this.blockTokens = new Array<TokenRec | null>(n).fill(null);
    this.seriesWithoutToken = series.reduce((m, s) => m + (s.used ? 1 : 0), 0);
  }
}
