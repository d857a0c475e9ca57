// Recorded chain inputs -> TxLogs (+ the token balances a price needs). Reads getTransaction responses
// (encoding json, jsonParsed or base64; one result, a JSON-RPC envelope {result}, or a list of either),
// blockSubscribe entries, vixen's txupdate JSON, and NDJSON whose lines are any of these or
// `logsNotification` frames. Names the file (and line) of anything it cannot read.
import { readFileSync } from 'node:fs';
import { ReplayInputError, quoted } from '../../recorded/errors.js';
import { base58Encode } from '../../../domain/mint.js';
import { base58Key } from '../base58.js';
import type { TxLogs } from '../types.js';
import { readWireTransaction } from './message.js';
import type { GetTransactionWire, LogsNotificationWire, TokenBalanceWire, TxMetaWire, VixenTxUpdateWire } from './wire.js';

/** A token account the transaction touched, with its balance before and after (raw units). */
export interface TokenAccountBalance {
  account: string;
  mint: string;
  decimals: number;
  owner: string | null;
  preRaw: bigint;
  postRaw: bigint;
}

export interface RecordedTx {
  tx: TxLogs;
  /** Token accounts from meta.pre/postTokenBalances; null when the input carries none (logsNotification). */
  tokenAccounts: TokenAccountBalance[] | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyBytes = (k: number[]) => base58Key(Uint8Array.from(k), 0);

function tokenAccounts(meta: TxMetaWire, keys: string[]): TokenAccountBalance[] {
  const byIndex = new Map<number, TokenAccountBalance>();
  const add = (b: TokenBalanceWire, which: 'preRaw' | 'postRaw') => {
    const account = keys[b.accountIndex];
    if (account === undefined) return;
    const entry = byIndex.get(b.accountIndex) ?? { account, mint: b.mint, decimals: b.uiTokenAmount.decimals, owner: b.owner ?? null, preRaw: 0n, postRaw: 0n };
    entry[which] = BigInt(b.uiTokenAmount.amount);
    byIndex.set(b.accountIndex, entry);
  };
  for (const b of meta.preTokenBalances ?? []) add(b, 'preRaw');
  for (const b of meta.postTokenBalances ?? []) add(b, 'postRaw');
  return [...byIndex.values()];
}

function logsOf(meta: TxMetaWire | null, where: string): string[] {
  if (!meta || !Array.isArray(meta.logMessages)) throw new Error(`${where} has no meta.logMessages`);
  return meta.logMessages;
}

function fromGetTransaction(w: GetTransactionWire): RecordedTx {
  const logs = logsOf(w.meta, 'transaction');
  const meta = w.meta!;
  let signature: string | null;
  let keys: string[];
  if (Array.isArray(w.transaction)) {
    if (w.transaction[1] !== 'base64') throw new Error(`unsupported transaction encoding ${quoted(w.transaction[1])}`);
    ({ signature, accountKeys: keys } = readWireTransaction(w.transaction[0]));
  } else {
    signature = w.transaction?.signatures?.[0] ?? null;
    const raw = w.transaction?.message?.accountKeys ?? [];
    keys = raw.map((k) => (typeof k === 'string' ? k : k.pubkey));
  }
  // jsonParsed lists looked-up accounts among accountKeys already; json and base64 list only static keys.
  const parsed = !Array.isArray(w.transaction) && typeof w.transaction?.message?.accountKeys?.[0] === 'object';
  if (!parsed) keys = [...keys, ...(meta.loadedAddresses?.writable ?? []), ...(meta.loadedAddresses?.readonly ?? [])];
  if (!signature) throw new Error('transaction has no signature');
  const tx: TxLogs = { signature, slot: w.slot ?? 0, err: meta.err ?? null, logs, blockTimeMs: typeof w.blockTime === 'number' ? w.blockTime * 1000 : null };
  return { tx, tokenAccounts: tokenAccounts(meta, keys) };
}

function fromVixen(w: VixenTxUpdateWire): RecordedTx {
  const meta = w.transaction.meta;
  const logs = logsOf(meta, 'txupdate');
  const sig = w.transaction.signature;
  const signature = typeof sig === 'string' ? sig : base58Encode(Uint8Array.from(sig));
  const keys = [...w.transaction.transaction.message.accountKeys, ...(meta.loadedWritableAddresses ?? []), ...(meta.loadedReadonlyAddresses ?? [])].map(keyBytes);
  return { tx: { signature, slot: w.slot, err: meta.err ?? null, logs, blockTimeMs: null }, tokenAccounts: tokenAccounts(meta, keys) };
}

function fromFrame(w: LogsNotificationWire): RecordedTx {
  const { context, value } = w.params.result;
  if (!value || typeof value.signature !== 'string' || !Array.isArray(value.logs)) throw new Error('logsNotification without signature and logs');
  return { tx: { signature: value.signature, slot: context.slot, err: value.err ?? null, logs: value.logs, blockTimeMs: null }, tokenAccounts: null };
}

/** The transactions in one parsed JSON value; [] for JSON-RPC acknowledgements (a subscription id). */
export function recordedTxsOf(v: unknown): RecordedTx[] {
  if (Array.isArray(v)) return v.flatMap(recordedTxsOf);
  if (!isObject(v)) throw new Error(`expected a transaction object, got ${quoted(v)}`);
  if (v.method === 'logsNotification') return [fromFrame(v as unknown as LogsNotificationWire)];
  if ('result' in v) {
    if (v.result === null) throw new Error('JSON-RPC result is null (transaction not found)');
    return isObject(v.result) || Array.isArray(v.result) ? recordedTxsOf(v.result) : [];
  }
  if ('error' in v && isObject(v.error)) throw new Error(`JSON-RPC error ${quoted(v.error)}`);
  const t = v.transaction;
  if (isObject(t) && isObject(t.meta) && 'signature' in t) return [fromVixen(v as unknown as VixenTxUpdateWire)];
  if ('meta' in v && 'transaction' in v) return [fromGetTransaction(v as unknown as GetTransactionWire)];
  throw new Error(`not a getTransaction result, txupdate or logsNotification (keys ${quoted(Object.keys(v).slice(0, 6))})`);
}

/** Every transaction recorded in `file` (one JSON document, or NDJSON one per line). */
export function readRecordedTxs(file: string): RecordedTx[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReplayInputError(file, null, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (text.trim() === '') throw new ReplayInputError(file, null, 'empty file');
  let whole: unknown;
  let isWhole = true;
  try {
    whole = JSON.parse(text);
  } catch {
    isWhole = false;
  }
  if (isWhole) {
    try {
      return recordedTxsOf(whole);
    } catch (e) {
      throw new ReplayInputError(file, null, (e as Error).message);
    }
  }
  const out: RecordedTx[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    try {
      out.push(...recordedTxsOf(JSON.parse(line)));
    } catch (e) {
      throw new ReplayInputError(file, i + 1, e instanceof SyntaxError ? `not JSON (${e.message})` : (e as Error).message);
    }
  }
  return out;
}
