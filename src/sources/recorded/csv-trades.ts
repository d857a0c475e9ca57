import type { Trade } from '../../domain/market.js';
import { ReplayInputError, quoted } from './errors.js';
import { poolFromFileName } from './csv-fields.js';
import { poolOf, type CsvContext } from './csv-candles.js';
import { TimeColumn, checkFieldCount, requiredNumber, type FileVerdict, type LineParser } from './row-parser.js';
import { blockTimeVerdict } from './trade-times.js';

/** Quote-side mints: in a swap, the token is the other side. */
const QUOTE_MINTS = new Set([
  'So11111111111111111111111111111111111111112', // wrapped SOL
  'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', // USDC
  'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB', // USDT
]);

/** GeckoTerminal trade ids: `solana_<block>_<signature>_<instruction>_<unix seconds>`. */
const GT_TRADE_ID = /^[a-z]+_\d+_([1-9A-HJ-NP-Za-km-z]+)_(\d+)_(\d{9,11})$/;

/** A price_usd this far from volume / token amount is another token's price, not this one's. */
const PRICE_MISMATCH_FACTOR = 2;

export interface TradeParser {
  parse: LineParser;
  /** After the first pass: checks block times against the unix time embedded in trade ids. */
  finish(): FileVerdict;
}

/**
 * Row parser for trade CSVs (GeckoTerminal trades as exported by the collector and as returned by
 * its API). Prices are USD per token; the token side is the non-quote side of the swap.
 */
export function csvTradeParser(ctx: CsvContext): TradeParser {
  const { file, header, cols, poolMints } = ctx;
  const time = new TimeColumn(file, header[cols.time]);
  const filePool = poolFromFileName(file);
  const width = header.length;
  const idTimeDiffsMs: number[] = [];
  let repriced = 0;
  const hasSwapSides = cols.priceFrom !== -1 && cols.priceTo !== -1 && cols.tokenFrom !== -1 && cols.tokenTo !== -1;
  const hasAmounts = cols.amountFrom !== -1 && cols.amountTo !== -1 && cols.side !== -1;

  const parse: LineParser = (f, line) => {
    checkFieldCount(f, width, file, line);
    const ts = time.parse(f[cols.time], line);
    const volumeUsd = requiredNumber(f[cols.volume], header[cols.volume], file, line);
    const side = sideOf(cols.side === -1 ? '' : f[cols.side], file, line);
    const pool = poolOf(f, cols, filePool);
    let mint: string | null = cols.mint === -1 || f[cols.mint].trim() === '' ? null : f[cols.mint].trim();
    let priceUsd: number;
    if (hasSwapSides) {
      const toIsToken = tokenIsToSide(f[cols.tokenFrom].trim(), f[cols.tokenTo].trim(), side);
      mint = toIsToken ? f[cols.tokenTo].trim() : f[cols.tokenFrom].trim();
      const col = toIsToken ? cols.priceTo : cols.priceFrom;
      priceUsd = requiredNumber(f[col], header[col], file, line);
    } else {
      priceUsd = requiredNumber(f[cols.price], header[cols.price], file, line);
      if (hasAmounts && side !== null) {
        // The collector's price_usd is the price of the token sold, which is SOL on a buy:
        // volume / token amount gives the token's own price, so use it when the two disagree.
        const amountCol = side === 'buy' ? cols.amountTo : cols.amountFrom;
        const tokenAmount = requiredNumber(f[amountCol], header[amountCol], file, line);
        const implied = tokenAmount > 0 ? volumeUsd / tokenAmount : NaN;
        if (implied > 0 && (priceUsd > implied * PRICE_MISMATCH_FACTOR || priceUsd < implied / PRICE_MISMATCH_FACTOR)) {
          priceUsd = implied;
          repriced++;
        }
      }
    }
    if (mint === null && pool !== null) mint = poolMints[pool] ?? null;
    const { id, idTimeSec } = tradeIdOf(f, cols.tx, cols.id);
    if (idTimeSec !== null && idTimeDiffsMs.length < 10_000) idTimeDiffsMs.push(idTimeSec * 1000 - ts);
    const trade: Trade = { kind: 'trade', knownAt: ts, mint, pool, source: 'file', ts, priceUsd, volumeUsd, side, id };
    return trade;
  };

  return {
    parse,
    finish() {
      const verdict = blockTimeVerdict(file, header[cols.time], idTimeDiffsMs);
      if (repriced > 0) {
        verdict.notes.push(`${repriced} trades had a price_usd of the other side of the swap (SOL); priced as volume_usd / token amount instead`);
      }
      return verdict;
    },
  };
}

function sideOf(raw: string, file: string, line: number): 'buy' | 'sell' | null {
  const s = raw.trim().toLowerCase();
  if (s === 'buy' || s === 'sell') return s;
  if (s === '') return null;
  throw new ReplayInputError(file, line, `side ${quoted(raw)} is neither buy nor sell`);
}

/** The token bought on a buy is the "to" side; otherwise the non-quote side decides. */
function tokenIsToSide(from: string, to: string, side: 'buy' | 'sell' | null): boolean {
  const fromQuote = QUOTE_MINTS.has(from);
  const toQuote = QUOTE_MINTS.has(to);
  if (fromQuote !== toQuote) return fromQuote;
  return side !== 'sell';
}

/** `<signature>:<instruction index>` when the GeckoTerminal id carries the index, else the signature. */
function tradeIdOf(f: string[], txCol: number, idCol: number): { id: string | null; idTimeSec: number | null } {
  const raw = idCol === -1 ? '' : f[idCol].trim();
  const m = GT_TRADE_ID.exec(raw);
  const tx = txCol === -1 ? (m ? m[1] : '') : f[txCol].trim();
  const id = tx === '' ? (raw === '' ? null : raw) : m && m[1] === tx ? `${tx}:${m[2]}` : tx;
  return { id, idTimeSec: m ? Number(m[3]) : null };
}
