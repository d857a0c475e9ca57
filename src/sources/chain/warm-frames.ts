// Made-up logsNotification frames for the tap's JIT warm-up (run/live/chain-warm.ts): pump.fun trades and
// PumpSwap pools with their swaps, of tokens that exist nowhere, laid out as the programs log them (event
// generations still seen on chain, framed by invoke / log / success lines), so every frame takes the same
// path through the byte reader, the decoders and the tap as a real one.
import { PublicKey } from '@solana/web3.js';
import { BASE58_ALPHABET } from '../../domain/mint.js';
import { encodeKey } from './base58.js';
import { logsNotificationFrame, TAP_PROGRAMS } from './frames.js';
import { TRADE_EVENT } from './programs/pump/index.js';
import { BUY_EVENT, CREATE_POOL_EVENT, SELL_EVENT } from './programs/pump_amm/index.js';
import type { ChainProgram } from './types.js';
import { WSOL } from './prices.js';

/** One made-up notification: the frame's raw bytes as a socket hands them over, and who it is from. */
export interface WarmFrame {
  program: ChainProgram;
  bytes: Buffer;
}

/** A made-up token: its mint, and its pool (pump: the bonding curve the frames name; PumpSwap: the pool). */
export interface WarmToken {
  mint: string;
  pool: string;
  program: 'pump' | 'pump_amm';
}

/** Subscription ids of the made-up frames (any number: the warm-up knows each frame's program). */
const SUBSCRIPTION = 1;
const WSOL_BYTES = new PublicKey(WSOL).toBuffer();
const CU = (id: string) => `Program ${id} consumed 41592 of 199850 compute units`;

/**
 * 32 made-up bytes: the token's index, a role byte and the text `warm-up` over a fill pattern (a real key, a
 * hash or curve point, has this shape by chance with negligible odds). Every run gets the same keys.
 */
function madeUpKey(i: number, role: number): Buffer {
  const b = Buffer.alloc(32, 0xa5);
  b.writeUInt32LE(i, 0);
  b[4] = role;
  b.write('warm-up', 8, 'latin1');
  return b;
}

/** The made-up tokens: even indexes trade on the pump.fun curve, odd ones in a PumpSwap pool. */
export function warmTokens(count: number): WarmToken[] {
  return Array.from({ length: count }, (_, i) => ({
    mint: encodeKey(madeUpKey(i, 1), 0), pool: encodeKey(madeUpKey(i, 2), 0), program: i % 2 === 0 ? 'pump' : 'pump_amm',
  }));
}

/** A signature-like base58 string (88 characters or so), unique per (token, round). */
const signature = (t: WarmToken, round: number): string => t.mint + t.pool.slice(0, 43) + BASE58_ALPHABET[round % 58];

/**
 * The frames of trade `round` (0, 1, ...) of token `i`: a PumpSwap token's first frame also creates its pool
 * (mints and decimals), as a migration does. Amounts vary with i and round, never whole SOL or whole tokens.
 */
export function warmFrame(t: WarmToken, i: number, round: number, tsMs: number, slot: number): WarmFrame {
  const buy = (i + round) % 3 !== 2;
  // Tokens 3, 7, 11... trade bigger: they pass the admission test (USD volume) on their first to third trade.
  const sol = (0.05 + ((i * 7 + round * 13) % 97) / 100 + 0.00123) * (i % 4 === 3 ? 8 : 1);
  const priceSol = 2.1e-7 * (1 + ((i % 89) + round) / 1000);
  const solRaw = BigInt(Math.round(sol * 1e9));
  const tokenRaw = BigInt(Math.round((sol / priceSol) * 1e6));
  const secs = BigInt(Math.floor(tsMs / 1000));
  const id = TAP_PROGRAMS[t.program];
  const data: string[] = [];
  if (t.program === 'pump') data.push(pumpTrade(i, buy, solRaw, tokenRaw, secs, priceSol));
  else {
    if (round === 0) data.push(createPool(i, secs));
    data.push(pumpSwap(i, buy, solRaw, tokenRaw, secs, priceSol));
  }
  const logs = ['Program ComputeBudget111111111111111111111111111111 invoke [1]', 'Program ComputeBudget111111111111111111111111111111 success', `Program ${id} invoke [1]`, `Program log: Instruction: ${buy ? 'Buy' : 'Sell'}`];
  for (const d of data) logs.push('Program 11111111111111111111111111111111 invoke [2]', 'Program 11111111111111111111111111111111 success', `Program data: ${d}`);
  logs.push(CU(id), `Program ${id} success`);
  const frame = logsNotificationFrame(SUBSCRIPTION, { signature: signature(t, round), slot, err: null, logs });
  return { program: t.program, bytes: Buffer.from(frame, 'utf8') };
}

