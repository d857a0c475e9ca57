import type { Candle, Trade } from '../../domain/market.js';
import { parseIntervalMs } from '../../domain/time.js';
import type { NewListingWire, NewPairWire, PriceDataWire, TxLegWire, TxsDataWire } from './ws-wire.js';
import { inertText } from '../http/text.js';
import { secondsOrIsoMs } from '../http/fields.js';
import { birdeyeTradeId } from './trade-id.js';

/** A token or pool the Birdeye WebSocket announced (new listing or new pair). */
export interface Discovery {
  kind: 'discovery';
  /** Which subscription announced it. */
  via: 'new_listing' | 'new_pair';
  mint: string;
  pool: string | null;
  /** Untrusted: control characters and escape sequences already stripped. */
  symbol: string | null;
  name: string | null;
  liquidityUsd: number | null;
  /** Event time (liquidity added / pair block time), epoch ms. */
  at: number;
  /** Clock time of receipt, epoch ms. */
  knownAt: number;
  source: 'birdeye';
}

/** A mapping that failed: names the field, so the bad frame can be counted and reported. */
export interface Rejected {
  rejected: true;
  field: string;
  reason: string;
}

const reject = (field: string, reason: string): Rejected => ({ rejected: true, field, reason });
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPos = (v: unknown): v is number => isNum(v) && v > 0;
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export { inertText };

/**
 * PRICE_DATA -> Candle. `v` is token volume, so volumeUsd = v x close (an estimate: it prices the whole
 * candle's volume at the latest close). Never final: the same start repeats until the next candle begins.
 */
export function priceDataToCandle(d: PriceDataWire, knownAt: number): Candle | Rejected {
  if (!isStr(d.address)) return reject('data.address', 'missing');
  const intervalMs = isStr(d.type) ? parseIntervalMs(d.type) : null;
  if (intervalMs == null) return reject('data.type', `unknown interval ${JSON.stringify(d.type)}`);
  if (!isPos(d.unixTime)) return reject('data.unixTime', 'not a positive number');
  for (const k of ['o', 'h', 'l', 'c'] as const) if (!isPos(d[k])) return reject(`data.${k}`, 'not a positive price');
  if (d.h! < d.l!) return reject('data.h', 'high below low');
  const v = isNum(d.v) && d.v >= 0 ? d.v : 0;
  return {
    kind: 'candle', knownAt, mint: d.address, pool: null, source: 'birdeye',
    start: d.unixTime! * 1000, intervalMs, open: d.o!, high: d.h!, low: d.l!, close: d.c!,
    volumeUsd: v * d.c!, final: false,
  };
}

function tokenLeg(d: TxsDataWire, subscribed: ReadonlySet<string>): TxLegWire | null {
  const legs = [d.from, d.to].filter((l): l is TxLegWire => l != null && isStr(l.address));
  return (
    legs.find((l) => l.address === d.tokenAddress) ??
    legs.find((l) => subscribed.has(l.address!)) ??
    null
  );
}

/** TXS_DATA -> Trade. Price: tokenPrice, else the token leg's price, else its nearestPrice. */
export function txsDataToTrade(d: TxsDataWire, knownAt: number, subscribed: ReadonlySet<string>): Trade | Rejected {
  if (!isPos(d.blockUnixTime)) return reject('data.blockUnixTime', 'not a positive number');
  const leg = tokenLeg(d, subscribed);
  if (!leg) return reject('data.from/to', 'no leg is a subscribed token');
  const price = [d.tokenPrice, leg.price, leg.nearestPrice].find(isPos);
  if (price == null) return reject('data.tokenPrice', 'no usable price');
  const amount = Math.abs(isNum(leg.uiChangeAmount) ? leg.uiChangeAmount : isNum(leg.uiAmount) ? leg.uiAmount : NaN);
  const volumeUsd = isNum(d.volumeUSD) && d.volumeUSD >= 0 ? d.volumeUSD : amount * price;
  if (!Number.isFinite(volumeUsd)) return reject('data.volumeUSD', 'missing and no amount to derive it');
  const side = d.side === 'buy' || d.side === 'sell' ? d.side : leg.typeSwap === 'to' ? 'buy' : leg.typeSwap === 'from' ? 'sell' : null;
  return {
    kind: 'trade', knownAt, mint: leg.address!, pool: isStr(d.poolId) ? d.poolId : null, source: 'birdeye',
    ts: d.blockUnixTime! * 1000, priceUsd: price, volumeUsd, side,
    id: birdeyeTradeId(isStr(d.txHash) ? d.txHash : null, d.insIndex, d.innerInsIndex),
  };
}

function liquidityOf(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return isNum(n) && n >= 0 ? n : null;
}

/** `liquidityAddedAt`: unix seconds as documented, but also seen as an ISO-8601 string (zone-less = UTC). */
export function listingTimeMs(v: unknown): number | null {
  const ms = secondsOrIsoMs(v);
  return ms !== null && ms > 0 ? ms : null;
}

export function newListingToDiscovery(d: NewListingWire, knownAt: number): Discovery | Rejected {
  if (!isStr(d.address)) return reject('data.address', 'missing');
  return {
    kind: 'discovery', via: 'new_listing', mint: d.address, pool: null, symbol: inertText(d.symbol), name: inertText(d.name),
    liquidityUsd: liquidityOf(d.liquidity), at: listingTimeMs(d.liquidityAddedAt) ?? knownAt, knownAt, source: 'birdeye',
  };
}

export function newPairToDiscovery(d: NewPairWire, knownAt: number): Discovery | Rejected {
  if (!isStr(d.base?.address)) return reject('data.base.address', 'missing');
  return {
    kind: 'discovery', via: 'new_pair', mint: d.base.address, pool: isStr(d.address) ? d.address : null,
    symbol: inertText(d.base.symbol), name: inertText(d.base.name), liquidityUsd: null,
    at: isPos(d.blockTime) ? d.blockTime * 1000 : knownAt, knownAt, source: 'birdeye',
  };
}
