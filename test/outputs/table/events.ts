import type {
  ConfirmationLine, FadeLine, GateCheck, IgnitionLine, NearMissLine, OutcomeLine, RejectedLine, SourceState,
  StatusLine, TokenView,
} from '../../../src/domain/index.js';
import { BASE58_ALPHABET } from '../../../src/domain/mint.js';

/** Hand-written scan events shaped like the engine's, with CBRL-like prices (about 0.00005 USD). */

export const W0 = Date.UTC(2025, 7, 21, 4, 0, 0); // a 4h window start
export const T0 = W0 + 95 * 60_000;

export function gates(m: { liquidityUsd?: number; volume24hUsd?: number; impactPct?: number; mintAuthority?: string | null } = {}): GateCheck[] {
  const liq = m.liquidityUsd ?? 62_000;
  const vol = m.volume24hUsd ?? 180_000;
  const impact = m.impactPct ?? 1.6;
  const auth = m.mintAuthority === undefined ? null : m.mintAuthority;
  return [
    { gate: 'liquidity', status: liq >= 50_000 ? 'pass' : 'fail', value: liq, threshold: 50_000, reason: liq >= 50_000 ? null : 'liquidity_below_min', source: 'dexscreener', ageMs: 12_000 },
    { gate: 'volume_24h', status: vol >= 100_000 ? 'pass' : 'fail', value: vol, threshold: 100_000, reason: vol >= 100_000 ? null : 'volume_24h_below_min', source: 'dexscreener', ageMs: 12_000 },
    { gate: 'price_impact', status: impact <= 2 ? 'pass' : 'fail', value: impact, threshold: 2, reason: impact <= 2 ? null : 'price_impact_above_max', source: 'jupiter', ageMs: 40_000 },
    { gate: 'mint_authority', status: auth === null ? 'pass' : 'fail', value: auth, threshold: null, reason: auth === null ? null : 'mint_authority_present', source: 'solana', ageMs: 300_000 },
    { gate: 'freeze_authority', status: 'pass', value: null, threshold: null, reason: null, source: 'solana', ageMs: 300_000 },
  ];
}

interface Who { mint: string; symbol: string | null; pool?: string }
const who = (w: Who) => ({ v: 1 as const, mint: w.mint, pool: w.pool ?? null, symbol: w.symbol });

export function ignition(w: Who, o: { ts?: number; price?: number; changePct?: number; ratio?: number; score?: number; p?: number | null } = {}): IgnitionLine {
  const price = o.price ?? 0.00005123;
  const atr = price * 0.06;
  const window4hStart = Math.floor((o.ts ?? T0) / 14_400_000) * 14_400_000;
  return {
    ...who(w), type: 'ignition', ts: o.ts ?? T0, id: `${w.mint}:ignition:${window4hStart}`, window4hStart,
    changePct: o.changePct ?? 4.2, volumeRatio5m: o.ratio ?? 4.1, volume5mUsd: 2_600, volumeSma5mUsd: 634, price,
    ladder: { entry: price, sl: price - 1.5 * atr, tp: [price + 2.25 * atr, price + 4.5 * atr, price + 7.5 * atr], atr, r: 1.5 * atr, slMode: 'atr', breakevenAfterTp1: true },
    ladderUnavailable: null, gates: gates(),
    confidence: { score: o.score ?? 62, p: o.p ?? null, calibrated: o.p !== undefined && o.p !== null, features: { volumeRatio5m: o.ratio ?? 4.1, atrPct: 6, buySellRatio: null } },
  };
}

export function confirmation(ign: IgnitionLine, changePct = 14.8): ConfirmationLine {
  const close = ign.price * (1 + changePct / 100) / (1 + ign.changePct / 100);
  return {
    ...ign, type: 'confirmation', ts: ign.window4hStart + 14_400_000, id: ign.id.replace('ignition', 'confirmation'),
    open: ign.price / (1 + ign.changePct / 100), high: close * 1.05, low: ign.price * 0.97, close, volumeUsd: 41_000, changePct,
    ignitionId: ign.id,
  } as ConfirmationLine;
}

