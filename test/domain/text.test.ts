import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, sanitizeText } from '../../src/domain/text.js';
import { HOSTILE_NAMES } from '../outputs/table/hostile.js';

// Anything that can steer a terminal: C0/C1 controls, DEL, ESC and bidi/format characters.
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;


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
