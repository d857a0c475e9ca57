import { hash } from 'node:crypto';

// One-shot `hash` (Node 20.12+): the same digest as createHash().update().digest(), without a Hash object per id.

/**
 * Deterministic id of a decision: the same (token, kind, 4h window) always gives the same id, so reruns
 * and restarts never duplicate a line and writes can be idempotent.
 */
export function signalId(tokenKey: string, kind: string, window4hStart: number): string {
  return hash('sha256', `${kind}|${tokenKey}|${window4hStart}`, 'hex').slice(0, 20);
}

/** Id of a line derived from another (an outcome of a signal, a fade of an ignition). */
export function derivedId(parentId: string, kind: string): string {
  return hash('sha256', `${kind}|${parentId}`, 'hex').slice(0, 20);
}

/** Id of an operational line (status, dropped, bad data) from its distinguishing parts. */
export function eventId(...parts: Array<string | number | null>): string {
  return hash('sha256', parts.map((p) => String(p)).join('|'), 'hex').slice(0, 20);
}
