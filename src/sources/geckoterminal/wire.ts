// GeckoTerminal wire shapes (api-contracts.md §6): JSON:API, numeric attributes as strings, ids
// prefixed with the network (`solana_<address>`), OHLCV rows as number arrays, newest first.

/** `[timestamp (s), open, high, low, close, volume]`. */
export type GeckoOhlcvRowWire = [number, number, number, number, number, number];

export interface GeckoOhlcvWire {
  data: { id: string; type: 'ohlcv_request_response'; attributes: { ohlcv_list: GeckoOhlcvRowWire[] } };
  meta?: { base?: { address: string; symbol?: string }; quote?: { address: string; symbol?: string } };
}

export interface GeckoRelWire {
  data: { id: string; type: string } | null;
}

export interface GeckoPoolWire {
  id: string;
  type: 'pool';
  attributes: {
    address: string;
    name?: string;
    pool_created_at?: string | null;
    base_token_price_usd?: string | null;
    quote_token_price_usd?: string | null;
    fdv_usd?: string | null;
    market_cap_usd?: string | null;
    price_change_percentage?: Record<string, string | null>;
    transactions?: Record<string, { buys: number; sells: number; buyers?: number; sellers?: number }>;
    volume_usd?: Record<string, string | null>;
    reserve_in_usd?: string | null;
  };
  relationships?: { base_token?: GeckoRelWire; quote_token?: GeckoRelWire; dex?: GeckoRelWire };
}

export interface GeckoTokenWire {
  id: string;
  type: 'token';
  attributes: { address: string; name?: string; symbol?: string; decimals?: number | null };
}

export interface GeckoPoolsWire {
  data: GeckoPoolWire[];
  included?: Array<GeckoTokenWire | { id: string; type: string }>;
}
