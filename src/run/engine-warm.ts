import type { BlockSeries, CandleBlock } from '../domain/candle-block.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../domain/time.js';
import type { EngineConfig } from './decide.js';

/**
 * Blocks of fewer rows skip the warm-up: the rows it would speed up cost less than it does (~15 ms), so a
 * small file starts as fast as before it.
 */
export const WARM_UP_MIN_ROWS = 1_000;

/** The made-up price level (USD) the shares below multiply. */
const PRICE = 1.375;
/** Start of the warm-up's made-up market: 2020-01-01, on every grid. */
const T0 = Date.UTC(2020, 0, 1);
/**
 * 4h windows it spans: enough closed 4h bars for an ATR (signals with a ladder), then an outcome horizon
 * (their outcomes time out); at most 40.
 */
const windowsOf = (cfg: EngineConfig) => Math.min(cfg.risk.atrPeriod + 3 + Math.ceil(cfg.risk.horizonMs / FOUR_HOUR_MS), 40);

/**
 * A few hundred made-up 1m rows of two tokens (one known by mint, one by pool only) that take the column
 * path through its rare branches once: roll-overs, 5m and 4h closes by roll-over and by the clock, lower
 * lows and higher highs, zero-filled volume gaps, near misses, ignitions, confirmations, fades, gates and
 * ladders, thresholds taken from `cfg`.
 *
 * Why: V8 optimises the row path within the first thousand rows, before a real file has reached its first
 * 5m close, near miss or 4h close; each of those then throws the optimised code away (no type feedback
 * there yet) and the whole inlined row path is compiled again, four or five times over in a single pass.
 * A private engine fed these rows first gives every branch its feedback, so the real rows are compiled once.
 */
export function warmUpBlock(cfg: EngineConfig): CandleBlock {
  const ig = cfg.signals.ignition;
  const nm = cfg.signals.nearMiss;
  // Late enough in each window for the SMA of the 5m volumes (zero-filled gaps count), early enough to leave
  // room for the rows after it.
  const signalAt = Math.min(5 * (ig.volumeSmaBars + 2), 200);
  const nearMissPct = ig.minChangePct - nm.changeMarginPct / 2;
  const ignitionPct = ig.minChangePct + 0.5;
  const confirmPct = Math.max(cfg.signals.confirmation.minChangePct, ignitionPct) + 1;
  // One window's rows: [minute, close as a share of the window's open, volume]. The row after the near miss
  // is checked again with the window's near miss decided (and is no ignition yet).
  const steps: [number, number, number][] = [
    [0, 1, 1], [1, 1.001, 1], [2, 0.999, 2], [7, 1, 1],
    [signalAt, 1 + nearMissPct / 100, 1e4], [signalAt + 1, 1 + nearMissPct / 100, 1], [signalAt + 2, 1 + ignitionPct / 100, 1e4],
  ];
  const rows: { start: number; series: number; close: number; volume: number; open: number }[] = [];
  const windows = windowsOf(cfg);
  for (let k = 0; k < windows; k++) {
    const base = T0 + k * FOUR_HOUR_MS;
    // Even windows close up (a confirmation), odd ones back at their open (the ignition fades).
    const last = k % 2 === 0 ? 1 + confirmPct / 100 : 1;
    const window = [...steps, [signalAt + 3, k % 2 === 0 ? last : 1 + ignitionPct / 100, 1] as [number, number, number], [239, last, 1] as [number, number, number]];
    let prev = 1;
    for (const [minute, close, volume] of window) {
      for (let s = 0; s < 2; s++) rows.push({ start: base + minute * MINUTE_MS, series: s, open: prev, close, volume });
      prev = close;
    }
  }
  const n = rows.length;
  const series: BlockSeries[] = [
    { pool: 'warm-up-pool-a', mint: 'warm-up-mint-a', intervalMs: MINUTE_MS, used: true },
    { pool: 'warm-up-pool-b', mint: null, intervalMs: MINUTE_MS, used: true },
  ];
  const cols = {
    seriesOf: new Int32Array(n), start: new Float64Array(n),
    open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n),
  };
  // Built as the file reader builds its blocks (columns.ts), so both have the same layout.
  const b: CandleBlock = { kind: 'candle_block', source: 'file', series, ...cols, from: 0, to: n };
  // No whole numbers: a field whose first value is a small integer is stored as one, and the first fraction
  // after that changes the object's layout, which throws away the code compiled for it.
  rows.forEach((r, i) => {
    b.seriesOf[i] = r.series;
    b.start[i] = r.start;
    b.open[i] = PRICE * r.open;
    b.close[i] = PRICE * r.close;
    b.high[i] = PRICE * Math.max(r.open, r.close) * 1.0005;
    b.low[i] = PRICE * Math.min(r.open, r.close) * 0.9995;
    b.volume[i] = r.volume + 0.25;
  });
  return b;
}
