// Birdeye WebSocket frames as sent on the wire (api-contracts.md §2). Every field is treated as optional:
// the docs contradict themselves on which query type carries which field.

export interface WsFrameWire {
  type?: unknown;
  data?: unknown;
}

/** PRICE_DATA: one update of a forming candle; the same unixTime repeats with growing h/l/c/v. */
export interface PriceDataWire {
  o?: number; h?: number; l?: number; c?: number;
  /** Token volume of the candle so far (not USD). */
  v?: number;
  eventType?: string;
  /** Interval label: 1m, 5m, 1H ... */
  type?: string;
  /** Candle open, unix seconds. */
  unixTime?: number;
  symbol?: string;
  address?: string;
}

export interface TxLegWire {
  address?: string;
  symbol?: string;
  decimals?: number;
  amount?: number;
  uiAmount?: number;
  changeAmount?: number;
  uiChangeAmount?: number;
  price?: number | null;
  nearestPrice?: number | null;
  typeSwap?: 'from' | 'to' | string;
}

export interface TxsDataWire {
  blockUnixTime?: number;
  owner?: string;
  source?: string;
  txHash?: string;
  /** `buy`/`sell` for simple queries, `swap` for complex ones. */
  side?: string;
  tokenAddress?: string;
  pricePair?: number;
  volumeUSD?: number;
  from?: TxLegWire;
  to?: TxLegWire;
  tokenPrice?: number;
  poolId?: string;
  network?: string;
  /** Index of the instruction that made the swap; swaps of one transaction share txHash and differ here. */
  insIndex?: number;
  /** Index among the inner instructions of `insIndex` (a router's hops). */
  innerInsIndex?: number;
  blockNumber?: number;
  interactedProgramId?: string;
}

export interface NewListingWire {
  address?: string;
  decimals?: number;
  name?: string;
  symbol?: string;
  /** USD, as a STRING. */
  liquidity?: string | number;
  /** Unix seconds as documented; also seen as an ISO-8601 string. */
  liquidityAddedAt?: number | string;
}

export interface NewPairWire {
  address?: string;
  name?: string;
  source?: string;
  base?: { address?: string; name?: string; symbol?: string; decimals?: number };
  quote?: { address?: string; name?: string; symbol?: string; decimals?: number };
  txHash?: string;
  /** Unix seconds. */
  blockTime?: number;
}
