// Peer comparison: the per-update cost of our incremental ATR (atrStep) and of the 5m volume SMA
// (NumberRing.push + meanOfLast) against trading-signals 6 (dev dependency) on the same real series,
// with a check that the values agree.
import { ATR, FasterATR, FasterSMA, SMA } from 'trading-signals';
import { atrStep, newAtr } from '../src/risk/atr.js';
import { NumberRing } from '../src/candles/ring.js';
import { CBRL_4H_ORIGIN, cbrl1m, cbrl4h } from './cbrl.js';
import { int, printTable } from './md.js';

const repeat = <T>(xs: T[], n: number): T[] => Array.from({ length: n }, (_, i) => xs[i % xs.length]);

/** Best of `reps` timings of `run` (ns per update over `n` updates); the first run warms the JIT. */
function nsPerUpdate(n: number, reps: number, run: () => number): { ns: number; sink: number } {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < reps + 1; r++) {
    const t = process.hrtime.bigint();
    sink += run();
    const ns = Number(process.hrtime.bigint() - t) / n;
    if (r > 0 && ns < best) best = ns;
  }
  return { ns: best, sink };
}

function maxDiff(a: ArrayLike<number | null>, b: ArrayLike<number | null>): { abs: number; rel: number; mismatchedNulls: number } {
  let abs = 0;
  let rel = 0;
  let mismatchedNulls = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) {
      if (x !== y) mismatchedNulls++;
      continue;
    }
    const d = Math.abs(x - y);
    abs = Math.max(abs, d);
    if (x !== 0) rel = Math.max(rel, d / Math.abs(x));
  }
  return { abs, rel, mismatchedNulls };
}

const PERIOD = 14;
/** big.js ATR keeps every digit (its value grows to thousands of digits within a few hundred bars), so it gets a short series. */
const BIG_ATR_N = 300;
const SMA_BARS = 20;

