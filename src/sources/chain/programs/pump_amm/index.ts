// PumpSwap (pump_amm): BuyEvent and SellEvent (pool, amounts, the pool's reserves BEFORE the trade, the
// trader's token accounts) and CreatePoolEvent (pool -> mints). The events name no mint: pools.ts resolves
// the pool, or a recorded transaction's token balances resolve the trader's accounts.
// Generations: Buy/Sell 360 B (2025-07: ... coin_creator_fee), Buy 393 B (2025-10: + volume tracking),
// then ix_name, cashback and boost fields (2026). The stable prefix read here ends at 248 B.
import type { DecodedCreate, DecodedSwap } from '../../types.js';
import { i64, key, secondsToMs, u64 } from '../bytes.js';
import { head, type EventContext, type EventDecoder, type ProgramDecoders } from '../event.js';

export const PUMP_AMM_PROGRAM_ID = 'pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA';
export const BUY_EVENT = '67f4521f2cf57777';
export const SELL_EVENT = '3e2f370aa503dc2a';
export const CREATE_POOL_EVENT = 'b1310cd2a076a774';
const PREFIX = 248;

// Offsets shared by BuyEvent and SellEvent (base_amount_out / base_amount_in at 16, quote_amount_in / _out at 64).
const O = { ts: 8, base: 16, poolBase: 48, poolQuote: 56, quote: 64, quoteWithLpFee: 104, pool: 120, user: 152, userBase: 184, userQuote: 216 };

function decodeSwap(side: 'buy' | 'sell') {
  return (buf: Buffer, ctx: EventContext): DecodedSwap | null => {
    if (buf.length < PREFIX) return null;
    const base = u64(buf, O.base)!;
    const quote = u64(buf, O.quote)!;
    const poolBase = u64(buf, O.poolBase)!;
    const poolQuote = u64(buf, O.poolQuote)!;
    // Vault balances after the trade: the LP fee stays in the pool, protocol and creator fees leave it.
    // Buy: quote_amount_in_with_lp_fee comes in; sell: quote_amount_out_without_lp_fee goes out (both at 104).
    const quoteMoved = u64(buf, O.quoteWithLpFee)!;
    return {
      kind: 'swap',
      ...head('pump_amm', ctx, secondsToMs(i64(buf, O.ts))),
      pool: key(buf, O.pool),
      mint: null,
      quoteMint: null,
      side,
      baseAmountRaw: base,
      quoteAmountRaw: quote,
      baseReserveRaw: side === 'buy' ? poolBase - base : poolBase + base,
      quoteReserveRaw: side === 'buy' ? poolQuote + quoteMoved : poolQuote - quoteMoved,
      sqrtPriceX64: null,
      liquidity: null,
      user: key(buf, O.user),
      eventBytes: buf.length,
      orientation: 'settled',
      baseAccount: key(buf, O.userBase),
      quoteAccount: key(buf, O.userQuote),
    };
  };
}

function decodeCreatePool(buf: Buffer, ctx: EventContext): DecodedCreate | null {
  // timestamp, index (u16), creator, base_mint, quote_mint, base/quote decimals (u8 each), 7 x u64, pool_bump, pool, ...
  if (buf.length < 8 + 8 + 2 + 96 + 2 + 56 + 1 + 32) return null;
  return {
    kind: 'create',
    ...head('pump_amm', ctx, secondsToMs(i64(buf, 8))),
    creator: key(buf, 18),
    mint: key(buf, 50),
    quoteMint: key(buf, 82),
    baseDecimals: buf[114],
    quoteDecimals: buf[115],
    pool: key(buf, 173),
    name: null,
    symbol: null,
    event: 'create_pool',
  };
}

// Other events of pump_swap_idl.json.
const IGNORED = ['2ddc5d181961ac68', '93fa6c78f71d43de', '3f451c16305cc2b9', 'e2d6f62107f293e5', '4facf631cd5bcee8',
  '929fbdac925838f4', 'e8f5c2eeeada3a59', '6b34598137e25116', '78f83d531f8e6b90', '6bfdc14ce4ca1b68', '6161d7905d92167c',
  'ae7c4af90451f611', '86240d48e86582d8', 'aadd52c793a5f72e', '2bbcfa12dd4bbb5f', 'f2e7eb664163bdd3', '5980f08d5bca4769',
  '966bc77b7ccf66e4', 'c57aa77c74515bff', 'e198ab57f63f42ea', '5a1741233ef4bcd0', '1609851aa02c47c0'];

export const pumpAmmDecoders: ProgramDecoders = {
  program: 'pump_amm',
  programId: PUMP_AMM_PROGRAM_ID,
  decoders: new Map<string, EventDecoder>([[BUY_EVENT, decodeSwap('buy')], [SELL_EVENT, decodeSwap('sell')], [CREATE_POOL_EVENT, decodeCreatePool]]),
  ignored: new Set(IGNORED),
};
