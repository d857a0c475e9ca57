/** `getTransaction` result as the RPC sends it (encoding `json` or `jsonParsed`, or a blockSubscribe entry). */
export interface TransactionWire {
  slot?: number;
  blockTime?: number | null;
  version?: number | 'legacy';
  transaction: ParsedTransactionWire | [string, string];
  meta: TransactionMetaWire | null;
}

export interface ParsedTransactionWire {
  signatures: string[];
  message: {
    /** Strings with `encoding: json`, objects with `jsonParsed`. */
    accountKeys: Array<string | { pubkey: string; signer?: boolean; writable?: boolean; source?: string }>;
    header?: { numRequiredSignatures: number };
  };
}

export interface TokenBalanceWire {
  accountIndex: number;
  mint: string;
  owner?: string;
  programId?: string;
  uiTokenAmount: { amount: string; decimals: number; uiAmount: number | null; uiAmountString?: string };
}

export interface TransactionMetaWire {
  err: unknown;
  fee: number;
  preBalances: number[];
  postBalances: number[];
  preTokenBalances?: TokenBalanceWire[];
  postTokenBalances?: TokenBalanceWire[];
}

/** `getAccountInfo` value (base64 encoding). */
export interface AccountInfoWire {
  data: [string, string];
  owner: string;
  lamports: number;
  executable: boolean;
  rentEpoch?: number;
  space?: number;
}
