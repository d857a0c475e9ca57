// DexScreener wire shapes (api-contracts.md §3). Only what the parsers read; everything is optional on the
// wire and checked at runtime.

export interface DexTokenRefWire {
  address: string;
  name?: string;
  symbol?: string;
}

export interface DexPairWire {
  chainId: string;
  dexId?: string;
  url?: string;
  pairAddress: string;
  labels?: string[];
  baseToken: DexTokenRefWire;
  quoteToken: DexTokenRefWire;
  /** String: price of 1 base token in quote units. */
  priceNative?: string;
  /** String, optional: USD per base token. */
  priceUsd?: string;
  txns?: Partial<Record<'m5' | 'h1' | 'h6' | 'h24', { buys: number; sells: number }>>;
  volume?: Partial<Record<'m5' | 'h1' | 'h6' | 'h24', number>>;
  priceChange?: Partial<Record<'m5' | 'h1' | 'h6' | 'h24', number>>;
  liquidity?: { usd?: number; base?: number; quote?: number };
  fdv?: number;
  marketCap?: number;
  /** Unix milliseconds. */
  pairCreatedAt?: number;
  info?: unknown;
  boosts?: { active: number };
}

/** `/latest/dex/*` envelope; `pairs` is nullable. */
export interface DexPairsEnvelopeWire {
  schemaVersion?: string;
  pairs: DexPairWire[] | null;
}

/** `/token-profiles/latest/v1` and `/token-boosts/*` items. */
export interface DexTokenListingWire {
  chainId: string;
  tokenAddress: string;
  url?: string;
  amount?: number;
  totalAmount?: number;
}
