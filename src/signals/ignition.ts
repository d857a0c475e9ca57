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

export function detectIgnition(x: IgnitionInput, cfg: IgnitionConfig, nm: NearMissConfig): IgnitionVerdict {
  return ignitionVerdict(x.open, x.price, x.volume5mUsd, x.smaVolume5mUsd, cfg, nm);
}

/**
 * detectIgnition() on the values themselves: the engine checks on every input, and filling an input
 * object for it would box each number it copies there.
 */
export function ignitionVerdict(open: number, price: number, volume5mUsd: number, sma: number | null, cfg: IgnitionConfig, nm: NearMissConfig): IgnitionVerdict {
  if (sma === null || !(open > 0)) return NONE;
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

// The verdicts that carry figures, made apart: the check above stays small enough to be inlined where it
// runs per input, so its numbers are never boxed to be passed.
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
