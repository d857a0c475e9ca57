import type { Candle } from '../domain/market.js';
import type { BlockSeries, CandleBlock } from '../domain/candle-block.js';
import type { RowColumns } from '../candles/row-bars.js';
import { plainCandle, plainCandleLimits, recordProblem } from './validate.js';
import { tokenFor, type TokenRec } from './token.js';
import { EngineRows } from './engine-rows.js';

/**
 * What the column path (engine-block.ts) keeps of the block it applies: its series table in small parallel
 * arrays, the token of each series, its columns, and the candle record a row is read into when one is needed.
 */
export abstract class EngineSeries extends EngineRows {
  /**
   * The series table of the last block, and what each row needs of its series kept in small parallel arrays
   * (a row reads a few hot array slots instead of its series object): replayed or not, interval, pool, mint,
   * and the token (null: not looked up yet).
   */
  protected blockSeries: readonly BlockSeries[] | null = null;
  protected seriesUsed = new Uint8Array(0);
  protected seriesInterval = new Float64Array(0);
  protected seriesPool: (string | null)[] = [];
  private seriesMint: (string | null)[] = [];
  protected blockTokens: (TokenRec | null)[] = [];
  /** Used series of the table whose token is not looked up yet. */
  protected seriesWithoutToken = 0;
  /**
   * The candle record pushBlock() refills per row. Nothing keeps an input once push() returns when it is
   * a final, non-warm-up candle (a provisional one is kept as its tier's piece; warm-up marks the token).
   */
  protected readonly rowCandle: Candle = {
    kind: 'candle', knownAt: 0, mint: null, pool: null, source: 'file', start: 0, intervalMs: 0, open: 0, high: 0, low: 0, close: 0, volumeUsd: 0, final: true,
  };

  /** The columns of the current block (applyNextMinute() and rowRecord() read rows from it). */
  protected readonly cols: RowColumns = { starts: new Float64Array(0), opens: new Float64Array(0), highs: new Float64Array(0), lows: new Float64Array(0), closes: new Float64Array(0), volumes: new Float64Array(0) };

  /** Takes the columns of a block into `cols`. */
  protected takeColumns(b: CandleBlock): void {
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
   * its knownAt, which every row of the loop is (the future skew allowed is never negative). Why ahead of the
   * loop: a loop that makes tokens holds their allocation sites, and V8 throws its compiled code away when it
   * later decides to allocate those objects in the old generation (tokens live for the whole replay).
   */
  protected findTokens(b: CandleBlock): void {
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
  protected tokenOfRow(k: number, c: Candle): TokenRec {
    const rec = tokenFor(this.tokens, this.poolTokens, c.mint, c.pool!, this.cfg.risk.atrPeriod);
    this.blockTokens[k] = rec;
    this.seriesWithoutToken -= 1;
    return rec;
  }

  /** Row i (of series k) of the current block as the candle record reused from row to row. */
  protected rowRecord(i: number, k: number): Candle {
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

  /** Takes the series table of a block (a new one: every block of a replay shares one). */
  protected takeSeries(series: readonly BlockSeries[]): void {
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
