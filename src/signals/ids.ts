import { createHash } from 'node:crypto';

/**
 * Deterministic id of a decision: the same (token, kind, 4h window) always gives the same id, so reruns
 * and restarts never duplicate a line and writes can be idempotent.
 */
export function signalId(tokenKey: string, kind: string, window4hStart: number): string {
  return createHash('sha256').update(`${kind}|${tokenKey}|${window4hStart}`).digest('hex').slice(0, 20);
}

/** Id of a line derived from another (an outcome of a signal, a fade of an ignition). */
export function derivedId(parentId: string, kind: string): string {
  return createHash('sha256').update(`${kind}|${parentId}`).digest('hex').slice(0, 20);
}

/** Id of an operational line (status, dropped, bad data) from its distinguishing parts. */
export function eventId(...parts: Array<string | number | null>): string {
  return createHash('sha256').update(parts.map((p) => String(p)).join('|')).digest('hex').slice(0, 20);
}
