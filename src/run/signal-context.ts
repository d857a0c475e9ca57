import { tradeFlowOf } from '../confidence/trade-flow.js';
import type { Bar, SignalContext } from '../domain/context.js';
import type { SignalKind } from '../domain/signals.js';
import type { TokenRec } from './token.js';

/** What the confidence of a signal is computed from: the token's windows, flows and market data at `ts`. */
export function contextFor(rec: TokenRec, kind: SignalKind, ts: number, price: number, signal4h: Bar, volume5mUsd: number): SignalContext {
  const w = rec.w;
  const sided = w.sidedTrades > 0;
  const others = rec.otherPools === null ? [] : [...rec.otherPools].map(([pool, p]) => ({ pool, priceUsd: p.priceUsd, liquidityUsd: p.liquidityUsd, ageMs: ts - p.at }));
  return {
    kind, ts, price, signal4h, volume5mUsd,
    closed4h: w.closed4h.toArray().filter((b) => b.start < signal4h.start),
    volumes5m: w.vol5m.toArray(),
    atr: w.atr.value,
    atrHistory: w.atrHistory.toArray(),
    buyVolumeUsd: sided ? w.buyUsd : null,
    sellVolumeUsd: sided ? w.sellUsd : null,
    tradeFlow: tradeFlowOf(rec, signal4h.start),
    holderConcentration: rec.security?.holders?.state === 'read' ? rec.security.holders.topPct : null,
    liquidityUsd: rec.pool?.liquidityUsd ?? rec.token?.liquidityUsd ?? null,
    volume24hUsd: rec.pool?.volume24hUsd ?? rec.token?.volume24hUsd ?? null,
    buys24h: rec.pool?.buys24h ?? null,
    sells24h: rec.pool?.sells24h ?? null,
    otherPools: others,
  };
}
