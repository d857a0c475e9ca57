// `pump-scanner decode --input <file>...`: recorded transactions or logsNotification frames in, one swap per
// line (NDJSON) out. The same decoder as the live tap; mints the events leave out are filled in from the
// transaction's token balances when the input has them.
import { decodeTx } from '../../sources/chain/decode.js';
import { isStablecoin, WSOL_MINT } from '../../sources/chain/orient.js';
import { PUMP_TOKEN_DECIMALS } from '../../sources/chain/programs/index.js';
import { readRecordedTxs, type RecordedTx, type TokenAccountBalance } from '../../sources/chain/recorded/index.js';
import { decimalsOf, settleFromBalances } from '../../sources/chain/recorded/settle.js';
import type { DecodedSwap } from '../../sources/chain/types.js';

/** One output line. Amounts raw (strings: they exceed 2^53) and decimals-adjusted; prices quote per base and USD. */
export interface SwapLine {
  signature: string;
  program: DecodedSwap['program'];
  ordinal: number;
  slot: number;
  ts: number | null;
  pool: string | null;
  mint: string | null;
  quoteMint: string | null;
  side: 'buy' | 'sell';
  baseAmountRaw: string;
  quoteAmountRaw: string;
  baseAmount: number | null;
  quoteAmount: number | null;
  priceQuote: number | null;
  priceUsd: number | null;
  volumeUsd: number | null;
  user: string | null;
  eventBytes: number;
  /** Present only while base/quote are not settled (see DecodedSwap.orientation). */
  orientation?: string;
}

export interface DecodeCounts {
  transactions: number;
  swaps: number;
  creates: number;
  failed: number;
  truncated: number;
  undecoded: number;
  duplicates: number;
  unpriced: number;
}

const scaled = (raw: bigint, decimals: number | null) => (decimals === null ? null : Number(raw) / 10 ** decimals);

/** USD per unit of the quote mint: 1 for stablecoins, `solUsd` for wSOL, else unknown. */
function quoteUsd(quoteMint: string | null, solUsd: number | null): number | null {
  if (isStablecoin(quoteMint)) return 1;
  return quoteMint === WSOL_MINT ? solUsd : null;
}

/** The output line of one decoded swap (already settled from the transaction's balances where possible). */
export function swapLine(s: DecodedSwap, accounts: readonly TokenAccountBalance[] | null, solUsd: number | null): SwapLine {
  const baseAmount = scaled(s.baseAmountRaw, decimalsOf(s.mint, accounts, s.program === 'pump' ? PUMP_TOKEN_DECIMALS : null));
  const quoteAmount = scaled(s.quoteAmountRaw, decimalsOf(s.quoteMint, accounts));
  const priceQuote = baseAmount !== null && quoteAmount !== null && baseAmount > 0 ? quoteAmount / baseAmount : null;
  const usd = quoteUsd(s.quoteMint, solUsd);
  const line: SwapLine = {
    signature: s.signature, program: s.program, ordinal: s.ordinal, slot: s.slot, ts: s.ts, pool: s.pool, mint: s.mint, quoteMint: s.quoteMint,
    side: s.side, baseAmountRaw: s.baseAmountRaw.toString(), quoteAmountRaw: s.quoteAmountRaw.toString(), baseAmount, quoteAmount, priceQuote,
    priceUsd: priceQuote !== null && usd !== null ? priceQuote * usd : null,
    volumeUsd: quoteAmount !== null && usd !== null ? quoteAmount * usd : null,
    user: s.user, eventBytes: s.eventBytes,
  };
  if (s.orientation && s.orientation !== 'settled') line.orientation = s.orientation;
  return line;
}

/** Decodes recorded transactions in order; the same (signature, program, ordinal) is printed once. */
export function decodeRecorded(txs: readonly RecordedTx[], solUsd: number | null): { lines: SwapLine[]; counts: DecodeCounts } {
  const counts: DecodeCounts = { transactions: 0, swaps: 0, creates: 0, failed: 0, truncated: 0, undecoded: 0, duplicates: 0, unpriced: 0 };
  const seen = new Set<string>();
  const lines: SwapLine[] = [];
  for (const { tx, tokenAccounts } of txs) {
    counts.transactions++;
    const decoded = decodeTx(tx);
    if (decoded.failed) counts.failed++;
    if (decoded.truncated) counts.truncated++;
    counts.undecoded += decoded.undecoded;
    for (const ev of decoded.events) {
      const id = `${ev.signature}:${ev.program}:${ev.ordinal}`;
      if (seen.has(id)) {
        counts.duplicates++;
        continue;
      }
      seen.add(id);
      if (ev.kind === 'create') {
        counts.creates++;
        continue;
      }
      const line = swapLine(settleFromBalances(ev, tokenAccounts), tokenAccounts, solUsd);
      counts.swaps++;
      if (line.priceUsd === null) counts.unpriced++;
      lines.push(line);
    }
  }
  return { lines, counts };
}

export interface DecodeCommandOptions {
  inputs: readonly string[];
  solUsd: number | null;
  out: (line: string) => void;
  /** Summary line (stderr, so stdout stays NDJSON). */
  note: (line: string) => void;
}

export function runDecodeCommand(o: DecodeCommandOptions): number {
  const txs = o.inputs.flatMap((f) => readRecordedTxs(f));
  const { lines, counts } = decodeRecorded(txs, o.solUsd);
  for (const l of lines) o.out(JSON.stringify(l));
  o.note(`decoded ${counts.transactions} transactions: ${counts.swaps} swaps, ${counts.creates} creates, ${counts.failed} failed, ${counts.truncated} truncated, ${counts.undecoded} undecoded events, ${counts.duplicates} duplicates, ${counts.unpriced} swaps without a USD price`);
  return 0;
}
