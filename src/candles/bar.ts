import type { Bar } from '../domain/context.js';

/** An OHLCV accumulator (the domain Bar, updated in place); `open` is the first price that entered it. */
export type MutableBar = Bar;

/** A price movement to fold into bars: a trade (o=h=l=c) or a candle of a finer interval. */
export interface Piece {
  open: number;
  high: number;
  low: number;
  close: number;
  volumeUsd: number;
}

export function barFrom(start: number, intervalMs: number, p: Piece): MutableBar {
  return { start, intervalMs, open: p.open, high: p.high, low: p.low, close: p.close, volumeUsd: p.volumeUsd };
}

/** Folds a later piece into a bar: keeps the open, extends high/low, takes the close, adds volume. */
export function foldInto(bar: MutableBar, p: Piece): void {
  if (p.high > bar.high) bar.high = p.high;
  if (p.low < bar.low) bar.low = p.low;
  bar.close = p.close;
  bar.volumeUsd += p.volumeUsd;
}

/** A bar merged with a provisional piece, without changing either. */
export function withPiece(bar: MutableBar | null, start: number, intervalMs: number, p: Piece | null): MutableBar | null {
  if (!p) return bar;
  if (!bar) return barFrom(start, intervalMs, p);
  const out = { ...bar };
  foldInto(out, p);
  return out;
}

export function freezeBar(b: MutableBar): Bar {
  return { start: b.start, intervalMs: b.intervalMs, open: b.open, high: b.high, low: b.low, close: b.close, volumeUsd: b.volumeUsd };
}

/** (close - open) / open in percent. */
export function changePct(b: { open: number; close: number }): number {
  return ((b.close - b.open) / b.open) * 100;
}
