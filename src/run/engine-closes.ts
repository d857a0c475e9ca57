import { FIVE_MIN_MS } from '../domain/time.js';
import { closeTier, fillVolumesTo, forming, freezeBar, pushClosed4h, pushVolume5m, type Piece } from '../candles/windows.js';
import type { MutableBar } from '../candles/bar.js';
import { trackPrice } from '../risk/outcome.js';
import type { TokenRec } from './token.js';
import { emitOutcome, onWindowClosed } from './decide.js';
import { decideIgnition, ignitionCheck } from './decide-ignition.js';
import { EngineClock } from './engine-clock.js';

/**
 * What a token's windows trigger (engine-market.ts and engine-rows.ts fold the pieces in): after a piece, the
 * targets of its open outcomes, the 4h threshold time and the ignition check; at a boundary, the closes of its
 * 1m, 5m and 4h buckets with the ignition check of a closed 5m bar and the decision on a closed 4h window.
 */
export abstract class EngineCloses extends EngineClock {
  /**
   * What follows a piece folded into the tiers at the clock's time: last price, targets, the 4h threshold time,
   * the ignition check.
   */
  protected afterPiece(rec: TokenRec, piece: Piece, fed5m: boolean, fed4h: boolean): void {
    const w = rec.w;
    w.lastPrice = piece.close;
    if (rec.trackers.length !== 0) this.trackTargets(rec, piece, this.now);
    const f4 = fed4h ? forming(w.t4h) : null;
    this.afterForming(rec, f4, f4 !== null && fed5m ? forming(w.t5m) : null);
  }

  /**
   * afterPiece() past the targets, on the forming 4h and 5m bars the piece fed (null: none): the 4h threshold
   * time and the ignition check. Neither reads what the targets change, nor the targets what this changes.
   */
  protected afterForming(rec: TokenRec, f4: MutableBar | null, f5: MutableBar | null): void {
    const t = this.now;
    const w = rec.w;
    if (f4 && Number.isNaN(w.firstUpAt) && f4.high >= f4.open * (1 + this.cfg.signals.confirmation.minChangePct / 100) * (1 - 1e-12)) w.firstUpAt = t;
    if (f4 && f5) {
      // fillVolumesTo()'s own first test, made here: nearly every input has nothing to fill, and the call
      // would box the start.
      if (f5.start > w.vol5mNext) fillVolumesTo(w, f5.start);
      const v = ignitionCheck(this.ctx, rec, f4, f5);
      if (v !== null) decideIgnition(this.ctx, rec, t, f4, f5, v);
    }
  }

  /** Open outcomes of `rec` tracked on a piece's prices at `t` (afterPiece(), and the in-place 1m row). */
  protected trackTargets(rec: TokenRec, p: Piece, t: number): void {
    let finished = false;
    for (const tr of rec.trackers) {
      if (tr.done || tr.startTs >= t) continue;
      const o = trackPrice(tr, p.high, p.low, p.close, t);
      if (o) {
        emitOutcome(this.ctx, rec, tr, o);
        finished = true;
      }
    }
    if (finished) rec.trackers = rec.trackers.filter((x) => !x.done);
  }

  /**
   * Closes every tier of `rec` whose bucket ends at or before `boundary`, smallest interval first (a tier
   * with nothing forming has a NaN start: its end compares false).
   */
  protected closeThrough(rec: TokenRec, boundary: number): void {
    const w = rec.w;
    if (w.t1m.start + w.t1m.intervalMs <= boundary) closeTier(w.t1m);
    if (w.t5m.start + FIVE_MIN_MS <= boundary) {
      const bar = closeTier(w.t5m);
      if (bar) {
        if (bar.start > w.vol5mNext) fillVolumesTo(w, bar.start);
        const f4 = forming(w.t4h);
        const v = f4 ? ignitionCheck(this.ctx, rec, f4, bar) : null;
        if (v !== null) decideIgnition(this.ctx, rec, boundary, f4!, bar, v);
        pushVolume5m(w, bar);
      }
    }
    if (w.t4h.start + w.t4h.intervalMs <= boundary) {
      const firstUp = Number.isNaN(w.firstUpAt) ? null : w.firstUpAt;
      const closed = closeTier(w.t4h);
      if (closed) {
        const bar = freezeBar(closed);
        pushClosed4h(w, bar);
        onWindowClosed(this.ctx, rec, bar, firstUp, boundary);
      }
    }
  }
}
