import type { Candle } from '../domain/market.js';
import type { InputCounts } from '../domain/status.js';
import type { BlockSeries, CandleBlock } from '../domain/candle-block.js';
import { FIVE_MIN_MS, FOUR_HOUR_MS, MINUTE_MS, bucketStart } from '../domain/time.js';
import { applyPieceAt, bucketsOf } from '../candles/windows.js';
import { plainCandle, plainCandleLimits, recordProblem } from './validate.js';
import { checkCandleOrder, tiersOfInput, tokenFor, type TokenRec } from './token.js';
import { EngineMarket } from './engine-market.js';
import { WARM_UP_MIN_ROWS } from './engine-warm.js';

/**
 * The engine's column path: final candles held as typed columns (file replays), each row applied exactly
 * as push() applies the candle it stands for, through one candle record reused from row to row.
 */
/** The column path has been through warmUpRowPath() in this process (engine-warm.ts). */
let rowPathWarm = false;

export abstract class EngineBlocks extends EngineMarket {
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
   * Applies rows [from, to) of a block, making no object per row. `beforeRow` sees each row's knownAt
   * first (the replay's virtual clock).
   */
  pushBlock(b: CandleBlock, beforeRow?: (knownAt: number) => void): void {
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
      beforeRow?.(c.knownAt);
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

  /**
   * applyRow() for a 1m candle, which feeds all three tiers: the tiers are read straight from the windows
   * (no tier list) and, known at its end with no lateness allowance, its 1m end is not queued.
   */
  private applyMinuteRow(rec: TokenRec, c: Candle, counts: InputCounts): void {
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
    const key = t1.provKey === null ? null : `${c.pool ?? ''}|${MINUTE_MS}|${start}`;
    applyPieceAt(t1, start, c, key, false);
    applyPieceAt(t5, s5, c, key, false);
    applyPieceAt(t4, s4, c, key, false);
    this.stats.applied += 1;
    counts.applied += 1;
    this.afterPiece(rec, c, true, true);
    if (t === c.knownAt && this.lateMs === 0) this.registerPast1m(rec, start + MINUTE_MS);
    else this.register(rec);
  }

  /** applyMarket() for a final, non-warm-up candle, without the branches of trades and provisional candles. */
  private applyRow(rec: TokenRec, c: Candle, counts: InputCounts): void {
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
