import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, parseDigits } from '../../../src/sources/recorded/decimal.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const dec = (s: string) => parseDecimal(bytes(s), 0, s.length);

test('parseDecimal gives the same double as Number() for the decimals recorded files carry', () => {
  const cases = ['0', '00012', '7.73E-05', '0.000120678', '6.48E-05', '37859.40901', '0.00002912', '11786.16', '5.', '.5', '1e3', '1E+3', '2.5e-21',
    '123456789012345', '9007199254740991', '0.1', '0.2', '1e22', '4.35e10', '203.473602929741', '0.0', '1755726000'];
  for (const s of cases) assert.ok(Object.is(dec(s), Number(s)), `${s}: ${dec(s)} vs ${Number(s)}`);
});

test('parseDecimal refuses what it cannot parse exactly or what is not a plain non-negative decimal (NaN: the caller takes the slow path)', () => {
  for (const s of ['', '-1', '+1', '-0', '1e', '1e+', 'e5', '.', 'abc', '1.2.3', ' 1', '1 ', '0x10', 'Infinity', 'NaN', '1_000',
    '9007199254740993', '0.30000000000000004', '12345678901234567890', '1e23', '1e-23', '1.5e400', '1,5']) {
    assert.ok(Number.isNaN(dec(s)), `${JSON.stringify(s)} gave ${dec(s)}`);
  }
});

test('parseDecimal equals Number() on 50,000 generated decimals wherever it answers, and answers for short ones', () => {
  let x = 12345;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % n;
  };
  const digits = (n: number) => Array.from({ length: n }, () => String(rnd(10))).join('');
  let answered = 0;
  for (let i = 0; i < 50_000; i++) {
    const int = digits(rnd(8));
    const frac = rnd(3) === 0 ? '' : `.${digits(rnd(12))}`;
    const exp = rnd(3) === 0 ? `${rnd(2) ? 'e' : 'E'}${['', '-', '+'][rnd(3)]}${rnd(30)}` : '';
    const s = int + frac + exp;
    const want = Number(s);
    const got = dec(s);
    if (Number.isNaN(got)) continue;
    answered++;
    assert.ok(Object.is(got, want), `${s}: ${got} vs ${want}`);
  }
  // Most generated values are inside the fast path (at most 19 digits, small exponents).
  assert.ok(answered > 25_000, `only ${answered} answered`);
});

test('parseDecimal reads only its range of a larger buffer', () => {
  const b = bytes('x,1.25,9');
  assert.equal(parseDecimal(b, 2, 6), 1.25);
  assert.ok(Number.isNaN(parseDecimal(b, 1, 6)));
});

test('parseDigits reads unsigned integers and refuses anything else', () => {
  assert.equal(parseDigits(bytes('1755726000'), 0, 10), 1755726000);
  assert.equal(parseDigits(bytes('1755726000000'), 0, 13), 1755726000000);
  for (const s of ['', '-1', '1.5', '1e3', ' 1', '1234567890123456']) assert.equal(parseDigits(bytes(s), 0, s.length), -1, s);
});
