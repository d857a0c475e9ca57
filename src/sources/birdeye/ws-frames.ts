import type { Candle, Trade } from '../../domain/market.js';
import { newListingToDiscovery, newPairToDiscovery, priceDataToCandle, txsDataToTrade, type Discovery, type Rejected } from './ws-map.js';
import type { NewListingWire, NewPairWire, PriceDataWire, TxsDataWire, WsFrameWire } from './ws-wire.js';

export interface FrameHandlers {
  candle(c: Candle): void;
  trade(t: Trade): void;
  discovery(d: Discovery): void;
  bad(field: string, reason: string): void;
  serverError(message: string): void;
}

const isRejected = (x: object): x is Rejected => 'rejected' in x;

/**
 * Routes one text frame. Garbage (not JSON, no type, data not an object, a record failing validation) is
 * reported through `bad` and dropped; unknown message types are ignored (Birdeye adds types over time).
 */
export function handleFrame(text: string, knownAt: number, subscribed: ReadonlySet<string>, on: FrameHandlers): void {
  let frame: WsFrameWire;
  try {
    frame = JSON.parse(text) as WsFrameWire;
  } catch {
    return on.bad('body', `not JSON: ${JSON.stringify(text.slice(0, 40))}`);
  }
  if (frame == null || typeof frame !== 'object' || typeof frame.type !== 'string') return on.bad('type', 'missing message type');
  if (frame.type === 'WELCOME') return;
  if (frame.type === 'ERROR') {
    const d = frame.data as { message?: unknown } | string | null;
    return on.serverError(typeof d === 'string' ? d : typeof d?.message === 'string' ? d.message : JSON.stringify(d));
  }
  const mapper = MAPPERS[frame.type];
  if (!mapper) return;
  if (frame.data == null || typeof frame.data !== 'object' || Array.isArray(frame.data)) return on.bad('data', `${frame.type} without a data object`);
  const out = mapper(frame.data, knownAt, subscribed);
  if (isRejected(out)) return on.bad(out.field, `${frame.type}: ${out.reason}`);
  if (out.kind === 'candle') on.candle(out);
  else if (out.kind === 'trade') on.trade(out);
  else on.discovery(out);
}

type Mapper = (data: object, knownAt: number, subscribed: ReadonlySet<string>) => Candle | Trade | Discovery | Rejected;

const MAPPERS: Record<string, Mapper> = {
  PRICE_DATA: (d, at) => priceDataToCandle(d as PriceDataWire, at),
  TXS_DATA: (d, at, subs) => txsDataToTrade(d as TxsDataWire, at, subs),
  TOKEN_NEW_LISTING_DATA: (d, at) => newListingToDiscovery(d as NewListingWire, at),
  NEW_PAIR_DATA: (d, at) => newPairToDiscovery(d as NewPairWire, at),
};
