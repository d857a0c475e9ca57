// pump.fun bonding curve: TradeEvent (every buy and sell) and CreateEvent (a new token), read by their stable
// prefix. Layout generations seen on chain (sizes include the discriminator):
//   129 B (2024..2025-04)  mint, sol_amount, token_amount, is_buy, user, timestamp, virtual sol/token reserves,
//                          real sol/token reserves
//   225 B (2025-07)        + fee_recipient, fee_basis_points, fee, creator, creator_fee_basis_points, creator_fee
//   258 B (2025-10)        + track_volume and volume accumulator fields
//   358-393 B (2026)       + ix_name (string), mayhem_mode, cashback/buyback fees, shareholders (vec),
//                          quote_mint, quote_amount, virtual/real quote reserves (coins quoted in USDC)
import type { DecodedCreate, DecodedSwap } from '../../types.js';
import { WSOL_MINT } from '../../orient.js';
import { bool, i64, key, secondsToMs, str, u64 } from '../bytes.js';
import { head, type EventContext, type EventDecoder, type ProgramDecoders } from '../event.js';
import { bondingCurveOf, noteBondingCurve } from './pda.js';

export const PUMP_PROGRAM_ID = '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P';
export const TRADE_EVENT = 'bddb7fd34ee661ee';
export const CREATE_EVENT = '1b72a94ddeeb6376';
export const COMPLETE_PUMP_AMM_MIGRATION_EVENT = 'bde95db95c94ea94';
/** pump base tokens are minted with 6 decimals. */
export const PUMP_TOKEN_DECIMALS = 6;
// Pubkey::default(): pump writes it as quote_mint for coins quoted in SOL.
const DEFAULT_KEY = '11111111111111111111111111111111';
const TRADE_PREFIX = 129;
const QUOTE_FIELDS_FROM = 258;

/** The quote leg of the newest generation (after ix_name, fees and shareholders), or null when absent. */
function quoteFields(buf: Buffer): { mint: string; amount: bigint; virtualReserve: bigint } | null {
  const ix = str(buf, QUOTE_FIELDS_FROM);
  if (!ix) return null;
  // mayhem_mode (1), cashback bps + cashback + buyback bps + buyback fee (4 x 8), then Vec<Shareholder{pubkey, u16}>.
  const vecAt = ix.end + 1 + 32;
  if (vecAt + 4 > buf.length) return null;
  const at = vecAt + 4 + buf.readUInt32LE(vecAt) * 34;
  const mint = key(buf, at);
  const amount = u64(buf, at + 32);
  const virtualReserve = u64(buf, at + 40);
  if (mint === null || amount === null || virtualReserve === null || mint === DEFAULT_KEY) return null;
  return { mint, amount, virtualReserve };
}

function decodeTrade(buf: Buffer, ctx: EventContext): DecodedSwap | null {
  if (buf.length < TRADE_PREFIX) return null;
  const mint = key(buf, 8)!;
  const quote = buf.length > QUOTE_FIELDS_FROM ? quoteFields(buf) : null;
  return {
    kind: 'swap',
    ...head('pump', ctx, secondsToMs(i64(buf, 89))),
    pool: bondingCurveOf(mint, ctx.programId),
    mint,
    quoteMint: quote?.mint ?? WSOL_MINT,
    side: bool(buf, 56) ? 'buy' : 'sell',
    baseAmountRaw: u64(buf, 48)!,
    quoteAmountRaw: quote?.amount ?? u64(buf, 40)!,
    // The curve prices on its virtual reserves (after the trade).
    baseReserveRaw: u64(buf, 105)!,
    quoteReserveRaw: quote?.virtualReserve ?? u64(buf, 97)!,
    sqrtPriceX64: null,
    liquidity: null,
    user: key(buf, 57),
    creator: key(buf, 177),
    eventBytes: buf.length,
    orientation: 'settled',
    baseAccount: null,
    quoteAccount: null,
  };
}

function decodeCreate(buf: Buffer, ctx: EventContext): DecodedCreate | null {
  const name = str(buf, 8);
  const symbol = name && str(buf, name.end);
  const uri = symbol && str(buf, symbol.end);
  if (!uri) return null;
  const mint = key(buf, uri.end);
  const pool = key(buf, uri.end + 32);
  const user = key(buf, uri.end + 64);
  if (!mint || !user) return null;
  // 2024 events end at `user` (the creator then); `creator` and `timestamp` came later.
  const creator = key(buf, uri.end + 96) ?? user;
  // The event names the new coin's bonding curve: its trades (often in this very transaction) need no derivation.
  if (pool) noteBondingCurve(mint, pool);
  return {
    kind: 'create',
    ...head('pump', ctx, secondsToMs(i64(buf, uri.end + 128))),
    mint,
    pool,
    quoteMint: WSOL_MINT,
    creator,
    name: name.value,
    symbol: symbol.value,
    event: 'create',
  };
}

function decodeMigration(buf: Buffer, ctx: EventContext): DecodedCreate | null {
  // user, mint, mint_amount, sol_amount, pool_migration_fee, bonding_curve, timestamp, pool (PumpSwap)[, quote_mint]
  const mint = key(buf, 40);
  const pool = key(buf, 136);
  if (!mint || !pool) return null;
  return {
    kind: 'create',
    ...head('pump', ctx, secondsToMs(i64(buf, 128))),
    mint,
    pool,
    quoteMint: key(buf, 168) ?? WSOL_MINT,
    creator: null,
    name: null,
    symbol: null,
    event: 'migration',
  };
}

// Other events in the IDL (pump_fun_idl.json) that carry no trade or listing.
const IGNORED = ['4045c0681d1e196b', 'f53b46224bb96d5c', '93fa6c78f71d43de', 'e2d6f62107f293e5', '4facf631cd5bcee8',
  '929fbdac925838f4', '7a027f010ebf0caf', '5f72619cd42e9808', 'a537817004b3ca28', '6161d7905d92167c', '86240d48e86582d8',
  '9ba768dcd56cf303', 'a8d884efebb63134', '2bbcfa12dd4bbb5f', 'ed347b25f5fb48d2', '8ecb06207f69bfa2', 'dfc39ff63e308f83',
  'c57aa77c74515bff', 'b6c3892a23cecff7', '757be4b6a1a8dcd6'];

export const pumpDecoders: ProgramDecoders = {
  program: 'pump',
  programId: PUMP_PROGRAM_ID,
  decoders: new Map<string, EventDecoder>([[TRADE_EVENT, decodeTrade], [CREATE_EVENT, decodeCreate], [COMPLETE_PUMP_AMM_MIGRATION_EVENT, decodeMigration]]),
  ignored: new Set(IGNORED),
};