export async function benchPeer(root: string): Promise<void> {
  const N = 1_000_000;
  const BIG_N = 20_000;
  const base4h = cbrl4h();
  const bars = repeat(base4h, N);
  const highs = Float64Array.from(bars, (b) => b.high);
  const lows = Float64Array.from(bars, (b) => b.low);
  const closes = Float64Array.from(bars, (b) => b.close);
  const vols1m = cbrl1m(root).map((r) => r.volumeUsd);
  const vols = Float64Array.from(repeat(vols1m, N));
  console.log(`\n## peer: incremental ATR(${PERIOD}) and SMA(${SMA_BARS}) vs trading-signals 6`);
  console.log(`Series: CBRL's ${base4h.length} ${CBRL_4H_ORIGIN} repeated to ${int(N)} bars; CBRL's ${int(vols1m.length)} real 1m USD volumes repeated to ${int(N)}. ns per update, best of 5 runs after a warm-up run; big.js SMA on the first ${int(BIG_N)} updates, big.js ATR on the first ${BIG_ATR_N} (it keeps every digit, so each update costs more than the last).`);

  // Values, update by update, for the agreement check.
  const oursAtr: (number | null)[] = [];
  const theirsAtr: (number | null)[] = [];
  const s = newAtr(PERIOD);
  const fa = new FasterATR(PERIOD);
  for (let i = 0; i < 100_000; i++) {
    atrStep(s, highs[i], lows[i], closes[i]);
    oursAtr.push(s.value);
    theirsAtr.push(fa.update(bars[i], false));
  }
  const bigAtr = new ATR(PERIOD);
  const bigAtrVals: (number | null)[] = [];
  for (let i = 0; i < BIG_ATR_N; i++) {
    const r = bigAtr.update(bars[i], false);
    bigAtrVals.push(r === null ? null : Number(r.toString()));
  }
  const oursSma: (number | null)[] = [];
  const theirsSma: (number | null)[] = [];
  const ring = new NumberRing(60);
  const fs = new FasterSMA(SMA_BARS);
  for (let i = 0; i < 100_000; i++) {
    ring.push(vols[i]);
    oursSma.push(ring.meanOfLast(SMA_BARS));
    theirsSma.push(fs.update(vols[i], false));
  }
  const dAtr = maxDiff(oursAtr, theirsAtr);
  const dAtrBig = maxDiff(oursAtr.slice(0, bigAtrVals.length), bigAtrVals);
  const dSma = maxDiff(oursSma, theirsSma);

  const atrOurs = nsPerUpdate(N, 5, () => {
    const st = newAtr(PERIOD);
    for (let i = 0; i < N; i++) atrStep(st, highs[i], lows[i], closes[i]);
    return st.value ?? 0;
  });
  const atrFaster = nsPerUpdate(N, 5, () => {
    const a = new FasterATR(PERIOD);
    let last: number | null = null;
    for (let i = 0; i < N; i++) last = a.update(bars[i], false);
    return last ?? 0;
  });
  const atrBig = nsPerUpdate(BIG_ATR_N, 2, () => {
    const a = new ATR(PERIOD);
    for (let i = 0; i < BIG_ATR_N; i++) a.update(bars[i], false);
    return 1;
  });
  const smaOurs = nsPerUpdate(N, 5, () => {
    const r = new NumberRing(60);
    let acc = 0;
    for (let i = 0; i < N; i++) {
      r.push(vols[i]);
      acc += r.meanOfLast(SMA_BARS) ?? 0;
    }
    return acc;
  });
  // The engine's hot path: the SMA is read on every input but pushed only when a 5m bar closes.
  const smaOursRead = nsPerUpdate(N, 5, () => {
    const r = new NumberRing(60);
    for (let i = 0; i < 60; i++) r.push(vols[i]);
    let acc = 0;
    for (let i = 0; i < N; i++) acc += r.meanOfLast(SMA_BARS) ?? 0;
    return acc;
  });
  const smaFaster = nsPerUpdate(N, 5, () => {
    const a = new FasterSMA(SMA_BARS);
    let acc = 0;
    for (let i = 0; i < N; i++) acc += a.update(vols[i], false) ?? 0;
    return acc;
  });
  const smaBig = nsPerUpdate(BIG_N, 2, () => {
    const a = new SMA(SMA_BARS);
    for (let i = 0; i < BIG_N; i++) a.update(vols[i], false);
    return 1;
  });
  const e = (x: number) => x.toExponential(2);
  printTable(
    ['indicator', 'implementation', 'ns / update', 'vs ours', 'max abs diff vs ours', 'max rel diff vs ours'],
    [
      [`ATR(${PERIOD}), Wilder`, 'ours: atrStep (src/risk/atr.ts)', atrOurs.ns.toFixed(1), '1.00', '-', '-'],
      [`ATR(${PERIOD}), Wilder`, 'trading-signals FasterATR (numbers)', atrFaster.ns.toFixed(1), (atrFaster.ns / atrOurs.ns).toFixed(2), `${e(dAtr.abs)} (${dAtr.mismatchedNulls} null mismatches)`, e(dAtr.rel)],
      [`ATR(${PERIOD}), Wilder`, 'trading-signals ATR (big.js)', atrBig.ns.toFixed(1), (atrBig.ns / atrOurs.ns).toFixed(2), `${e(dAtrBig.abs)} (${dAtrBig.mismatchedNulls} null mismatches)`, e(dAtrBig.rel)],
      [`SMA(${SMA_BARS}) push + read`, 'ours: NumberRing.push + meanOfLast (src/candles/ring.ts)', smaOurs.ns.toFixed(1), '1.00', '-', '-'],
      [`SMA(${SMA_BARS}) read only`, 'ours: meanOfLast without a push (the per-input engine path)', smaOursRead.ns.toFixed(1), (smaOursRead.ns / smaOurs.ns).toFixed(2), '-', '-'],
      [`SMA(${SMA_BARS}) push + read`, 'trading-signals FasterSMA (numbers)', smaFaster.ns.toFixed(1), (smaFaster.ns / smaOurs.ns).toFixed(2), `${e(dSma.abs)} (${dSma.mismatchedNulls} null mismatches)`, e(dSma.rel)],
      [`SMA(${SMA_BARS}) push + read`, 'trading-signals SMA (big.js)', smaBig.ns.toFixed(1), (smaBig.ns / smaOurs.ns).toFixed(2), '-', '-'],
    ],
  );
  if (atrOurs.sink + atrFaster.sink + smaOurs.sink + smaFaster.sink + smaOursRead.sink + atrBig.sink + smaBig.sink === 0) console.log('(sink)');
}
