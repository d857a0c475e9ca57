import type { MintSecurity, PoolSnapshot, PriceImpact, TokenInfo } from '../domain/market.js';
import type { GateCheck } from '../domain/signals.js';
import { constantProductImpactPct } from '../domain/impact.js';

export interface GatesConfig {
  minLiquidityUsd: number;
  minVolume24hUsd: number;
  maxPriceImpactPct: number;
  impactTradeUsd: number;
  requireMintRenounced: boolean;
  requireFreezeRenounced: boolean;
  rejectTraps: readonly string[];
  unknown: string;
  maxDataAgeMs: number;
}

/** The latest data known about a token when a signal is decided. */
export interface GateData {
  pool: PoolSnapshot | null;
  security: MintSecurity | null;
  impact: PriceImpact | null;
  token: TokenInfo | null;
}

function check(gate: GateCheck['gate'], status: GateCheck['status'], value: GateCheck['value'], threshold: GateCheck['threshold'], reason: string | null, source: string | null, ageMs: number | null): GateCheck {
  return { gate, status, value, threshold, reason, source, ageMs };
}

/** A market figure (liquidity, volume) from the freshest record that has it. */
function marketFigure(
  gate: GateCheck['gate'], now: number, cfg: GatesConfig, min: number, reasonLow: string,
  candidates: Array<{ value: number | null; ts: number; source: string } | null>,
): GateCheck {
  const found = candidates.find((c) => c !== null && c.value !== null && Number.isFinite(c.value));
  if (!found) return check(gate, 'unknown', null, min, 'no_data', null, null);
  const age = Math.max(0, now - found.ts);
  if (age > cfg.maxDataAgeMs) return check(gate, 'unknown', found.value, min, 'data_stale', found.source, age);
  const ok = (found.value as number) >= min;
  return check(gate, ok ? 'pass' : 'fail', found.value, min, ok ? null : reasonLow, found.source, age);
}

/** Price impact of a buy of `tradeUsd` against a constant-product pool whose quote side holds half the liquidity. */
export function impactFromLiquidity(liquidityUsd: number, tradeUsd: number): number {
  return constantProductImpactPct(liquidityUsd / 2, tradeUsd);
}

function impactGate(d: GateData, now: number, cfg: GatesConfig): GateCheck {
  const max = cfg.maxPriceImpactPct;
  if (d.impact && now - d.impact.ts <= cfg.maxDataAgeMs) {
    const ok = d.impact.impactPct <= max;
    return check('price_impact', ok ? 'pass' : 'fail', d.impact.impactPct, max, ok ? null : 'price_impact_above_max', `${d.impact.source}:${d.impact.method}`, now - d.impact.ts);
  }
  const liq = d.pool?.liquidityUsd;
  if (d.pool && liq !== null && liq !== undefined && liq > 0 && now - d.pool.ts <= cfg.maxDataAgeMs) {
    const pct = impactFromLiquidity(liq, cfg.impactTradeUsd);
    const ok = pct <= max;
    return check('price_impact', ok ? 'pass' : 'fail', pct, max, ok ? null : 'price_impact_above_max', `${d.pool.source}:reserves`, now - d.pool.ts);
  }
  return check('price_impact', 'unknown', null, max, 'no_data', null, null);
}

function authorityGate(gate: 'mint_authority' | 'freeze_authority', d: GateData, now: number, required: boolean): GateCheck {
  const sec = d.security;
  if (sec) {
    const holder = gate === 'mint_authority' ? sec.mintAuthority : sec.freezeAuthority;
    const bad = holder !== null && required;
    return check(gate, bad ? 'fail' : 'pass', holder ?? 'renounced', 'renounced', bad ? `${gate}_present` : null, sec.provenance, now - sec.ts);
  }
  const audit = d.token?.audit;
  const disabled = audit ? (gate === 'mint_authority' ? audit.mintAuthorityDisabled : audit.freezeAuthorityDisabled) : null;
  if (audit && disabled !== null) {
    const bad = !disabled && required;
    return check(gate, bad ? 'fail' : 'pass', disabled ? 'renounced' : 'present', 'renounced', bad ? `${gate}_present` : null, `${d.token!.source}:audit`, now - d.token!.ts);
  }
  return check(gate, required ? 'unknown' : 'pass', null, 'renounced', required ? 'no_data' : null, null, null);
}

/** Token-2022 traps present on the mint, in a stable order, e.g. `transferFee(300bps)`. */
export function trapsOf(sec: MintSecurity): Array<{ name: string; label: string }> {
  const e = sec.extensions;
  const out: Array<{ name: string; label: string }> = [];
  if (e.transferFeeBps !== null && e.transferFeeBps > 0) out.push({ name: 'transferFee', label: `transferFee(${e.transferFeeBps}bps)` });
  if (e.permanentDelegate !== null) out.push({ name: 'permanentDelegate', label: 'permanentDelegate' });
  if (e.transferHookProgram !== null) out.push({ name: 'transferHook', label: 'transferHook' });
  if (e.nonTransferable) out.push({ name: 'nonTransferable', label: 'nonTransferable' });
  if (e.defaultAccountFrozen) out.push({ name: 'defaultAccountFrozen', label: 'defaultAccountFrozen' });
  if (e.mintCloseAuthority !== null) out.push({ name: 'mintCloseAuthority', label: 'mintCloseAuthority' });
  if (e.paused) out.push({ name: 'paused', label: 'paused' });
  return out;
}

function trapsGate(d: GateData, now: number, cfg: GatesConfig): GateCheck {
  const threshold = cfg.rejectTraps.join(',') || 'none';
  if (!d.security) {
    const legacy = d.token?.tokenProgram === 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
    return legacy
      ? check('token2022_traps', 'pass', 'none', threshold, null, `${d.token!.source}:tokenProgram`, now - d.token!.ts)
      : check('token2022_traps', 'unknown', null, threshold, 'no_data', null, null);
  }
  const bad = trapsOf(d.security).filter((t) => cfg.rejectTraps.includes(t.name));
  const all = trapsOf(d.security).map((t) => t.label).join(',') || 'none';
  return check('token2022_traps', bad.length ? 'fail' : 'pass', all, threshold, bad.length ? 'token2022_trap' : null, d.security.provenance, now - d.security.ts);
}

/** Every gate, measured. A signal is rejected when any gate fails (or is unknown under `unknown: reject`). */
export function evaluateGates(d: GateData, now: number, cfg: GatesConfig): GateCheck[] {
  const liq = (r: { liquidityUsd: number | null; ts: number; source: string } | null) => (r ? { value: r.liquidityUsd, ts: r.ts, source: r.source } : null);
  const vol = (r: { volume24hUsd: number | null; ts: number; source: string } | null) => (r ? { value: r.volume24hUsd, ts: r.ts, source: r.source } : null);
  return [
    marketFigure('liquidity', now, cfg, cfg.minLiquidityUsd, 'liquidity_below_min', [liq(d.pool), liq(d.token)]),
    marketFigure('volume_24h', now, cfg, cfg.minVolume24hUsd, 'volume_24h_below_min', [vol(d.pool), vol(d.token)]),
    impactGate(d, now, cfg),
    authorityGate('mint_authority', d, now, cfg.requireMintRenounced),
    authorityGate('freeze_authority', d, now, cfg.requireFreezeRenounced),
    trapsGate(d, now, cfg),
  ];
}

/** The gates that block a signal under the configured policy for unknown data. */
export function blockingGates(checks: GateCheck[], cfg: GatesConfig): GateCheck[] {
  return checks.filter((c) => c.status === 'fail' || (c.status === 'unknown' && cfg.unknown === 'reject'));
}
