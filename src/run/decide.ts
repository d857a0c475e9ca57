import { LOG_SCHEMA_VERSION, type Confidence, type ConfirmationLine, type GateCheck, type HoldersAt, type IgnitionLine, type Ladder, type ScanEvent, type SignalKind } from '../domain/signals.js';
import type { Bar, SignalContext } from '../domain/context.js';
import type { Config } from '../config/load.js';
import { ignitionVerdictOf, type IgnitionFigures, type IgnitionVerdict, type NearMissConfig } from '../signals/ignition.js';
import { isConfirmation } from '../signals/confirmation.js';
import { blockingGates, evaluateGates } from '../signals/gates.js';
import { derivedId, signalId } from '../signals/ids.js';
import { ladderFor } from '../risk/ladder.js';
import { newTracker, type OutcomeResultData, type OutcomeTracker } from '../risk/outcome.js';
import { changePct, freezeBar } from '../candles/bar.js';
import { round } from './numbers.js';
import type { TokenRec } from './token.js';
import { holdersAt } from './holders.js';
import { contextFor } from './signal-context.js';

export type EngineConfig = Pick<Config, 'signals' | 'risk' | 'gates' | 'input'>;

// Every line is written out field by field, in the log's key order (v, type, ts, mint, pool, symbol, id, then
// its own): a spread of a shared head cost several microseconds per line (7,000 rejected lines per 1M rows).

/** What decisions need from the engine: config, the event sink, confidence and outcome tracking. */
export interface DecideCtx {
  cfg: EngineConfig;
  emit(e: ScanEvent): void;
  confidence(ctx: SignalContext): Confidence;
  track(rec: TokenRec, t: OutcomeTracker): void;
  /** The ignition check's figures, refilled per check (newIgnitionFigures()). */
  figures: IgnitionFigures;
}

/** An ignition held back because its gate data has not arrived yet: the window stays undecided. */
export const HELD = Symbol('held');

/** What a decided signal line carries besides its own figures. */
interface Decided {
  id: string;
  ladder: Ladder | null;
  ladderUnavailable: string | null;
  gates: GateCheck[];
  confidence: Confidence;
  holders: HoldersAt | null;
}

/**
 * Gates, ladder, confidence and cooldown for a signal; emits a `rejected` line itself. Returns what the
 * signal line needs when the signal is to be emitted (the caller emits it, then calls `tracked`), HELD when
 * an ignition waits for gate data (only data that is missing, nothing failing, within the grace period after
 * the token was first seen), else null.
 */
function decide(c: DecideCtx, rec: TokenRec, kind: SignalKind, ts: number, windowStart: number, price: number, signalBar: Bar, volume5mUsd: number): Decided | null | typeof HELD {
  const id = signalId(rec.key, kind, windowStart);
  const gates = evaluateGates({ pool: rec.pool, security: rec.security, impact: rec.impact, token: rec.token }, ts, c.cfg.gates);
  const blocking = blockingGates(gates, c.cfg.gates);
  const onlyMissing = blocking.length > 0 && blocking.every((g) => g.status === 'unknown');
  if (kind === 'ignition' && onlyMissing && ts - rec.firstSeenAt < c.cfg.gates.unknownGraceMs) return HELD;
  if (blocking.length > 0) {
    c.emit({ v: LOG_SCHEMA_VERSION, type: 'rejected', ts, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, id, signalType: kind, window4hStart: windowStart, changePct: round(changePct({ open: signalBar.open, close: price }), 4), price, failed: blocking, gates });
    return null;
  }
  if (ts - rec.lastEmitTs[kind] < c.cfg.signals.cooldownMs) return null;
  rec.lastEmitTs[kind] = ts;
  const lad = ladderFor(price, rec.w.atr.value, signalBar.low, c.cfg.risk);
  const confidence = c.confidence(contextFor(rec, kind, ts, price, signalBar, volume5mUsd));
  return { id, ladder: lad.ladder, ladderUnavailable: lad.unavailable, gates, confidence, holders: holdersAt(rec.security, ts) };
}

/** After a signal line is emitted: its outcome is tracked when it has a ladder. */
function tracked(c: DecideCtx, rec: TokenRec, kind: SignalKind, ts: number, d: Decided): void {
  if (d.ladder) c.track(rec, newTracker(d.id, kind, rec.key, rec.mint, rec.lead, ts, c.cfg.risk.horizonMs, d.ladder));
}

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

/** A 4h window closed (at `ts`, its boundary): window event, confirmation, and the fade of an unconfirmed ignition. */
export function onWindowClosed(c: DecideCtx, rec: TokenRec, bar: Bar, firstUpAt: number | null, ts: number): void {
  const pct = changePct(bar);
  c.emit({ type: 'window', ts, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, bar, changePct: round(pct, 4), firstUpThresholdAt: firstUpAt });
  const ownIgnition = rec.ignitionWindow === bar.start;
  const ignitionId = ownIgnition ? rec.ignitionId : null;
  // Only this window's ignition is cleared: a resumed ignition of a later window must survive warm-up.
  if (ownIgnition) rec.ignitionId = null;
  if (ts <= rec.silentUntil) return;
  if (isConfirmation(bar.open, bar.close, c.cfg.signals.confirmation.minChangePct)) {
    const d = decide(c, rec, 'confirmation', ts, bar.start, bar.close, bar, 0);
    if (d === null || d === HELD) return;
    const line: ConfirmationLine = {
      v: LOG_SCHEMA_VERSION, type: 'confirmation', ts, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, id: d.id,
      ladder: d.ladder, ladderUnavailable: d.ladderUnavailable, gates: d.gates, confidence: d.confidence, holders: d.holders,
      window4hStart: bar.start, open: bar.open, high: bar.high, low: bar.low, close: bar.close,
      volumeUsd: round(bar.volumeUsd, 6), changePct: round(pct, 4), ignitionId,
    };
    c.emit(line);
    tracked(c, rec, 'confirmation', ts, d);
  } else if (ignitionId) {
    c.emit({ v: LOG_SCHEMA_VERSION, type: 'fade', ts, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, id: derivedId(ignitionId, 'fade'), window4hStart: bar.start, changePct: round(pct, 4), ignitionId });
  }
}

export function emitOutcome(c: DecideCtx, rec: TokenRec, t: OutcomeTracker, o: OutcomeResultData): void {
  c.emit({
    v: LOG_SCHEMA_VERSION, type: 'outcome', ts: o.endTs, mint: rec.mint, pool: rec.lead, symbol: rec.symbol, id: derivedId(t.signalId, 'outcome'), signalId: t.signalId, signalType: t.signalType,
    result: o.result, exit: o.exit, entry: t.ladder.entry, exitPrice: o.exitPrice, rMultiple: round(o.rMultiple, 4),
    mfePct: round(o.mfePct, 4), maePct: round(o.maePct, 4), durationMs: o.endTs - t.startTs,
  });
}
