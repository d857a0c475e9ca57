import { LOG_SCHEMA_VERSION, type IgnitionLine } from '../domain/signals.js';
import type { Bar } from '../domain/context.js';
import { ignitionVerdictOf, type IgnitionVerdict, type NearMissConfig } from '../signals/ignition.js';
import { signalId } from '../signals/ids.js';
import { freezeBar } from '../candles/bar.js';
import { round } from './numbers.js';
import type { TokenRec } from './token.js';
import { HELD, decide, tracked, type DecideCtx } from './decide.js';

// The ignition's decisions (decide.ts holds the gates, ladder and confidence every signal goes through): the
// per-input check of the forming 4h window, then a near miss or an ignition line.

/** Near misses off: the window's near miss is decided. */
const NEAR_MISS_DECIDED: NearMissConfig = { enabled: false, changeMarginPct: 0, volumeMarginRatio: 0 };

/** A verdict that calls for a decision: an ignition or a near miss. */
export type IgnitionFound = Exclude<IgnitionVerdict, { kind: 'none' }>;

/**
 * The ignition verdict on the forming 4h window with the current 5m volume (that of `bar5m`, forming or
 * just closed) against the SMA of the closed 5m volumes before it; null when there is nothing to decide
 * (the window is decided or silent, or the verdict is none). Runs on every input: it takes no number
 * arguments (a double passed to a call that is not inlined is boxed) and makes nothing.
 */
export function ignitionCheck(c: DecideCtx, rec: TokenRec, formingBar: Bar, bar5m: Bar): IgnitionFound | null {
  if (rec.ignitionWindow === formingBar.start) return null;
  if (formingBar.start + formingBar.intervalMs <= rec.silentUntil) return null;
  const s = c.cfg.signals;
  const volumes = rec.w.vol5m;
  // Fewer closed 5m bars than the SMA needs: the verdict is none.
  if (!volumes.holdsMeanOfLast(s.ignition.volumeSmaBars)) return null;
  // A near miss already decided in this window would be decided again as nothing: only an ignition is
  // looked for (no near-miss verdict made per input for the rest of the window).
  const nearMiss = rec.nearMissWindow === formingBar.start ? NEAR_MISS_DECIDED : s.nearMiss;
  const x = c.figures;
  x.open = formingBar.open;
  x.price = formingBar.close;
  x.volume5mUsd = bar5m.volumeUsd;
  x.sma = volumes.lastMean;
  const v = ignitionVerdictOf(x, s.ignition, nearMiss);
  return v.kind === 'none' ? null : v;
}

/** Decides what ignitionCheck() found at `ts`: a near miss or an ignition. At most one decision per window. */
export function decideIgnition(c: DecideCtx, rec: TokenRec, ts: number, formingBar: Bar, bar5m: Bar, v: IgnitionFound): void {
  const forming4h = formingBar;
  const sma = rec.w.vol5m.meanOfLast(c.cfg.signals.ignition.volumeSmaBars);
  const volume5mUsd = bar5m.volumeUsd;
  const ratio = v.volumeRatio === null ? null : round(v.volumeRatio, 4);
  if (v.kind === 'near_miss') {
    if (rec.nearMissWindow === forming4h.start) return;
    rec.nearMissWindow = forming4h.start;
    const id = signalId(rec.key, 'near_miss', forming4h.start);
    c.emit({ v: LOG_SCHEMA_VERSION, type: 'near_miss', ts, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, id, signalType: 'ignition', window4hStart: forming4h.start, changePct: round(v.changePct, 4), volumeRatio5m: ratio, missed: v.missed });
    return;
  }
  // The forming bar keeps changing after this moment: decide on a frozen copy.
  const frozen = freezeBar(forming4h);
  const d = decide(c, rec, 'ignition', ts, frozen.start, frozen.close, frozen, volume5mUsd);
  if (d === HELD) return;
  if (d !== null) {
    // Written out in the order of the log's keys (a spread then an overwritten `type` cost more per line).
    const line: IgnitionLine = {
      v: LOG_SCHEMA_VERSION, type: 'ignition', ts, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, id: d.id,
      ladder: d.ladder, ladderUnavailable: d.ladderUnavailable, gates: d.gates, confidence: d.confidence, holders: d.holders,
      window4hStart: forming4h.start, changePct: round(v.changePct, 4), volumeRatio5m: ratio,
      volume5mUsd: round(volume5mUsd, 6), volumeSma5mUsd: round(sma ?? 0, 6), price: forming4h.close,
    };
    c.emit(line);
    tracked(c, rec, 'ignition', ts, d);
  }
  rec.ignitionWindow = forming4h.start;
  rec.ignitionId = d === null ? null : d.id;
}
