import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orientSwap, quoteRank, USDC_MINT, WSOL_MINT } from '../../../src/sources/chain/orient.js';
import type { DecodedSwap } from '../../../src/sources/chain/types.js';

const swap: DecodedSwap = {
  kind: 'swap', program: 'raydium_clmm', programId: 'p', signature: 's', slot: 1, ordinal: 0, ts: null, pool: 'pool', mint: null, quoteMint: null, side: 'sell',
  baseAmountRaw: 10n, quoteAmountRaw: 20n, baseReserveRaw: 100n, quoteReserveRaw: 200n, sqrtPriceX64: 5n, liquidity: 6n, user: 'u', eventBytes: 205,
  orientation: 'token0_base', baseAccount: 'a0', quoteAccount: 'a1',
};

test('the more "money" mint becomes the quote: stablecoin over SOL over tokens', () => {
  assert.ok(quoteRank(USDC_MINT) > quoteRank(WSOL_MINT) && quoteRank(WSOL_MINT) > quoteRank('Token111'));
});

test('token0 = SOL, token1 = a token: legs swap, the side flips, reserves and accounts follow', () => {
  const s = orientSwap(swap, WSOL_MINT, 'Tok');
  assert.deepEqual([s.mint, s.quoteMint, s.side, s.baseAmountRaw, s.quoteAmountRaw, s.baseReserveRaw, s.quoteReserveRaw, s.baseAccount, s.quoteAccount, s.orientation],
    ['Tok', WSOL_MINT, 'buy', 20n, 10n, 200n, 100n, 'a1', 'a0', 'settled']);
});

test('already in order (token, SOL) and ties (token, token) keep the legs', () => {
  const a = orientSwap(swap, 'Tok', WSOL_MINT);
  assert.deepEqual([a.mint, a.quoteMint, a.side, a.baseAmountRaw], ['Tok', WSOL_MINT, 'sell', 10n]);
  const b = orientSwap(swap, 'TokA', 'TokB');
  assert.deepEqual([b.mint, b.quoteMint, b.side], ['TokA', 'TokB', 'sell']);
  const c = orientSwap(swap, WSOL_MINT, USDC_MINT);
  assert.deepEqual([c.mint, c.quoteMint], [WSOL_MINT, USDC_MINT]);
});
