import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressProblem, base58Decode, base58Encode } from '../../src/domain/mint.js';

describe('Solana addresses', () => {
  it('accepts real mints and pools and round-trips them through base58', () => {
    for (const a of ['So11111111111111111111111111111111111111112', '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump', '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP', 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA']) {
      assert.equal(addressProblem(a), null, a);
      assert.equal(base58Encode(base58Decode(a)!), a);
    }
  });

  it('names what is wrong with a bad address', () => {
    assert.match(addressProblem('abc')!, /32 to 44/);
    assert.match(addressProblem('0OIl' + 'A'.repeat(40))!, /outside base58/);
    assert.match(addressProblem('z'.repeat(44))!, /decodes to 33 bytes/);
  });
});
