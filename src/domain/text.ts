// Token names and symbols come from whoever minted the token. Before they reach the log or a terminal,
// strip everything that could act: C0/C1 controls (ESC, BEL, NUL...), ANSI/OSC sequences, and Unicode
// format characters (bidi overrides such as U+202E, zero-width joiners), then bound the length.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const FORMAT = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Inert, bounded text: escape sequences and controls removed, at most `maxLen` code points. */
export function sanitizeText(s: string, maxLen: number): string {
  const clean = s.replace(ANSI, '').replace(CONTROLS, '').replace(FORMAT, '').trim();
  const chars = Array.from(clean);
  if (chars.length <= maxLen) return clean;
  return chars.slice(0, Math.max(0, maxLen - 1)).join('') + '…';
}

/** A symbol for logs and tables: sanitised, at most 16 characters, null when nothing is left. */
export function sanitizeSymbol(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const out = sanitizeText(s, 16);
  return out === '' ? null : out;
}