/**
 * pump.fun TradeEvent: the 2026 generation (ix_name, fees, no shareholders, default quote mint = SOL), and
 * for one token in four the 225 B generation of 2025 (no quote fields), both still seen.
 */
function pumpTrade(i: number, buy: boolean, solRaw: bigint, tokenRaw: bigint, secs: bigint, priceSol: number): string {
  const ix = buy ? 'buy' : 'sell';
  const b = Buffer.alloc(i % 4 === 2 ? 225 : 258 + 4 + ix.length + 1 + 32 + 4 + 32 + 16);
  Buffer.from(TRADE_EVENT, 'hex').copy(b, 0);
  madeUpKey(i, 1).copy(b, 8);
  b.writeBigUInt64LE(solRaw, 40);
  b.writeBigUInt64LE(tokenRaw, 48);
  b[56] = buy ? 1 : 0;
  madeUpKey(i, 5).copy(b, 57);
  b.writeBigInt64LE(secs, 89);
  const vSol = 30_000_000_000n + BigInt(i) * 1_000_003n;
  b.writeBigUInt64LE(vSol, 97);
  b.writeBigUInt64LE(BigInt(Math.round((Number(vSol) / 1e9 / priceSol) * 1e6)), 105);
  madeUpKey(i, 6).copy(b, 177);
  if (b.length === 225) return b.toString('base64');
  let at = 258;
  b.writeUInt32LE(ix.length, at);
  b.write(ix, at + 4, 'latin1');
  at += 4 + ix.length + 1 + 32;
  b.writeUInt32LE(0, at);
  // Quote mint: Pubkey::default() (zeros) for a SOL-quoted coin, then quote amount and virtual quote reserve.
  return b.toString('base64');
}

/** PumpSwap BuyEvent / SellEvent (360 B generation): amounts, the pool's reserves before the trade, the pool. */
function pumpSwap(i: number, buy: boolean, solRaw: bigint, tokenRaw: bigint, secs: bigint, priceSol: number): string {
  const b = Buffer.alloc(360);
  Buffer.from(buy ? BUY_EVENT : SELL_EVENT, 'hex').copy(b, 0);
  b.writeBigInt64LE(secs, 8);
  const poolQuote = 85_000_000_000n + BigInt(i) * 999_983n;
  b.writeBigUInt64LE(tokenRaw, 16);
  b.writeBigUInt64LE(BigInt(Math.round((Number(poolQuote) / 1e9 / priceSol) * 1e6)), 48);
  b.writeBigUInt64LE(poolQuote, 56);
  b.writeBigUInt64LE(solRaw, 64);
  b.writeBigUInt64LE((solRaw * 1002n) / 1000n, 104);
  madeUpKey(i, 2).copy(b, 120);
  madeUpKey(i, 5).copy(b, 152);
  madeUpKey(i, 7).copy(b, 184);
  madeUpKey(i, 8).copy(b, 216);
  return b.toString('base64');
}

/** PumpSwap CreatePoolEvent: the pool's base (the token, 6 decimals) and quote (wSOL, 9) mints. */
function createPool(i: number, secs: bigint): string {
  const b = Buffer.alloc(300);
  Buffer.from(CREATE_POOL_EVENT, 'hex').copy(b, 0);
  b.writeBigInt64LE(secs, 8);
  madeUpKey(i, 6).copy(b, 18);
  madeUpKey(i, 1).copy(b, 50);
  WSOL_BYTES.copy(b, 82);
  b[114] = 6;
  b[115] = 9;
  madeUpKey(i, 2).copy(b, 173);
  return b.toString('base64');
}

