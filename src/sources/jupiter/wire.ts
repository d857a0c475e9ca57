// Jupiter wire shapes (api-contracts.md §4): Tokens v2 arrays, Price v3 mint-keyed map.

export interface JupAuditWire {
  /** Sent (true) when renounced; ABSENT, not false, when the authority is live (see JupTokenWire.mintAuthority). */
  mintAuthorityDisabled?: boolean;
  freezeAuthorityDisabled?: boolean;
  /** Percent 0..100. */
  topHoldersPercentage?: number;
  devBalancePercentage?: number;
  devMints?: number;
  devMigrations?: number;
  /** Present only when flagged: absence is not "safe". */
  isSus?: boolean;
}

export interface JupStatsWire {
  priceChange?: number;
  buyVolume?: number;
  sellVolume?: number;
  numBuys?: number;
  numSells?: number;
}

export interface JupTokenWire {
  id: string;
  name?: string;
  symbol?: string;
  decimals?: number;
  tokenProgram?: string;
  holderCount?: number | null;
  /** Present only while the authority is live; then `audit.mintAuthorityDisabled` is absent (not false). */
  mintAuthority?: string | null;
  /** Present only while the authority is live; then `audit.freezeAuthorityDisabled` is absent (not false). */
  freezeAuthority?: string | null;
  audit?: JupAuditWire | null;
  usdPrice?: number | null;
  liquidity?: number | null;
  fdv?: number | null;
  mcap?: number | null;
  firstPool?: { id: string; createdAt: string };
  stats5m?: JupStatsWire | null;
  stats24h?: JupStatsWire | null;
}

/** Price v3: `{<mint>: {usdPrice, blockId, decimals, ...} | null}`; legacy `{data: {<mint>: {price: string}}}`. */
export type JupPriceMapWire = Record<string, { usdPrice: number; blockId?: number; decimals?: number; liquidity?: number; priceChange24h?: number } | null>;

/** `/swap/v1/quote` (only the fields read). `priceImpactPct` is a decimal string. */
export interface JupQuoteWire {
  inAmount: string;
  outAmount: string;
  priceImpactPct: string;
}
