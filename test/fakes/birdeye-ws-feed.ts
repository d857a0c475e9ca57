import { CBRL_MINT, CBRL_POOL, SOL_MINT, cbrlCandles, cbrlTrades, type CsvCandle, type CsvTrade } from './birdeye-ws-data.js';
import { SHARED_DATA } from '../support/shared-data.js';

// The span of CBRL's recorded swaps (specs/QA/trades.csv, unix seconds): without ../shared/data the feed
// carries the bundled candles of the same span and no swaps.
const SWAPS_FROM_SEC = Date.UTC(2025, 8, 4, 15, 23, 33) / 1000;
const SWAPS_TO_SEC = Date.UTC(2025, 8, 5, 14, 0, 32) / 1000;

/** One streamed market message, routed by address, rendered per subscriber (simple or complex query). */
export type FeedItem =
  | { kind: 'price'; address: string; candle: CsvCandle; partial: boolean }
  | { kind: 'txs'; address: string; pool: string; trade: CsvTrade };

/**
 * The real CBRL market as a message sequence in event-time order: each 1m candle is sent twice with the
 * same unixTime (a forming update with part of the move and volume, then the full candle) the way
 * PRICE_DATA repeats an open candle; each swap becomes a TXS_DATA. Candles cover the span of the swaps
 * (the swaps need ../shared/data; without it the feed holds the candles alone).
 */
export function cbrlFeed(): FeedItem[] {
  const trades = SHARED_DATA === null ? [] : cbrlTrades();
  const from = Math.floor((trades[0]?.ts ?? SWAPS_FROM_SEC) / 60) * 60;
  const to = trades.at(-1)?.ts ?? SWAPS_TO_SEC;
  const timed: Array<[number, FeedItem]> = [];
  for (const c of cbrlCandles(from, to)) {
    timed.push([c.ts + 20, { kind: 'price', address: CBRL_MINT, candle: c, partial: true }]);
    timed.push([c.ts + 59, { kind: 'price', address: CBRL_MINT, candle: c, partial: false }]);
  }
  for (const t of trades) timed.push([t.ts, { kind: 'txs', address: CBRL_MINT, pool: CBRL_POOL, trade: t }]);
  return timed.sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

/** PRICE_DATA for a candle; `v` is TOKEN volume (USD volume / close), as Birdeye sends it. */
export function priceData(item: Extract<FeedItem, { kind: 'price' }>): object {
  const c = item.candle;
  const mid = (c.open + c.close) / 2;
  const values = item.partial
    ? { o: c.open, h: Math.max(c.open, mid), l: Math.min(c.open, mid), c: mid, v: c.volumeUsd / 2 / mid }
    : { o: c.open, h: c.high, l: c.low, c: c.close, v: c.volumeUsd / c.close };
  return { type: 'PRICE_DATA', data: { ...values, eventType: 'ohlcv', type: '1m', unixTime: c.ts, symbol: 'CBRL', address: item.address } };
}

/** TXS_DATA for a swap. Complex subscriptions get side "swap" and no tokenAddress/pricePair (§2.2). */
export function txsData(item: Extract<FeedItem, { kind: 'txs' }>, complex: boolean, dropOptional: boolean): object {
  const t = item.trade;
  const tokenPrice = t.volumeUsd / t.tokenAmount;
  const solPrice = t.volumeUsd / t.solAmount;
  type Leg = { address: string; symbol: string; decimals: number; uiAmount: number; amount: number; price: number | null; nearestPrice: number; type: string };
  const sol: Leg = { address: SOL_MINT, symbol: 'SOL', decimals: 9, uiAmount: t.solAmount, amount: Math.round(t.solAmount * 1e9), price: solPrice, nearestPrice: solPrice, type: 'transfer' };
  const token: Leg = { address: item.address, symbol: 'CBRL', decimals: 6, uiAmount: t.tokenAmount, amount: Math.round(t.tokenAmount * 1e6), price: dropOptional ? null : tokenPrice, nearestPrice: tokenPrice, type: 'transfer' };
  const buy = t.side === 'buy';
  const leg = (l: Leg, dir: 'from' | 'to') => ({ ...l, typeSwap: dir, uiChangeAmount: dir === 'from' ? -l.uiAmount : l.uiAmount, changeAmount: dir === 'from' ? -l.amount : l.amount });
  const data: Record<string, unknown> = {
    blockUnixTime: t.ts, owner: t.owner, source: 'pump_amm', txHash: t.txHash, side: complex ? 'swap' : t.side,
    volumeUSD: t.volumeUsd, from: leg(buy ? sol : token, 'from'), to: leg(buy ? token : sol, 'to'), network: 'solana', poolId: item.pool,
  };
  if (!complex) Object.assign(data, { tokenAddress: item.address, pricePair: buy ? t.tokenAmount / t.solAmount : t.solAmount / t.tokenAmount });
  // Real frames (recorded TXS_DATA) name the swap's instruction: swaps of one transaction differ only there.
  if (!dropOptional) Object.assign(data, { priceMark: true, tokenPrice, insIndex: 2, innerInsIndex: 0, blockNumber: 367122833, interactedProgramId: 'pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA' });
  return { type: 'TXS_DATA', data };
}
