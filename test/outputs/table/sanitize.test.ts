import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, sanitizeText } from '../../../src/outputs/table/sanitize.js';

// Anything that can steer a terminal: C0/C1 controls, DEL, ESC and bidi/format characters.
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

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

test('hostile token names come out without any control, escape or bidi character', () => {
  for (const [what, name] of HOSTILE_NAMES) {
    const out = sanitizeText(name, 16);
    assert.ok(!DANGEROUS.test(out), `${what}: ${JSON.stringify(out)}`);
    assert.ok(displayWidth(out) <= 16, `${what} is bounded: ${JSON.stringify(out)}`);
  }
});

test('the visible text around escape sequences is kept', () => {
  assert.equal(sanitizeText('\x1b[2J\x1b[HPWNED', 16), 'PWNED');
  assert.equal(sanitizeText('\x1b]8;;https://evil.example/\x1b\\CLICK\x1b]8;;\x1b\\', 16), 'CLICK');
  assert.equal(sanitizeText('\x1b]0;owned\x07TITLE', 16), 'TITLE');
  assert.equal(sanitizeText('abc\u202Egnp.exe', 16), 'abcgnp.exe');
  assert.equal(sanitizeText('two\nlines\tand', 32), 'two lines and');
});

test('long names are cut to the width with an ellipsis', () => {
  assert.equal(sanitizeText('A'.repeat(10_000), 10), 'AAAAAAAAA…');
  assert.equal(sanitizeText('CBRL', 10), 'CBRL');
  assert.equal(sanitizeText('ABCDEFGHIJ', 10), 'ABCDEFGHIJ');
  assert.equal(sanitizeText('ABCDEFGHIJK', 10), 'ABCDEFGHI…');
});

test('wide characters count two columns and are never split', () => {
  const out = sanitizeText('猫猫猫猫猫猫', 7);
  assert.equal(out, '猫猫猫…');
  assert.equal(displayWidth(out), 7);
  assert.equal(displayWidth('🚀MOON'), 6);
});

test('empty, null and whitespace-only names become empty strings', () => {
  assert.equal(sanitizeText(null, 10), '');
  assert.equal(sanitizeText(undefined, 10), '');
  assert.equal(sanitizeText('\x1b[0m\u202e \n', 10), '');
  assert.equal(sanitizeText('ABC', 0), '');
});

test('combining marks are limited so stacked marks cannot flood a cell', () => {
  const out = sanitizeText('Z' + '\u0300'.repeat(500), 10);
  assert.equal([...out].length, 3);
  assert.equal(sanitizeText('café', 10), 'café');
});
