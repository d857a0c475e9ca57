// Frames for the Solana pubsub fake, built from REAL recorded transactions: their logs are wrapped as a
// logsNotification carries them, and for a scripted market the real pump.fun TradeEvent of a template
// transaction is copied with its mint, amounts, side, timestamp and reserves rewritten (the layout, the
// invoke lines and every other byte stay as recorded). Tests say which they use.
import { PublicKey } from '@solana/web3.js';
import type { TxLogs } from '../../src/sources/chain/types.js';

const TRADE_DISC = Buffer.from('bddb7fd34ee661ee', 'hex');
const DATA = 'Program data: ';

export interface PumpTrade {
  mint: string;
  side: 'buy' | 'sell';
  /** Raw lamports and raw token units (6 decimals). */
  solRaw: bigint;
  tokenRaw: bigint;
  /** Event time, epoch ms (written as unix seconds). */
  ts: number;
  /** Virtual reserves after the trade, raw. */
  virtualSolRaw: bigint;
  virtualTokenRaw: bigint;
}

/** A 64-byte signature-like base58 string, unique per n. */
export function signatureFor(n: number, salt = 0): string {
  const a = Buffer.alloc(32);
  a.writeUInt32LE(n, 0);
  a.writeUInt32LE(salt, 4);
  a[31] = 7;
  const b = Buffer.alloc(32, 9);
  b.writeUInt32LE(n, 8);
  return new PublicKey(a).toBase58() + new PublicKey(b).toBase58();
}

/** Index of the line holding the template's pump TradeEvent. */
function tradeLineIndex(logs: readonly string[]): number {
  const i = logs.findIndex((l) => l.startsWith(DATA) && Buffer.from(l.slice(DATA.length), 'base64').subarray(0, 8).equals(TRADE_DISC));
  if (i === -1) throw new Error('template has no pump TradeEvent');
  return i;
}

/** A transaction's logs with its pump TradeEvent rewritten to `t` (everything else as recorded). */
export function pumpTradeTx(template: TxLogs, t: PumpTrade, signature: string, slot: number): TxLogs {
  const i = tradeLineIndex(template.logs);
  const buf = Buffer.from(template.logs[i].slice(DATA.length), 'base64');
  new PublicKey(t.mint).toBuffer().copy(buf, 8);
  buf.writeBigUInt64LE(t.solRaw, 40);
  buf.writeBigUInt64LE(t.tokenRaw, 48);
  buf[56] = t.side === 'buy' ? 1 : 0;
  buf.writeBigInt64LE(BigInt(Math.floor(t.ts / 1000)), 89);
  buf.writeBigUInt64LE(t.virtualSolRaw, 97);
  buf.writeBigUInt64LE(t.virtualTokenRaw, 105);
  const logs = [...template.logs];
  logs[i] = DATA + buf.toString('base64');
  return { signature, slot, err: null, logs, blockTimeMs: null };
}

/** Raydium CLMM PoolState bytes with the two mints where the program keeps them (the rest zero). */
export function clmmPoolAccount(token0: string, token1: string): Buffer {
  const data = Buffer.alloc(1544);
  new PublicKey(token0).toBuffer().copy(data, 73);
  new PublicKey(token1).toBuffer().copy(data, 105);
  return data;
}
