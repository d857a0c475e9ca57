/**
 * Token names and symbols come from whoever minted the token. Before any of them reaches a terminal they
 * lose every escape sequence (CSI, OSC hyperlinks and titles, DCS/APC/PM/SOS strings, their 8-bit C1
 * forms), every control and format character (NUL, BEL, DEL, bidi overrides such as U+202E, zero-width
 * joiners, BOM), line and paragraph separators and floods of combining marks, and are bounded in width.
 */

// Raw input beyond this many code units is never looked at: it bounds the work a hostile name can cause.
const RAW_LIMIT = 4096;
// Zalgo text stacks dozens of combining marks on one letter; two are enough for any real script.
const MAX_MARKS_PER_BASE = 2;

const ESCAPE_SEQUENCES: readonly RegExp[] = [
  // OSC (ESC ] or 8-bit 0x9d) up to BEL or ST, or to the end when unterminated.
  /(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g,
  // DCS, SOS, PM, APC strings up to ST.
  /(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g,
  // CSI (ESC [ or 8-bit 0x9b) with parameters and a final byte.
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g,
  // Any other two-character escape (ESC 7, ESC c, charset selection ESC ( B ...).
  /\x1b[\x20-\x2f]*[\x30-\x7e]?/g,
];

// Controls (C0, DEL, C1), format characters (bidi, zero-width), surrogates, separators, private use.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Co}\u{FFF9}-\u{FFFB}]/gu;
const WHITESPACE_RUN = /[\s\u3164\u115f\u1160\uffa0]+/gu;

let segmenter: Intl.Segmenter | null = null;
function graphemes(s: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

/** Removes escape sequences and invisible characters; whitespace (tabs, newlines) collapses to one space. */
export function stripUnsafe(raw: string): string {
  let s = raw.length > RAW_LIMIT ? raw.slice(0, RAW_LIMIT) : raw;
  for (const re of ESCAPE_SEQUENCES) s = s.replace(re, '');
  s = s.replace(/[\t\n\r\v\f]/g, ' ').replace(INVISIBLE, '');
  s = s.replace(WHITESPACE_RUN, ' ').trim();
  return limitCombiningMarks(s);
}

function limitCombiningMarks(s: string): string {
  if (!/\p{M}/u.test(s)) return s;
  let out = '';
  let marks = 0;
  for (const ch of s) {
    if (/\p{M}/u.test(ch)) {
      if (++marks > MAX_MARKS_PER_BASE) continue;
    } else {
      marks = 0;
    }
    out += ch;
  }
  return out;
}

/** Terminal columns taken by one grapheme: 2 for East Asian wide/fullwidth and emoji, else 1. */
export function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (cp < 0x1100) return 1;
  if (/\p{Extended_Pictographic}/u.test(g) && (cp >= 0x1f000 || g.includes('\ufe0f'))) return 2;
  const wide =
    (cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

const NARROW_ONLY = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff]*$/;

/** Terminal width of an already sanitised string. */
export function displayWidth(s: string): number {
  // Narrow characters only (ASCII, Latin, punctuation such as … and arrows): one column each, the
  // common case, which needs no segmentation.
  if (NARROW_ONLY.test(s)) return s.length;
  let w = 0;
  for (const g of graphemes(s)) w += graphemeWidth(g);
  return w;
}

/** Cuts an already sanitised string to at most `maxWidth` columns, ending with `…` when cut. */
export function truncateToWidth(s: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  if (displayWidth(s) <= maxWidth) return s;
  let out = '';
  let w = 0;
  for (const g of graphemes(s)) {
    const gw = graphemeWidth(g);
    if (w + gw > maxWidth - 1) break;
    out += g;
    w += gw;
  }
  return out + '…';
}

/**
 * Makes an untrusted string safe to show: no escape sequences, no control or format characters, at most
 * `maxLen` terminal columns (an ellipsis marks a cut). Use it everywhere a token name or symbol is shown.
 */
export function sanitizeText(s: string | null | undefined, maxLen: number): string {
  if (typeof s !== 'string' || s.length === 0) return '';
  return truncateToWidth(stripUnsafe(s), Math.max(0, Math.floor(maxLen)));
}

/** Pads (or cuts) an already sanitised string to exactly `width` columns. */
export function padToWidth(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncateToWidth(s, width);
  const gap = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + gap : gap + cut;
}

/** A symbol for logs and tables: sanitised, at most 16 columns, null when nothing is left. */
export function sanitizeSymbol(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const out = sanitizeText(s, 16);
  return out === '' ? null : out;
}
