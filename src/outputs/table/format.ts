/** Number formatting for the table and the plain lines: short, fixed-ish widths, readable sub-cent prices. */

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
// Up to this many zeros after the decimal point a price is written out in full (0.00005123, 10 chars);
// beyond it the zeros are counted in subscript (0.0₇1234) so the column stays narrow.
const MAX_PLAIN_ZEROS = 5;
const PRICE_SIG_DIGITS = 4;

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]);
}

/** USD price with 4 significant digits: 1234, 12.34, 0.5123, 0.00005123, 0.0₇1234. `-` when unknown. */
export function formatPrice(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '-';
  if (p === 0) return '0';
  if (p < 0) return '-' + formatPrice(-p);
  if (p >= 10_000) return Math.round(p).toLocaleString('en-US');
  if (p >= 1) return String(Number(p.toPrecision(PRICE_SIG_DIGITS)));
  const zeros = Math.max(0, Math.floor(-Math.log10(p)) - (Number.isInteger(Math.log10(p)) ? 1 : 0));
  const digits = p.toFixed(Math.min(100, zeros + PRICE_SIG_DIGITS)).replace(/0+$/, '').replace(/\.$/, '');
  // toFixed can round up into one zero fewer (0.000099999 -> 0.0001000); that is still correct text.
  if (zeros <= MAX_PLAIN_ZEROS) return digits;
  const significant = digits.slice(2 + zeros);
  return `0.0${subscript(zeros)}${significant}`;
}

/** Compact USD: $950, $52.3k, $1.2M, $3.4B. `-` when unknown. */
export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  if (v < 0) return '-' + formatUsd(-v);
  if (v < 1000) return `$${v < 10 ? v.toFixed(v === Math.floor(v) ? 0 : 2) : Math.round(v)}`;
  const units: Array<[number, string]> = [[1e3, 'k'], [1e6, 'M'], [1e9, 'B'], [1e12, 'T']];
  for (let i = 0; i < units.length; i++) {
    const [size, unit] = units[i];
    const x = v / size;
    const text = x < 100 ? x.toFixed(1) : x.toFixed(0);
    if (Number(text) < 1000 || i === units.length - 1) return `$${text}${unit}`;
  }
  return '-';
}

/** Signed percent: +12.3%, -4.5%, +462%. */
export function formatPct(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '-';
  const abs = Math.abs(p);
  const text = abs < 100 ? abs.toFixed(1) : abs.toFixed(0);
  const sign = Number(text) === 0 ? '' : p > 0 ? '+' : '-';
  return `${sign}${text}%`;
}

/** Unsigned percent for price impact: 0.42%, 3.1%. */
export function formatImpact(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '-';
  return `${p < 1 ? p.toFixed(2) : p < 100 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** Volume ratio in at most 5 columns: 3.2x, 14x, 999x, 33kx, 120kx, 4Mx. */
export function formatRatio(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '-';
  if (r < 0) return '-';
  if (r < 9.95) return `${r.toFixed(1)}x`;
  if (r < 999.5) return `${Math.round(r)}x`;
  if (r < 999_500) return `${Math.round(r / 1000)}kx`;
  return r < 999.5e6 ? `${Math.round(r / 1e6)}Mx` : '>1Gx';
}

/** How far the stop is under the entry, in percent of the entry (32% = the stop loses 32%). Null without both. */
export function stopDistancePct(entry: number | null | undefined, sl: number | null | undefined): number | null {
  if (entry === null || entry === undefined || sl === null || sl === undefined) return null;
  if (!Number.isFinite(entry) || !Number.isFinite(sl) || entry <= 0) return null;
  return ((entry - sl) / entry) * 100;
}

/** A stop distance for a cell: `32%`, `4.5%`, `-` when unknown. */
export function formatStopPct(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '-';
  return `${p < 9.95 ? p.toFixed(1) : Math.round(p)}%`;
}

/** Elapsed time: 45s, 12m, 3h05m, 2d03h. */
export function formatAge(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

/** R multiple of a price against a ladder: +1.5R, -1.0R. */
export function formatR(price: number, entry: number, r: number): string {
  if (!(r > 0)) return '';
  const x = (price - entry) / r;
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}R`;
}

/** First and last four characters of a mint: `5LKH…pump`. Mints are base58, so nothing to sanitise. */
export function shortMint(mint: string | null | undefined): string {
  if (!mint) return '-';
  const safe = mint.replace(/[^1-9A-HJ-NP-Za-km-z]/g, '');
  return safe.length <= 9 ? safe : `${safe.slice(0, 4)}…${safe.slice(-4)}`;
}

/** Keeps only base58 characters of an address (it is shown in full in the detail pane). */
export function safeAddress(addr: string | null | undefined): string {
  return addr ? addr.replace(/[^1-9A-HJ-NP-Za-km-z]/g, '').slice(0, 64) : '-';
}

/** UTC ISO time without milliseconds: 2025-08-21T04:05:00Z. */
export function formatIsoSeconds(ts: number): string {
  if (!Number.isFinite(ts)) return '-';
  return new Date(ts).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A gate's measured number in its unit: `$62.0k` for liquidity and 24h volume, `2%` for price impact. */
export function formatGateNumber(gate: string, v: number): string {
  if (gate === 'liquidity' || gate === 'volume_24h') return formatUsd(v);
  if (gate === 'price_impact') return Number.isFinite(v) ? `${Number(v.toPrecision(3))}%` : '-';
  return String(Number(v.toPrecision(6)));
}
