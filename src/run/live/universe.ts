import type { PoolSnapshot } from '../../domain/market.js';

/** One tracked token: its pools (the most liquid leads), why it is tracked, and when to refresh it. */
export interface Tracked {
  mint: string;
  pools: Map<string, { liquidityUsd: number | null; volume24hUsd: number | null; at: number }>;
  lead: string | null;
  discoveredBy: Set<string>;
  admittedAt: number;
  watch: boolean;
  /** Last time its 24h volume cleared the gate (or admission). */
  activeAt: number;
  /** 0 (quiet) .. 1 (at an ignition threshold); decides the candle refresh interval. */
  heat: number;
  nextCandlesAt: number;
  backfilled: boolean;
  /** Trades reach it from the chain tap: candles come from them, not from polls (after the backfill). */
  tapped?: boolean;
  /** Clock time of its last tapped trade. */
  lastTradeAt?: number;
}

export interface UniverseConfig {
  maxTokens: number;
  candlePollHotMs: number;
  candlePollColdMs: number;
  quietEvictMs: number;
  minVolume24hUsd: number;
  /** Quote assets (wSOL, USDC, ...): what tokens are priced against, never a token to track (scan.quoteMints). */
  quoteMints: readonly string[];
}

/** The set of tokens the live scanner follows. Plain data and pure-ish functions, no I/O. */
export interface Universe {
  tokens: Map<string, Tracked>;
  cfg: UniverseConfig;
}

export function newUniverse(cfg: UniverseConfig): Universe {
  return { tokens: new Map(), cfg };
}

/**
 * Adds a token (or notes another source for it). When full, the coldest token that is neither on the
 * watchlist nor newer than it makes room; returns the evicted mint, or null when nothing was evicted,
 * and `admitted` false when the token could not be added.
 */
export function admit(u: Universe, mint: string, source: string, now: number, watch = false): { admitted: boolean; evicted: string | null } {
  // A pool list whose base is SOL or USDC (GeckoTerminal lists SOL/USDC, USDT/USDC) must not make SOL a candidate.
  if (isQuoteAsset(u.cfg, mint)) return { admitted: false, evicted: null };
  const known = u.tokens.get(mint);
  if (known) {
    known.discoveredBy.add(source);
    known.watch ||= watch;
    return { admitted: false, evicted: null };
  }
  let evicted: string | null = null;
  if (u.tokens.size >= u.cfg.maxTokens) {
    const victim = coldestEvictable(u);
    if (!victim || (!watch && victim.heat > 0)) return { admitted: false, evicted: null };
    u.tokens.delete(victim.mint);
    evicted = victim.mint;
  }
  u.tokens.set(mint, {
    mint, pools: new Map(), lead: null, discoveredBy: new Set([source]), admittedAt: now, watch, activeAt: now, heat: 0, nextCandlesAt: now, backfilled: false,
  });
  return { admitted: true, evicted };
}

/**
 * The token an admission would evict: the coldest off the watchlist (lowest heat, then longest inactive; the
 * earliest admitted among equals). One pass, no copy or sort of the universe: admissions of a full 10,000-token
 * universe come at the tap's rate.
 */
function coldestEvictable(u: Universe): Tracked | undefined {
  let best: Tracked | undefined;
  for (const t of u.tokens.values()) {
    if (t.watch) continue;
    if (best === undefined || t.heat < best.heat || (t.heat === best.heat && t.activeAt < best.activeAt)) best = t;
  }
  return best;
}

/** Whether `mint` is one of the configured quote assets. */
export function isQuoteAsset(cfg: Pick<UniverseConfig, 'quoteMints'>, mint: string): boolean {
  return cfg.quoteMints.includes(mint);
}

/**
 * Why a mint the user asked for (`--mint`, `scan.watchlist`) cannot be scanned, or null. A quote asset is refused
 * rather than silently ignored: the user most likely pasted the wrong side of a pair.
 */
export function quoteAssetProblem(mint: string, quoteMints: readonly string[]): string | null {
  return quoteMints.includes(mint)
    ? `${mint} is a quote asset (listed in scan.quoteMints): the scanner tracks tokens priced against it, not the asset itself`
    : null;
}

