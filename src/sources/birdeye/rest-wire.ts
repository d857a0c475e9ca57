// Birdeye REST wire shapes (api-contracts.md §1). camelCase on v1, snake_case on v3.

export interface BirdeyeEnvelopeWire<T> {
  success: boolean;
  data: T;
  message?: string;
}

/** v1 candle: `v` in token units; `unixTime` seconds. */
export interface BirdeyeCandleV1Wire {
  o: number; h: number; l: number; c: number; v: number;
  unixTime: number;
  address?: string;
  type?: string;
}

/** v3 candle: snake_case time and a USD volume. */
export interface BirdeyeCandleV3Wire {
  o: number; h: number; l: number; c: number; v: number;
  v_usd: number;
  unix_time: number;
}

export interface BirdeyePriceWire {
  value: number;
  updateUnixTime?: number;
  priceChange24h?: number;
  liquidity?: number;
}

/** A trade leg: v1 camelCase with numeric raw amount, v3 snake_case with string raw amount. */
export interface BirdeyeLegWire {
  address: string;
  symbol?: string;
  decimals?: number;
  price?: number | null;
  nearestPrice?: number;
  uiAmount?: number;
  ui_amount?: number;
  amount?: number | string;
}

export interface BirdeyeTradeV1Wire {
  txHash: string;
  blockUnixTime: number;
  side?: string;
  poolId?: string;
  source?: string;
  from: BirdeyeLegWire;
  to: BirdeyeLegWire;
  base?: BirdeyeLegWire;
  quote?: BirdeyeLegWire;
}

export interface BirdeyeTradeV3Wire {
  tx_hash: string;
  ins_index?: number;
  block_unix_time: number;
  volume_usd?: number;
  pool_id?: string;
  from: BirdeyeLegWire;
  to: BirdeyeLegWire;
}

export interface BirdeyeListingWire {
  address: string;
  symbol?: string;
  name?: string;
  decimals?: number;
  source?: string;
  /** ISO-like string without zone (current docs) or unix seconds (older docs). */
  liquidityAddedAt?: string | number;
  liquidity?: number;
}
