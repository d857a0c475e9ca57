import type { MintSecurity } from '../domain/market.js';
import type { HoldersAt } from '../domain/signals.js';

/**
 * The holder concentration of a token's latest mint security as known at `t` (null when never read, or
 * from a record without one: fallbacks and older recordings). The age is never negative: a read made
 * after the event time of a replayed input counts as fresh.
 */
export function holdersAt(sec: MintSecurity | null, t: number): HoldersAt | null {
  const h = sec?.holders;
  if (!h) return null;
  const ageMs = Math.max(0, t - h.readAt);
  if (h.state === 'unavailable') return { state: 'unavailable', ageMs };
  return { state: 'read', topPct: h.topPct, top: h.top, holders: h.holders, excluded: { ...h.excluded }, excludedPct: h.excludedPct, ageMs };
}
