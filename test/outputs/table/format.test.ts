import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAge, formatPct, formatPrice, formatR, formatRatio, formatUsd, shortMint } from '../../../src/outputs/table/format.js';

test('sub-cent prices keep four significant digits', () => {
  const cases: Array<[number | null, string]> = [
    [0.00005123, '0.00005123'],
    [0.0000123, '0.0000123'],
    [0.000051234567, '0.00005123'],
    [0.001, '0.001'],
    [0.5, '0.5'],
    [0.000001234, '0.000001234'],
    [0.0000001234, '0.0₆1234'],
    [1.23456, '1.235'],
    [152.49, '152.5'],
    [12_345.6, '12,346'],
    [0, '0'],
    [null, '-'],
    [Number.NaN, '-'],
  ];
  for (const [p, want] of cases) assert.equal(formatPrice(p), want, String(p));
});

test('money is compact', () => {
  const cases: Array<[number | null, string]> = [
    [950, '$950'], [52_300, '$52.3k'], [1_234_567, '$1.2M'], [3.4e9, '$3.4B'], [999_960, '$1.0M'], [150_000, '$150k'], [null, '-'],
  ];
  for (const [v, want] of cases) assert.equal(formatUsd(v), want, String(v));
});

test('percentages, ratios, ages, R multiples and mints', () => {
  assert.equal(formatPct(12.34), '+12.3%');
  assert.equal(formatPct(-4.5), '-4.5%');
  assert.equal(formatPct(462.2), '+462%');
  assert.equal(formatPct(0.01), '0.0%');
  assert.equal(formatRatio(4.14), '4.1x');
  assert.equal(formatRatio(14.4), '14x');
  assert.equal(formatAge(45_000), '45s');
  assert.equal(formatAge(12 * 60_000 + 5_000), '12m');
  assert.equal(formatAge(3 * 3_600_000 + 5 * 60_000), '3h05m');
  assert.equal(formatAge(51 * 3_600_000), '2d03h');
  assert.equal(formatR(0.00006, 0.00005, 0.0000045), '+2.2R');
  assert.equal(formatR(0.0000455, 0.00005, 0.0000045), '-1.0R');
  assert.equal(shortMint('5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump'), '5LKH…pump');
  assert.equal(shortMint('5LKH\x1b[2JMd2rMSRaG9y4pump'), '5LKH…pump');
});
