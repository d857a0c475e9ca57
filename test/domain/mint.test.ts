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

  it('decodes what it encodes, leading zero bytes and an empty string included', () => {
    // A fixed sequence of byte strings (lengths 0-40, some with leading zeros), not random per run.
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    for (let n = 0; n <= 40; n++) {
      for (let lead = 0; lead <= Math.min(n, 3); lead++) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i < lead ? 0 : next()));
        const text = base58Encode(bytes);
        assert.deepEqual(base58Decode(text), bytes, text);
      }
    }
    assert.deepEqual(base58Decode(''), new Uint8Array(0));
    assert.deepEqual(base58Decode('111'), new Uint8Array(3));
  });

  it('refuses characters outside the alphabet, non-ASCII ones included', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', ' ', 'é', '\u{1F600}', '\u0131']) {
      assert.equal(base58Decode(`So1111${bad}1111`), null, bad);
      assert.match(addressProblem(`${bad}${'1'.repeat(43)}`.slice(0, 44))!, /outside base58|32 to 44/);
    }
  });
});
