import { LOG_SCHEMA_VERSION, type Confidence, type ConfirmationLine, type GateCheck, type HoldersAt, type Ladder, type ScanEvent, type SignalKind } from '../domain/signals.js';
import type { Bar, SignalContext } from '../domain/context.js';
import type { Config } from '../config/load.js';
import type { IgnitionFigures } from '../signals/ignition.js';
import { isConfirmation } from '../signals/confirmation.js';
import { blockingGates, evaluateGates } from '../signals/gates.js';
import { derivedId, signalId } from '../signals/ids.js';
import { ladderFor } from '../risk/ladder.js';
import { newTracker, type OutcomeResultData, type OutcomeTracker } from '../risk/outcome.js';
import { changePct } from '../candles/bar.js';
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
export function decide(c: DecideCtx, rec: TokenRec, kind: SignalKind, ts: number, windowStart: number, price: number, signalBar: Bar, volume5mUsd: number): Decided | null | typeof HELD {
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
export function tracked(c: DecideCtx, rec: TokenRec, kind: SignalKind, ts: number, d: Decided): void {
  if (d.ladder) c.track(rec, newTracker(d.id, kind, rec.key, rec.mint, rec.lead, ts, c.cfg.risk.horizonMs, d.ladder));
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
