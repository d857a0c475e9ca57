import type { LogLine } from '../../domain/signals.js';
import type { AlertsConfig } from './types.js';

/** Why a line is not sent (snake_case: counted and shown by reason). */
export type AlertSkip = 'type_not_selected' | 'gate_failed' | 'below_min_confidence' | 'cooldown';

/** Lines that open a position idea: the per-token cooldown spaces these out. Outcomes and fades close one. */
const ENTRY_TYPES: ReadonlySet<string> = new Set(['ignition', 'confirmation', 'rejected']);

/** Key of a token for the cooldown: its mint, or its pool when only the pool is known. */
export function alertTokenKey(line: LogLine): string | null {
  return line.mint ?? line.pool;
}

/**
 * Decides whether a log line becomes an alert. Pure: `lastAlertTs` is the event time of the token's
 * previous entry alert (null when none), so replays decide the same way on every run.
 */
export function alertDecision(
  line: LogLine,
  cfg: Pick<AlertsConfig, 'types' | 'minConfidence' | 'cooldownMs'>,
  lastAlertTs: number | null,
): 'send' | AlertSkip {
  if (!cfg.types.includes(line.type)) return 'type_not_selected';
  if (line.type === 'ignition' || line.type === 'confirmation') {
    // Such lines exist only when no gate failed; the check keeps a hand-made or future line honest.
    if (line.gates.some((g) => g.status === 'fail')) return 'gate_failed';
    const p = line.confidence.p;
    if (cfg.minConfidence > 0 && (p === null || !(p >= cfg.minConfidence))) return 'below_min_confidence';
  }
  if (ENTRY_TYPES.has(line.type) && cfg.cooldownMs > 0 && lastAlertTs !== null && line.ts - lastAlertTs < cfg.cooldownMs) return 'cooldown';
  return 'send';
}

/** True when a sent line of this type starts the token's cooldown. */
export function startsCooldown(line: LogLine): boolean {
  return ENTRY_TYPES.has(line.type);
}
