import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectIgnition } from '../../src/signals/ignition.js';
import { isConfirmation } from '../../src/signals/confirmation.js';

const cfg = { minChangePct: 2, volumeMultiple: 3, volumeSmaBars: 20 };
const nm = { enabled: true, changeMarginPct: 0.5, volumeMarginRatio: 0.2 };

describe('detectIgnition', () => {
  const cases: Array<[string, { open: number; price: number; volume5mUsd: number; smaVolume5mUsd: number | null }, string]> = [
    ['fires at +2% with volume above 3x', { open: 100, price: 102, volume5mUsd: 301, smaVolume5mUsd: 100 }, 'fire'],
    ['counts exactly +2% despite float error', { open: 0.1, price: 0.102, volume5mUsd: 400, smaVolume5mUsd: 100 }, 'fire'],
    ['needs volume strictly above 3x', { open: 100, price: 105, volume5mUsd: 300, smaVolume5mUsd: 100 }, 'near_miss'],
    ['reports +1.8% with volume as a near miss', { open: 100, price: 101.8, volume5mUsd: 500, smaVolume5mUsd: 100 }, 'near_miss'],
    ['ignores +1.4% (outside the margin)', { open: 100, price: 101.4, volume5mUsd: 500, smaVolume5mUsd: 100 }, 'none'],
    ['never fires without 20 bars of volume history', { open: 100, price: 110, volume5mUsd: 500, smaVolume5mUsd: null }, 'none'],
    ['fires on volume after a silent stretch (SMA 0)', { open: 100, price: 103, volume5mUsd: 1, smaVolume5mUsd: 0 }, 'fire'],
  ];
  for (const [title, x, want] of cases) it(title, () => assert.equal(detectIgnition(x, cfg, nm).kind, want));

  it('gives a null volume ratio when the SMA is zero', () => {
    const v = detectIgnition({ open: 100, price: 103, volume5mUsd: 1, smaVolume5mUsd: 0 }, cfg, nm);
    assert.equal(v.kind === 'fire' && v.volumeRatio, null);
  });
});

describe('isConfirmation', () => {
  it('accepts a close exactly 10% over the open, whatever the float error', () => {
    assert.equal(isConfirmation(0.1, 0.11, 10), true);
    assert.equal(isConfirmation(1, 1.1, 10), true);
    assert.equal(isConfirmation(1, 1.0999, 10), false);
    assert.equal(isConfirmation(0, 1, 10), false);
  });
});
