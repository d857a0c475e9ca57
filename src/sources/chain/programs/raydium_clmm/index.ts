// Raydium CLMM SwapEvent (205 B, 2024..2025): pool_state, sender, the sender's token accounts 0/1, amount_0,
// transfer_fee_0, amount_1, transfer_fee_1, zero_for_one, sqrt_price_x64 and liquidity after the swap, tick.
// No mint: base = token0 until orientSwap settles it from the pool's mints (pools.ts) or the transaction's
// token balances. PancakeSwap CLMM (a fork) emits the same bytes from another program id: not decoded here.
import type { DecodedSwap } from '../../types.js';
import { bool, key, u128, u64 } from '../bytes.js';
import { head, type EventContext, type EventDecoder, type ProgramDecoders } from '../event.js';

export const RAYDIUM_CLMM_PROGRAM_ID = 'CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK';
export const SWAP_EVENT = '40c6cde8260871e2';
const PREFIX = 201;

function decodeSwap(buf: Buffer, ctx: EventContext): DecodedSwap | null {
  if (buf.length < PREFIX) return null;
  // zero_for_one: token0 went in, so base (token0) was sold.
  const zeroForOne = bool(buf, 168)!;
  return {
    kind: 'swap',
    ...head('raydium_clmm', ctx, null),
    pool: key(buf, 8),
    mint: null,
    quoteMint: null,
    side: zeroForOne ? 'sell' : 'buy',
    baseAmountRaw: u64(buf, 136)!,
    quoteAmountRaw: u64(buf, 152)!,
    baseReserveRaw: null,
    quoteReserveRaw: null,
    sqrtPriceX64: u128(buf, 169),
    liquidity: u128(buf, 185),
    user: key(buf, 40),
    eventBytes: buf.length,
    orientation: 'token0_base',
    baseAccount: key(buf, 72),
    quoteAccount: key(buf, 104),
  };
}

// Other events of the CLMM IDL (sha256("event:<Name>")[..8]).
const IGNORED = ['f7bd07776a705f97', '641e57f9c4df9ace', '314f69d420221e54', '3ade563a44325538', 'ed7094e63954b4a2',
  'a6ae69c051a15369', '6d7fba4e724125ec', '195e4b2f7063353f', 'ce57114f2d29d53d', '7ef0afce9e58996b'];

export const raydiumClmmDecoders: ProgramDecoders = {
  program: 'raydium_clmm',
  programId: RAYDIUM_CLMM_PROGRAM_ID,
  decoders: new Map<string, EventDecoder>([[SWAP_EVENT, decodeSwap]]),
  ignored: new Set(IGNORED),
};
