import {
  FIVE_MIN_MS, FOUR_HOUR_MS, HOUR_MS, MINUTE_MS, bucketStart, type GateCheck, type Ladder, type OutcomeResult,
  type ScanEvent, type SignalKind,
} from '../../../src/domain/index.js';
import { gates, status } from './events.js';
import { cbrlSampleMinutes } from '../../support/sample-data.js';

/**
 * A realistic event sequence built from the real GeckoTerminal 1m candles of the CBRL PumpSwap pool
 * (samples/cbrl-1m.csv, the same rows as ../shared/data's collector file; prices around 0.00005 USD). Prices, changes, volume
 * ratios, 24h volumes and outcomes come from the candles; the detection here is a simplified stand-in for
 * the engine (2% + 3x 5m volume ignition, 10% confirmation, ATR ladder), enough to feed the table
 * the shapes and magnitudes it will see. Liquidity and authorities are fixed (not in the data).
 */
export const CBRL_MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
export const CBRL_POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
interface Minute { ts: number; open: number; high: number; low: number; close: number; volume: number }

/** CBRL's 1m candles from the bundled sample (samples/cbrl-1m.csv), epoch ms, ascending. */
export function loadCbrlMinutes(): Minute[] {
  return cbrlSampleMinutes().map((m) => ({ ts: m.ts * 1000, open: m.open, high: m.high, low: m.low, close: m.close, volume: m.volumeUsd }));
}

interface Open { id: string; kind: SignalKind; ladder: Ladder; ts: number; best: OutcomeResult | null; mfe: number; mae: number }

export function cbrlEvents(opts: { tokenViews?: boolean } = {}): ScanEvent[] {
  const minutes = loadCbrlMinutes();
  const out: ScanEvent[] = [];
  const base = { v: 1 as const, mint: CBRL_MINT, pool: CBRL_POOL, symbol: 'CBRL' };
  const vol5m = new Map<number, number>();
  const closed4h: Array<{ high: number; low: number; close: number }> = [];
  let win = { start: -1, open: 0, high: 0, low: 0, close: 0, volume: 0, ignitionId: null as string | null, tried: false };
  const open: Open[] = [];
  const dayVolume: Minute[] = [];
  const gatesAt = (ts: number): GateCheck[] => {
    while (dayVolume.length && dayVolume[0].ts < ts - 24 * HOUR_MS) dayVolume.shift();
    return gates({ volume24hUsd: dayVolume.reduce((s, m) => s + m.volume, 0), liquidityUsd: 62_000 });
  };
  const atr = (): number | null => {
    if (closed4h.length < 15) return null;
    const trs = closed4h.slice(-14).map((c, i, a) => {
      const prevClose = i === 0 ? closed4h[closed4h.length - 15].close : a[i - 1].close;
      return Math.max(c.high - c.low, Math.abs(c.high - prevClose), Math.abs(c.low - prevClose));
    });
    return trs.reduce((s, x) => s + x, 0) / trs.length;
  };
  const signal = (kind: SignalKind, ts: number, price: number, changePct: number, extra: Record<string, unknown>): void => {
    const g = gatesAt(ts);
    const failed = g.filter((x) => x.status === 'fail');
    const id = `${CBRL_MINT}:${kind}:${win.start}`;
    if (failed.length > 0) {
      out.push({ ...base, type: 'rejected', ts, id: `${id}:rejected`, signalType: kind, window4hStart: win.start, changePct, price, failed, gates: g });
      return;
    }
    const a = atr();
    const ladder: Ladder | null = a === null || price - 1.5 * a <= 0 ? null
      : { entry: price, sl: price - 1.5 * a, tp: [price + 2.25 * a, price + 4.5 * a, price + 7.5 * a], atr: a, r: 1.5 * a, slMode: 'atr', breakevenAfterTp1: true };
    const confidence = { score: Math.min(99, 40 + changePct), p: null, calibrated: false, features: { changePct, atrPct: a === null ? null : (a / price) * 100 } };
    const common = { ...base, ts, id, window4hStart: win.start, changePct, ladder, ladderUnavailable: ladder ? null : 'insufficient_history', gates: g, confidence };
    if (kind === 'ignition') out.push({ ...common, type: 'ignition', price, ...extra } as unknown as ScanEvent);
    else out.push({ ...common, type: 'confirmation', ignitionId: win.ignitionId, ...extra } as unknown as ScanEvent);
    if (kind === 'ignition') win.ignitionId = id;
    if (ladder) open.push({ id, kind, ladder, ts, best: null, mfe: 0, mae: 0 });
  };
  const closeWindow = (ts: number): void => {
    if (win.start < 0) return;
    const changePct = ((win.close - win.open) / win.open) * 100;
    if (changePct >= 10) signal('confirmation', ts, win.close, changePct, { open: win.open, high: win.high, low: win.low, close: win.close, volumeUsd: win.volume });
    else if (win.ignitionId) out.push({ ...base, type: 'fade', ts, id: `${win.ignitionId}:fade`, window4hStart: win.start, changePct, ignitionId: win.ignitionId });
    out.push({ type: 'window', ts, mint: CBRL_MINT, pool: CBRL_POOL, symbol: 'CBRL', changePct, firstUpThresholdAt: null,
      bar: { start: win.start, intervalMs: FOUR_HOUR_MS, open: win.open, high: win.high, low: win.low, close: win.close, volumeUsd: win.volume } });
    closed4h.push({ high: win.high, low: win.low, close: win.close });
  };
  for (const m of minutes) {
    const end = m.ts + MINUTE_MS;
    if (bucketStart(m.ts, FOUR_HOUR_MS) !== win.start) {
      closeWindow(bucketStart(m.ts, FOUR_HOUR_MS));
      win = { start: bucketStart(m.ts, FOUR_HOUR_MS), open: m.open, high: m.high, low: m.low, close: m.close, volume: 0, ignitionId: null, tried: false };
    }
    win.high = Math.max(win.high, m.high); win.low = Math.min(win.low, m.low); win.close = m.close; win.volume += m.volume;
    dayVolume.push(m);
    trackOutcomes(open, m, end, out, base);
    const b5 = bucketStart(m.ts, FIVE_MIN_MS);
    vol5m.set(b5, (vol5m.get(b5) ?? 0) + m.volume);
    const prior = Array.from({ length: 20 }, (_, i) => vol5m.get(b5 - (i + 1) * FIVE_MIN_MS) ?? 0);
    const sma = prior.reduce((s, x) => s + x, 0) / 20;
    const ratio = sma > 0 ? (vol5m.get(b5) ?? 0) / sma : null;
    const changePct = ((m.close - win.open) / win.open) * 100;
    if (!win.tried && changePct >= 2 && ratio !== null && ratio >= 3) {
      win.tried = true; // one ignition (or rejection) per window
      signal('ignition', end, m.close, changePct, { volumeRatio5m: ratio, volume5mUsd: vol5m.get(b5) ?? 0, volumeSma5mUsd: sma });
    }
    if (opts.tokenViews !== false) {
      out.push({ type: 'token', ts: end, mint: CBRL_MINT, pool: CBRL_POOL, symbol: 'CBRL', window4hStart: win.start, price: m.close,
        changePct4h: changePct, volumeRatio5m: ratio, liquidityUsd: 62_000, volume24hUsd: dayVolume.reduce((s, x) => s + x.volume, 0),
        priceImpactPct: 1.6, mintAuthority: null, freezeAuthority: null, stale: false,
        ages: [{ kind: 'candle', source: 'geckoterminal', ageMs: 30_000 }, { kind: 'security', source: 'solana', ageMs: 600_000 }] });
    }
    if (m.ts % HOUR_MS === 0) out.push(status('geckoterminal', 'ok', m.ts, Math.floor((m.ts - minutes[0].ts) / 2000), 30));
  }
  return out;
}

