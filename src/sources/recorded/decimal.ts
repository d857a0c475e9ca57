/**
 * Exact parsing of plain decimal numbers straight from bytes, without making a string.
 *
 * Only the case where one IEEE operation gives the correctly rounded result is handled (Clinger's fast
 * path): below 2^53 as the integer of significant digits and a power of ten up to 1e22, which doubles
 * hold exactly. The result is then the same double as `Number(text)`. Anything else (signs, more digits,
 * larger exponents, stray bytes) returns NaN and the caller parses the text the slow, general way.
 */

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 2 ** 53;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;
const PLUS = 43;
const MINUS = 45;

/**
 * The non-negative decimal in `buf[from, to)` (`12`, `0.5`, `.5`, `7.73E-05`, `1e3`), or NaN when the
 * bytes are not one or the fast path cannot guarantee the correctly rounded value.
 */
export function parseDecimal(buf: Uint8Array, from: number, to: number): number {
  decimalInto(buf, from, to, ONE, 0);
  return ONE[0];
}

const ONE = new Float64Array(1);

/**
 * parseDecimal() into `out[at]`: a reader parsing many values per row stores them without boxing each
 * double it would otherwise return (a call that is not inlined returns a double as a heap object).
 */
export function decimalInto(buf: Uint8Array, from: number, to: number, out: Float64Array, at: number): void {
  if (decimalField(buf, from, to, out, at) !== to) out[at] = NaN;
}

/**
 * decimalInto() of the decimal that starts at `from` and runs at most to `to`: it stops at the first byte
 * outside the grammar and returns that byte's index (the value, or NaN, is in `out[at]`). A reader that
 * finds a field's end by its delimiter this way reads each byte once; when the returned index is the
 * field's end, the value is the one decimalInto() gives for the same bytes.
 */
export function decimalField(buf: Uint8Array, from: number, to: number, out: Float64Array, at: number): number {
  let i = from;
  let mant = 0;
  let b = 0;
  for (; i < to; i++) {
    b = buf[i];
    if (b < ZERO || b > NINE) break;
    mant = mant * 10 + (b - ZERO);
  }
  // Digit counts from positions: no counter updated per digit.
  const intDigits = i - from;
  let fracDigits = 0;
  if (i < to && b === DOT) {
    const fracFrom = ++i;
    for (; i < to; i++) {
      b = buf[i];
      if (b < ZERO || b > NINE) break;
      mant = mant * 10 + (b - ZERO);
    }
    fracDigits = i - fracFrom;
  }
  // Digits, and a mantissa the fast path takes; then an exponent (a sign, at least one digit) if there is one.
  let ok = intDigits + fracDigits !== 0 && mant < MAX_EXACT;
  let exp = 0;
  if (ok && i < to && (b === LOWER_E || b === UPPER_E)) {
    const sign = ++i < to ? buf[i] : 0;
    if (sign === PLUS || sign === MINUS) i++;
    const expStart = i;
    for (; i < to; i++) {
      b = buf[i];
      if (b < ZERO || b > NINE || exp > 1000) break;
      exp = exp * 10 + (b - ZERO);
    }
    ok = i !== expStart;
    if (sign === MINUS) exp = -exp;
  }
  const e = exp - fracDigits;
  // Separate stores, not `cond ? value : NaN`: a phi with the NaN constant would box each value.
  if (!ok) out[at] = NaN;
  else if (mant === 0) out[at] = 0;
  else if (e > 22 || e < -22) out[at] = NaN;
  else if (e >= 0) out[at] = mant * POW10[e];
  else out[at] = mant / POW10[-e];
  return i;
}

/** The unsigned integer of digits in `buf[from, to)`, or -1 when it holds anything else or is empty. */
export function parseDigits(buf: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b < ZERO || b > NINE) return -1;
    n = n * 10 + (b - ZERO);
  }
  return n;
}
