import type { Candle } from '../domain/market.js';
import type { InputCounts } from '../domain/status.js';
import type { BlockSeries, CandleBlock } from '../domain/candle-block.js';
import { MINUTE_MS } from '../domain/time.js';
import { plainCandle, plainCandleLimits, recordProblem } from './validate.js';
import { tokenFor, type TokenRec } from './token.js';
import { EngineRows } from './engine-rows.js';
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
  /**
   * The candle record pushBlock() refills per row. Nothing keeps an input once push() returns when it is
   * a final, non-warm-up candle (a provisional one is kept as its tier's piece; warm-up marks the token).
   */
  private readonly rowCandle: Candle = {
    kind: 'candle', knownAt: 0, mint: null, pool: null, source: 'file', start: 0, intervalMs: 0, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true,
  };

  /**
   * Applies rows [from, to) of a block, making no object per row. `beforeRow` sees each row first, as the
   * candle record reused from row to row (read its knownAt for the replay's virtual clock; keep nothing of it):
   * a record, not its knownAt, because a double passed to a call that is not inlined is boxed.
   */
  pushBlock(b: CandleBlock, beforeRow?: (row: Candle) => void): void {
    if (!rowPathWarm && b.to - b.from >= WARM_UP_MIN_ROWS) {
      rowPathWarm = true;
      this.warmUpRowPath();
    }
    const c = this.rowCandle;
    c.source = b.source;
    // The token of each series, found once: a series always resolves to the same token (tokens are never removed).
    if (this.blockSeries !== b.series) this.takeSeries(b.series);
    const recs = this.blockTokens;
    const used = this.seriesUsed;
    const intervals = this.seriesInterval;
    // The block's source counters, taken at its first used row (a source with no rows gets none).
    let counts: InputCounts | null = null;
    const lim = this.cfg.input;
    const plain = plainCandleLimits(lim);
    // The columns in locals: the readers build blocks of three layouts (and the warm-up a fourth), so a row
    // reading them through `b` would check its layout seven times per row, and the first block of another
    // layout would throw the compiled row loop away.
    const { seriesOf, start: starts, open, high, low, close, volume, to } = b;
    const mints = this.seriesMint;
    const pools = this.seriesPool;
    for (let i = b.from; i < to; i++) {
      const k = seriesOf[i];
      if (used[k] === 0) continue;
      const start = starts[i];
      const intervalMs = intervals[k];
      c.knownAt = start + intervalMs;
      c.mint = mints[k];
      c.pool = pools[k];
      c.start = start;
      c.intervalMs = intervalMs;
      c.open = open[i];
      c.high = high[i];
      c.low = low[i];
      c.close = close[i];
      c.volumeUsd = volume[i];
      beforeRow?.(c);
      this.enter(c);
      // The clock's time (what enter() returns), read from its field: a returned double may be boxed.
      const t = this.now;
      this.stats.inputs += 1;
      if (counts === null) counts = this.counts.of(c.source);
      counts.received += 1;
      // Nearly every row passes the one-expression check; the others are asked for their reason.
      const problem = plain && plainCandle(c, lim) ? null : recordProblem(c, t, lim);
      if (problem) {
        this.drop(c, 'invalid', problem);
        continue;
      }
      let rec = recs[k];
      if (rec === null) rec = recs[k] = tokenFor(this.tokens, this.poolTokens, c.mint, c.pool!, this.cfg.risk.atrPeriod);
      this.touch(rec, t);
      if (intervalMs === MINUTE_MS) this.applyMinuteRow(rec, c, counts);
      else this.applyRow(rec, c, counts);
    }
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
  }
}
