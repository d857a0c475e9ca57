import type { ScanEvent, TokenView } from '../domain/signals.js';
import { forming } from '../candles/tier.js';
import { round } from './numbers.js';
import type { TokenRec } from './token.js';
import { holdersAt } from './holders.js';

/** A live view of one token for displays: forming 4h change, 5m volume ratio, gate data and ages. */
export function tokenView(rec: TokenRec, t: number, stale: boolean, smaBars: number): TokenView {
  const f4 = forming(rec.w.t4h);
  const f5 = forming(rec.w.t5m);
  const sma = rec.w.vol5m.meanOfLast(smaBars);
  const ages: TokenView['ages'] = [{ kind: 'price', source: 'inputs', ageMs: t - rec.lastInputAt }];
  if (rec.pool) ages.push({ kind: 'pool', source: rec.pool.source, ageMs: t - rec.pool.ts });
  if (rec.security) ages.push({ kind: 'security', source: rec.security.provenance, ageMs: t - rec.security.ts });
  if (rec.impact) ages.push({ kind: 'impact', source: rec.impact.source, ageMs: t - rec.impact.ts });
  if (rec.token) ages.push({ kind: 'token', source: rec.token.source, ageMs: t - rec.token.ts });
  const authority = (a: 'mintAuthority' | 'freezeAuthority') => (rec.security ? rec.security[a] : 'unknown');
  return {
    type: 'token', ts: t, mint: rec.mint, pool: rec.lead, symbol: rec.symbol,
    window4hStart: f4?.start ?? null,
    price: Number.isNaN(rec.w.lastPrice) ? null : rec.w.lastPrice,
    changePct4h: f4 ? round(((f4.close - f4.open) / f4.open) * 100, 4) : null,
    volumeRatio5m: f5 && sma ? round(f5.volumeUsd / sma, 4) : null,
    liquidityUsd: rec.pool?.liquidityUsd ?? rec.token?.liquidityUsd ?? null,
    volume24hUsd: rec.pool?.volume24hUsd ?? rec.token?.volume24hUsd ?? null,
    priceImpactPct: rec.impact?.impactPct ?? null,
    mintAuthority: authority('mintAuthority'),
    freezeAuthority: authority('freezeAuthority'),
    holders: holdersAt(rec.security, t),
    stale, ages,
  };
}

/** Emits the view of every token that changed since the last call or went stale (silent > `staleAfterMs`). */
export function emitTokenViews(tokens: Iterable<TokenRec>, t: number, staleAfterMs: number, smaBars: number, emit: (e: ScanEvent) => void): void {
  for (const rec of tokens) {
    const stale = t - rec.lastInputAt > staleAfterMs;
    if (!rec.dirty && !stale) continue;
    rec.dirty = false;
    emit(tokenView(rec, t, stale, smaBars));
  }
}