/** Records a pool snapshot; the most liquid pool of the token leads. Returns true when the lead changed. */
export function notePool(u: Universe, s: PoolSnapshot, now: number): boolean {
  if (!s.mint || !s.pool) return false;
  const t = u.tokens.get(s.mint);
  if (!t) return false;
  // Updated in place: a tapped pool snapshots every few seconds, and a replaced entry is garbage the scavenger copies first.
  const entry = t.pools.get(s.pool);
  if (entry) {
    entry.liquidityUsd = s.liquidityUsd;
    entry.volume24hUsd = s.volume24hUsd;
    entry.at = s.ts;
  } else t.pools.set(s.pool, { liquidityUsd: s.liquidityUsd, volume24hUsd: s.volume24hUsd, at: s.ts });
  if ((s.volume24hUsd ?? 0) >= u.cfg.minVolume24hUsd) t.activeAt = now;
  let best: string | null = null;
  let bestLiq = -1;
  for (const [pool, p] of t.pools) {
    const liq = p.liquidityUsd ?? 0;
    if (liq > bestLiq) {
      best = pool;
      bestLiq = liq;
    }
  }
  // Keep the lead once chosen unless another pool is clearly deeper, so candles do not hop between pools.
  const current = t.lead ? (t.pools.get(t.lead)?.liquidityUsd ?? 0) : -1;
  if (t.lead === null || (best !== t.lead && bestLiq > 2 * current)) {
    const changed = t.lead !== best;
    t.lead = best;
    return changed;
  }
  return false;
}

/**
 * Heat from how close the forming window is to ignition: the larger of change / threshold and
 * volume ratio / multiple, clamped to 0..1. Hot tokens get their candles refreshed more often.
 */
export function setHeat(u: Universe, mint: string, changePct: number | null, volumeRatio: number | null, minChangePct: number, volumeMultiple: number): void {
  const t = u.tokens.get(mint);
  if (!t) return;
  const c = changePct !== null && minChangePct > 0 ? changePct / minChangePct : 0;
  const v = volumeRatio !== null && volumeMultiple > 0 ? volumeRatio / volumeMultiple : 0;
  t.heat = Math.max(0, Math.min(1, Math.max(c, v)));
}

/** Refresh interval of a token: cold interval at heat 0, hot interval from heat 0.5 up. */
export function candleInterval(u: Universe, t: Tracked): number {
  const k = Math.min(1, t.heat / 0.5);
  return Math.round(u.cfg.candlePollColdMs + (u.cfg.candlePollHotMs - u.cfg.candlePollColdMs) * k);
}

/** Tokens whose candles are due, most overdue first, at most `limit`. */
export function dueForCandles(u: Universe, now: number, limit: number): Tracked[] {
  return [...u.tokens.values()].filter((t) => t.lead !== null && t.nextCandlesAt <= now).sort((a, b) => a.nextCandlesAt - b.nextCandlesAt).slice(0, limit);
}

/** Notes a tapped trade of a tracked token: it is active now. */
export function noteTrade(u: Universe, mint: string, now: number): boolean {
  const t = u.tokens.get(mint);
  if (!t) return false;
  t.tapped = true;
  t.lastTradeAt = now;
  t.activeAt = now;
  return true;
}

/** Evicts tapped tokens without a trade for `coldMs` (watchlist excepted); returns their mints. */
export function evictCold(u: Universe, now: number, coldMs: number): string[] {
  const out: string[] = [];
  for (const t of u.tokens.values()) {
    if (!t.watch && t.tapped && t.lastTradeAt !== undefined && now - t.lastTradeAt > coldMs) {
      u.tokens.delete(t.mint);
      out.push(t.mint);
    }
  }
  return out;
}

/** Evicts tokens quiet for longer than the limit (watchlist excepted); returns their mints. */
export function evictQuiet(u: Universe, now: number): string[] {
  const out: string[] = [];
  for (const t of u.tokens.values()) {
    if (!t.watch && now - t.activeAt > u.cfg.quietEvictMs) {
      u.tokens.delete(t.mint);
      out.push(t.mint);
    }
  }
  return out;
}
