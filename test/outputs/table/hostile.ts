/** Token names an attacker might mint: each must render inert and bounded. */
export const HOSTILE_NAMES: Array<[string, string]> = [
  ['clear screen', '\x1b[2J\x1b[HPWNED'],
  ['colour and cursor moves', '\x1b[31;1mRED\x1b[0m\x1b[10A\x1b[?25l'],
  ['OSC 8 hyperlink', '\x1b]8;;https://evil.example/\x1b\\CLICK\x1b]8;;\x1b\\'],
  ['OSC title with BEL', '\x1b]0;owned\x07TITLE'],
  ['unterminated OSC', 'A\x1b]52;c;Y29weQ=='],
  ['8-bit CSI', 'X\x9b2JY'],
  ['DCS string', '\x1bP1$r0m\x1b\\OK'],
  ['right-to-left override', 'abc\u202Egnp.exe'],
  ['NUL and BEL', 'NU\u0000L\u0007BEL'],
  ['zero width and BOM', 'P\u200bU\u200dM\ufeffP'],
  ['newlines and tabs', 'two\nlines\tand\rreturn'],
  ['10,000 characters', 'A'.repeat(10_000)],
  ['escapes repeated 2,000 times', '\x1b[2J'.repeat(2_000) + 'END'],
  ['zalgo', 'Z' + '\u0300'.repeat(500)],
];
