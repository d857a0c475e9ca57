import type { Input } from '../../domain/index.js';

/** Four hours in ms, kept here: this module must share no code with the engine's windows. */
const WINDOW_MS = 4 * 60 * 60 * 1000;

interface Acc {
  open: number;
  close: number;
  firstTs: number;
  lastTs: number;
}

/** A 4h window rebuilt from the inputs alone. */
export interface InputWindow {
  key: string;
  start: number;
  changePct: number;
}

/**
 * A second, deliberately separate resampler for the report: folds the replayed candles and trades of each
 * token (the first pool seen, as the engine's lead) into UTC 4h windows with plain arithmetic, so the
 * confirmation recall is judged against windows the engine did not build. A window counts as closed only
 * when the token's own data reaches its end (its last candle ends at or after the boundary).
 */
export class InputWindows {
  private readonly lead = new Map<string, string | null>();
  private readonly windows = new Map<string, Map<number, Acc>>();
  private readonly dataEnd = new Map<string, number>();

  add(r: Input): void {
    if (r.kind !== 'candle' && r.kind !== 'trade') return;
    const key = r.mint ?? r.pool;
    if (key === null) return;
    if (!this.lead.has(key)) this.lead.set(key, r.pool);
    if (this.lead.get(key) !== r.pool) return;
    const isCandle = r.kind === 'candle';
    if (isCandle && (r.intervalMs <= 0 || WINDOW_MS % r.intervalMs !== 0 || !r.final)) return;
    const ts = isCandle ? r.start : r.ts;
    const open = isCandle ? r.open : r.priceUsd;
    const close = isCandle ? r.close : r.priceUsd;
    if (!(open > 0) || !(close > 0)) return;
    const end = isCandle ? r.start + r.intervalMs : r.ts;
    if (end > (this.dataEnd.get(key) ?? -Infinity)) this.dataEnd.set(key, end);
    const start = ts - (((ts % WINDOW_MS) + WINDOW_MS) % WINDOW_MS);
    let byStart = this.windows.get(key);
    if (!byStart) this.windows.set(key, (byStart = new Map()));
    const w = byStart.get(start);
    if (!w) byStart.set(start, { open, close, firstTs: ts, lastTs: ts });
    else {
      if (ts < w.firstTs) { w.firstTs = ts; w.open = open; }
      if (ts >= w.lastTs) { w.lastTs = ts; w.close = close; }
    }
  }

  /** Every closed window (the token's data reaches its end), in token then time order. */
  closed(): InputWindow[] {
    const out: InputWindow[] = [];
    for (const [key, byStart] of this.windows) {
      const end = this.dataEnd.get(key) ?? -Infinity;
      for (const [start, w] of [...byStart].sort((a, b) => a[0] - b[0])) {
        if (start + WINDOW_MS > end) continue;
        out.push({ key, start, changePct: ((w.close - w.open) / w.open) * 100 });
      }
    }
    return out;
  }

  get tokens(): number {
    return this.windows.size;
  }
}
