import { VersionedTransaction } from '@solana/web3.js';
import { base58Encode } from '../../domain/mint.js';
import type { TokenBalanceWire, TransactionWire } from './tx-wire.js';

/** Mints that are the money side of a swap, not the token traded. */
export const QUOTE_MINTS = new Set([
  'So11111111111111111111111111111111111111112', // Wrapped SOL
  'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', // USDC
  'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB', // USDT
]);
const WSOL = 'So11111111111111111111111111111111111111112';

/** What a swap transaction says about the trader (the fee payer, who signs first). */
export interface SwapSummary {
  signature: string | null;
  signer: string;
  /** The non-quote mint with the largest balance change in the transaction; null when none changed. */
  mint: string | null;
  /** Signer-owned balance change of `mint`, decimals-adjusted (positive = received). */
  tokenChange: number;
  /** Same change in raw base units, as a decimal string. */
  tokenChangeRaw: string;
  /** Native SOL change of the signer plus its wrapped-SOL token accounts, fee included, in SOL. */
  solChange: number;
  feeSol: number;
  side: 'buy' | 'sell' | null;
  /** Block time, epoch ms; null when the payload carries none (blockSubscribe entries). */
  blockTimeMs: number | null;
  success: boolean;
}

export class TransactionParseError extends Error {
  readonly code = 'SOLANA_TX_UNPARSABLE';
}

/** Decimal string of raw / 10^decimals as a number (exact until the final conversion). */
export function uiAmount(raw: bigint, decimals: number): number {
  const neg = raw < 0n;
  const digits = (neg ? -raw : raw).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return Number(neg ? `-${text}` : text);
}

function signerAndSignature(tx: TransactionWire['transaction']): { signer: string; signature: string | null } {
  if (Array.isArray(tx)) {
    const [data, encoding] = tx;
    if (encoding !== 'base64') throw new TransactionParseError(`unsupported transaction encoding ${encoding}`);
    const vt = VersionedTransaction.deserialize(Buffer.from(data, 'base64'));
    return { signer: vt.message.staticAccountKeys[0].toBase58(), signature: vt.signatures[0] ? base58Encode(vt.signatures[0]) : null };
  }
  const first = tx?.message?.accountKeys?.[0];
  const signer = typeof first === 'string' ? first : first?.pubkey;
  if (!signer) throw new TransactionParseError('transaction has no account keys');
  return { signer, signature: tx.signatures?.[0] ?? null };
}

/** Raw balance change per (account index) from pre/post token balances; an account absent on one side holds 0. */
function changes(pre: TokenBalanceWire[], post: TokenBalanceWire[]): Array<{ b: TokenBalanceWire; delta: bigint }> {
  const byIndex = new Map<number, { b: TokenBalanceWire; pre: bigint; post: bigint }>();
  for (const b of pre) byIndex.set(b.accountIndex, { b, pre: BigInt(b.uiTokenAmount.amount), post: 0n });
  for (const b of post) {
    const e = byIndex.get(b.accountIndex);
    if (e) e.post = BigInt(b.uiTokenAmount.amount);
    else byIndex.set(b.accountIndex, { b, pre: 0n, post: BigInt(b.uiTokenAmount.amount) });
  }
  return [...byIndex.values()].map(({ b, pre: p, post: q }) => ({ b, delta: q - p }));
}

/** Summarises a swap from a getTransaction result (json or jsonParsed) or a blockSubscribe entry. */
export function parseSwapTransaction(wire: TransactionWire): SwapSummary {
  const meta = wire.meta;
  if (!meta || !Array.isArray(meta.preBalances) || !Array.isArray(meta.postBalances)) throw new TransactionParseError('transaction has no meta');
  const { signer, signature } = signerAndSignature(wire.transaction);
  const all = changes(meta.preTokenBalances ?? [], meta.postTokenBalances ?? []).filter((c) => c.delta !== 0n);
  let mint: string | null = null;
  let best = 0;
  for (const c of all) {
    if (QUOTE_MINTS.has(c.b.mint)) continue;
    const size = Math.abs(uiAmount(c.delta, c.b.uiTokenAmount.decimals));
    if (size > best) [best, mint] = [size, c.b.mint];
  }
  const mine = all.filter((c) => c.b.owner === signer);
  const tokenRaw = mine.filter((c) => c.b.mint === mint).reduce((s, c) => s + c.delta, 0n);
  const decimals = all.find((c) => c.b.mint === mint)?.b.uiTokenAmount.decimals ?? 0;
  const wsolRaw = mine.filter((c) => c.b.mint === WSOL).reduce((s, c) => s + c.delta, 0n);
  const lamports = BigInt(meta.postBalances[0] ?? 0) - BigInt(meta.preBalances[0] ?? 0) + wsolRaw;
  return {
    signature, signer, mint,
    tokenChange: uiAmount(tokenRaw, decimals),
    tokenChangeRaw: tokenRaw.toString(),
    solChange: uiAmount(lamports, 9),
    feeSol: uiAmount(BigInt(meta.fee ?? 0), 9),
    side: tokenRaw > 0n ? 'buy' : tokenRaw < 0n ? 'sell' : null,
    blockTimeMs: typeof wire.blockTime === 'number' ? wire.blockTime * 1000 : null,
    success: meta.err === null || meta.err === undefined,
  };
}
