import type { SourceState } from '../../domain/index.js';
import type { RateUse } from '../../domain/status.js';
import { sanitizeText } from '../../domain/text.js';
import { formatAge } from './format.js';
import { allUnreachable, summarizeSources, type SourceSummary } from './sources.js';

export { allUnreachable, summarizeSources, type SourceSummary };

const STATE_TEXT: Partial<Record<SourceState, string>> = { rate_limited: 'rate-limited', circuit_open: 'circuit open' };
/** States that wait for a clock time before the next request: the header shows how long. */
const WAITING = new Set<SourceState>(['rate_limited', 'circuit_open', 'blocked']);

/** Each budget on its own: `42/300rpm`, or `pairs 40/300 profiles 2/60rpm` for several rate classes. */
export function ratesText(s: Pick<SourceSummary, 'rates' | 'ratePerMin' | 'budgetPerMin'>): string {
  const rates: RateUse[] | null = s.rates && s.rates.length > 0 ? s.rates : null;
  if (rates && rates.length > 1) return `${rates.map((r) => `${sanitizeText(r.name, 12)} ${Math.round(r.ratePerMin)}/${Math.round(r.budgetPerMin)}`).join(' ')}rpm`;
  const one = rates?.[0] ?? (s.ratePerMin === null ? null : { ratePerMin: s.ratePerMin, budgetPerMin: s.budgetPerMin });
  if (!one) return '';
  return one.budgetPerMin !== null ? `${Math.round(one.ratePerMin)}/${Math.round(one.budgetPerMin)}rpm` : `${Math.round(one.ratePerMin)}rpm`;
}

/** A switched-off feature in a few words: the detail up to its parenthesis ("top-holder share unavailable on this RPC"). */
export function offText(off: { endpoint: string; detail: string | null }): string {
  const words = (off.detail ?? `${off.endpoint} off`).split(' (')[0];
  return sanitizeText(words, 48);
}

/**
 * One source's header cell in three parts (name, coloured state, the rest): `dexscreener blocked
 * boosts_top: Cloudflare challenge, next 3m pairs 40/300 profiles 2/60rpm`.
 */
export function sourceCellText(s: SourceSummary, now: number): { name: string; state: string; rest: string } {
  let state = STATE_TEXT[s.state] ?? sanitizeText(s.state, 12);
  const why = s.detail ? sanitizeText(s.detail, 48) : null;
  if (s.state === 'blocked') state += `${s.endpoint ? ` ${sanitizeText(s.endpoint, 24)}` : ''}${why ? `: ${why}` : ''}`;
  if (s.state === 'unreachable' && why) state += ` (${why})`;
  const waitMs = s.nextAttemptAt === null ? 0 : s.nextAttemptAt - now;
  if (WAITING.has(s.state) && waitMs > 0) state += `${s.state === 'blocked' ? ', next try in' : ''} ${formatAge(waitMs)}`;
  const rates = ratesText(s);
  const off = s.off.map(offText);
  return { name: sanitizeText(s.source, 16), state, rest: `${rates ? ` ${rates}` : ''}${off.length ? `  [${off.join('; ')}]` : ''}` };
}

/** The header line when no source connects: in words, each host and cause once, with the sources behind it. */
export function unreachableText(sources: readonly SourceSummary[]): string {
  const byCause = new Map<string, string[]>();
  for (const s of sources) {
    const cause = sanitizeText(s.detail ?? 'no connection', 60);
    byCause.set(cause, [...(byCause.get(cause) ?? []), sanitizeText(s.source, 16)]);
  }
  return `no network? every source is unreachable: ${[...byCause].map(([cause, names]) => `${cause} (${names.join(', ')})`).join('; ')}`;
}
