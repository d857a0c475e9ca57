export interface IgnitionConfig {
  /** Percent over the window open (default 2). */
  minChangePct: number;
  /** Current 5m volume must exceed this x SMA (default 3). */
  volumeMultiple: number;
  /** Closed 5m bars in the SMA (default 20). */
  volumeSmaBars: number;
}

export interface NearMissConfig {
  enabled: boolean;
  changeMarginPct: number;
  volumeMarginRatio: number;
}

export interface IgnitionInput {
  /** Forming 4h window open and latest price. */
  open: number;
  price: number;
  /** Volume of the current 5m candle (forming, or the one just closed), USD. */
  volume5mUsd: number;
  /** SMA of the closed 5m volumes before it, or null with fewer than `volumeSmaBars` of history. */
  smaVolume5mUsd: number | null;
}

export type IgnitionVerdict =
  | { kind: 'fire'; changePct: number; volumeRatio: number | null }
  | { kind: 'near_miss'; changePct: number; volumeRatio: number | null; missed: string[] }
  | { kind: 'none' };

/** Small tolerance so a change of exactly the threshold counts despite floating-point error. */
const EPS = 1e-9;

/**
 * Ignition: the forming 4h candle is up at least minChangePct from its open AND the current 5m
 * volume exceeds volumeMultiple x the SMA of the closed 5m volumes before it.
 */
/** The verdict of nearly every call (shared: it carries nothing to change). */
const NONE: IgnitionVerdict = Object.freeze({ kind: 'none' as const });

/**
 * The figures of one ignition check held as numbers (NaN sma: none), refilled in place for each check: a
 * number field written in place makes nothing, where a double passed to a call that is not inlined is boxed.
 */
export interface IgnitionFigures {
  open: number;
  price: number;
  volume5mUsd: number;
  sma: number;
}

export const newIgnitionFigures = (): IgnitionFigures => ({ open: NaN, price: NaN, volume5mUsd: NaN, sma: NaN });

/**
 * The verdict on figures held in an object: the engine checks on every input, and a double passed to a call
 * that is not inlined is boxed (written to a number field, it is stored in place).
 */
export function ignitionVerdictOf(x: IgnitionFigures, cfg: IgnitionConfig, nm: NearMissConfig): IgnitionVerdict {
  const { open, price, volume5mUsd, sma } = x;
  // No SMA (NaN) compares false below, as a NaN change would.
  if (Number.isNaN(sma) || !(open > 0)) return NONE;
  const changePct = ((price - open) / open) * 100;
  const changeOk = changePct >= cfg.minChangePct - EPS;
  const volumeOk = volume5mUsd > cfg.volumeMultiple * sma;
  if (changeOk && volumeOk) return fireVerdict(changePct, volume5mUsd, sma);
  if (!nm.enabled) return NONE;
  const changeNear = changePct >= cfg.minChangePct - nm.changeMarginPct - EPS;
  const volumeNear = volume5mUsd > cfg.volumeMultiple * (1 - nm.volumeMarginRatio) * sma;
  if (!(changeNear && volumeNear)) return NONE;
  return nearMissVerdict(changePct, volume5mUsd, sma, changeOk, volumeOk);
}

export function detectIgnition(x: IgnitionInput, cfg: IgnitionConfig, nm: NearMissConfig): IgnitionVerdict {
  return ignitionVerdict(x.open, x.price, x.volume5mUsd, x.smaVolume5mUsd, cfg, nm);
}

/** The figures ignitionVerdict() passes on (it is not re-entered while they are read). */
const passed = newIgnitionFigures();

/** detectIgnition() on the values themselves. */
export function ignitionVerdict(open: number, price: number, volume5mUsd: number, sma: number | null, cfg: IgnitionConfig, nm: NearMissConfig): IgnitionVerdict {
  passed.open = open;
  passed.price = price;
  passed.volume5mUsd = volume5mUsd;
  passed.sma = sma === null ? NaN : sma;
  return ignitionVerdictOf(passed, cfg, nm);
}

// The verdicts that carry figures, made apart: the check above stays small.
function fireVerdict(changePct: number, volume5mUsd: number, sma: number): IgnitionVerdict {
  // The ratio (a number or null) is only worked out for a verdict that carries it.
  return { kind: 'fire', changePct, volumeRatio: ratioOf(volume5mUsd, sma) };
}

function nearMissVerdict(changePct: number, volume5mUsd: number, sma: number, changeOk: boolean, volumeOk: boolean): IgnitionVerdict {
  const missed: string[] = [];
  if (!changeOk) missed.push('change_below_min');
  if (!volumeOk) missed.push('volume_ratio_below_min');
  return { kind: 'near_miss', changePct, volumeRatio: ratioOf(volume5mUsd, sma), missed };
}

const ratioOf = (volume: number, sma: number): number | null => (sma > 0 ? volume / sma : null);
