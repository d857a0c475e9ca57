// Raydium CPMM SwapEvent. 89 B (2024): pool_id, input/output vault balances before the swap, input/output
// amounts and transfer fees, base_input. 170 B (2025-10): + input_mint, output_mint, trade_fee, creator_fee,
// creator_fee_on_input. The 89 B event names no mint and no token order, so its base is the input leg until
// orientSwap settles it (a recorded transaction's vault balances, or pools.ts).
import type { DecodedSwap } from '../../types.js';
import { orientSwap } from '../../orient.js';
import { key, u64 } from '../bytes.js';
import { head, type EventContext, type EventDecoder, type ProgramDecoders } from '../event.js';

export const RAYDIUM_CPMM_PROGRAM_ID = 'CPMMoo8L3F4NbTegBCKVNunggL7H1ZpdTHKxQB5qKP1C';
export const SWAP_EVENT = '40c6cde8260871e2';
export const LP_CHANGE_EVENT = '79a3cdc939da753c';
const PREFIX = 89;
const WITH_MINTS = 153;

function decodeSwap(buf: Buffer, ctx: EventContext): DecodedSwap | null {
  if (buf.length < PREFIX) return null;
  const inBefore = u64(buf, 40)!;
  const outBefore = u64(buf, 48)!;
  const inAmount = u64(buf, 56)!;
  const outAmount = u64(buf, 64)!;
  const inTransferFee = u64(buf, 72)!;
  // Base = input leg, quote = output leg: "selling" the input for the output.
  const swap: DecodedSwap = {
    kind: 'swap',
    ...head('raydium_cpmm', ctx, null),
    pool: key(buf, 8),
    mint: null,
    quoteMint: null,
    side: 'sell',
    baseAmountRaw: inAmount,
    quoteAmountRaw: outAmount,
    // Reserves after the swap as the pool counts them: the event's "vault before" figures already exclude the
    // protocol and fund fees kept in the vaults (they are not the vault token balances); the input side keeps
    // what arrives net of a Token-2022 transfer fee.
    baseReserveRaw: inBefore + inAmount - inTransferFee,
    quoteReserveRaw: outBefore - outAmount,
    sqrtPriceX64: null,
    liquidity: null,
    user: null,
    eventBytes: buf.length,
    orientation: 'input_base',
    baseAccount: null,
    quoteAccount: null,
  };
  if (buf.length < WITH_MINTS) return swap;
  return orientSwap(swap, key(buf, 89)!, key(buf, 121)!);
}

export const raydiumCpmmDecoders: ProgramDecoders = {
  program: 'raydium_cpmm',
  programId: RAYDIUM_CPMM_PROGRAM_ID,
  decoders: new Map<string, EventDecoder>([[SWAP_EVENT, decodeSwap]]),
  ignored: new Set([LP_CHANGE_EVENT]),
};
