// Shapes of recorded chain inputs as they arrive on disk (never leave sources/chain/).

export interface TokenBalanceWire {
  accountIndex: number;
  mint: string;
  owner?: string;
  uiTokenAmount: { amount: string; decimals: number };
}

export interface TxMetaWire {
  err: unknown;
  logMessages?: string[] | null;
  preTokenBalances?: TokenBalanceWire[] | null;
  postTokenBalances?: TokenBalanceWire[] | null;
  /** getTransaction: address-table accounts as base58 strings. */
  loadedAddresses?: { writable?: string[]; readonly?: string[] } | null;
  /** vixen: the same as 32-byte arrays. */
  loadedWritableAddresses?: number[][];
  loadedReadonlyAddresses?: number[][];
}

/** getTransaction `result` (encoding json, jsonParsed or base64) or a blockSubscribe entry. */
export interface GetTransactionWire {
  slot?: number;
  blockTime?: number | null;
  transaction: [string, string] | { signatures: string[]; message: { accountKeys: Array<string | { pubkey: string }> } };
  meta: TxMetaWire | null;
}

/** vixen's JSON form of a Yellowstone transaction update. */
export interface VixenTxUpdateWire {
  slot: number;
  transaction: { signature: string | number[]; transaction: { message: { accountKeys: number[][] } }; meta: TxMetaWire };
}

/** One `logsNotification` frame of a logsSubscribe subscription. */
export interface LogsNotificationWire {
  method: 'logsNotification';
  params: { result: { context: { slot: number }; value: { signature: string; err: unknown; logs: string[] | null } } };
}