export function fade(ign: IgnitionLine, changePct = 3.1): FadeLine {
  return { v: 1, mint: ign.mint, pool: ign.pool, symbol: ign.symbol, type: 'fade', ts: ign.window4hStart + 14_400_000, id: `${ign.id}:fade`, window4hStart: ign.window4hStart, changePct, ignitionId: ign.id };
}

export function outcome(sig: IgnitionLine | ConfirmationLine, result: OutcomeLine['result'], ts: number): OutcomeLine {
  const l = sig.ladder!;
  const exitPrice = result === 'SL' ? l.sl : result === 'TP3' ? l.tp[2] : l.entry;
  return {
    v: 1, mint: sig.mint, pool: sig.pool, symbol: sig.symbol, type: 'outcome', ts, id: `${sig.id}:outcome`, signalId: sig.id,
    signalType: sig.type, result, exit: result === 'SL' ? 'stop' : result === 'TP3' ? 'tp3' : result === 'TIMEOUT' ? 'horizon' : 'breakeven',
    entry: l.entry, exitPrice, rMultiple: (exitPrice - l.entry) / l.r, mfePct: 18, maePct: -4, durationMs: ts - sig.ts,
  };
}

export function rejected(w: Who, o: { ts?: number; liquidityUsd?: number; mintAuthority?: string | null } = {}): RejectedLine {
  const g = gates({ liquidityUsd: o.liquidityUsd ?? 8_400, mintAuthority: o.mintAuthority });
  const ts = o.ts ?? T0;
  const window4hStart = Math.floor(ts / 14_400_000) * 14_400_000;
  return { ...who(w), type: 'rejected', ts, id: `${w.mint}:rejected:${window4hStart}`, signalType: 'ignition', window4hStart, changePct: 6.3, price: 0.000231, failed: g.filter((x) => x.status === 'fail'), gates: g };
}

export function nearMiss(w: Who, ts = T0): NearMissLine {
  const window4hStart = Math.floor(ts / 14_400_000) * 14_400_000;
  return { ...who(w), type: 'near_miss', ts, id: `${w.mint}:near:${window4hStart}`, signalType: 'ignition', window4hStart, changePct: 1.7, volumeRatio5m: 2.6, missed: ['change_below_min'] };
}

export function status(source: string, state: SourceState, ts: number, requests: number, budgetPerMin?: number, nextAttemptAt?: number): StatusLine {
  const line: StatusLine = {
    v: 1, ts, mint: null, pool: null, symbol: null, id: `status:${source}:${ts}`, type: 'status', source, endpoint: null, state, detail: null,
    counters: { requests, errors: 0, retries: 0, rateLimited: state === 'rate_limited' ? 1 : 0, badPayloads: 0, records: requests * 3 },
    ratePerMin: null, budgetPerMin: budgetPerMin ?? null, nextAttemptAt: nextAttemptAt ?? null,
  };
  return line;
}

export function tokenView(w: Who, o: { ts?: number; changePct?: number; price?: number; liquidityUsd?: number } = {}): TokenView {
  return {
    type: 'token', ts: o.ts ?? T0, mint: w.mint, pool: w.pool ?? null, symbol: w.symbol, window4hStart: W0, price: o.price ?? 0.0000531,
    changePct4h: o.changePct ?? 5.0, volumeRatio5m: 3.7, liquidityUsd: o.liquidityUsd ?? 63_500, volume24hUsd: 190_000, priceImpactPct: 1.5,
    mintAuthority: null, freezeAuthority: null, stale: false,
    ages: [{ kind: 'pool', source: 'dexscreener', ageMs: 9_000 }, { kind: 'security', source: 'solana', ageMs: 310_000 }],
  };
}

/** Mints that look like pump.fun mints (base58, 44 chars, ending in `pump`). */
export function fakeMint(i: number): string {
  let s = '';
  let x = i * 7919 + 104729;
  for (let k = 0; k < 40; k++) {
    s += BASE58_ALPHABET[x % 58];
    x = Math.floor(x / 58) + (k + 1) * 31 + i;
  }
  return s + 'pump';
}