function trackOutcomes(open: Open[], m: Minute, end: number, out: ScanEvent[], base: { v: 1; mint: string; pool: string; symbol: string }): void {
  for (let i = open.length - 1; i >= 0; i--) {
    const o = open[i];
    const l = o.ladder;
    o.mfe = Math.max(o.mfe, ((m.high - l.entry) / l.entry) * 100);
    o.mae = Math.min(o.mae, ((m.low - l.entry) / l.entry) * 100);
    const stop = o.best ? l.entry : l.sl;
    for (let t = 0; t < 3; t++) if (m.high >= l.tp[t]) o.best = (['TP1', 'TP2', 'TP3'] as const)[t];
    let exit: 'tp3' | 'breakeven' | 'stop' | 'horizon' | null = null;
    if (o.best === 'TP3') exit = 'tp3';
    else if (m.low <= stop) exit = o.best ? 'breakeven' : 'stop';
    else if (end - o.ts >= 24 * HOUR_MS) exit = 'horizon';
    if (!exit) continue;
    const exitPrice = exit === 'tp3' ? l.tp[2] : exit === 'horizon' ? m.close : stop;
    out.push({ ...base, type: 'outcome', ts: end, id: `${o.id}:outcome`, signalId: o.id, signalType: o.kind,
      result: o.best ?? (exit === 'stop' ? 'SL' : 'TIMEOUT'), exit, entry: l.entry, exitPrice,
      rMultiple: (exitPrice - l.entry) / l.r, mfePct: o.mfe, maePct: o.mae, durationMs: end - o.ts });
    open.splice(i, 1);
  }
}
