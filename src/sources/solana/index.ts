// The only module that imports @solana/*: on-chain mint security, RPC failover, transaction and curve parsers.
export { SolanaMintSource, solanaOptionsFrom, MAX_ACCOUNTS_PER_CALL, type SolanaSourceOptions } from './mint-source.js';
export { RpcEndpointPool, type RpcPoolOptions } from './endpoints.js';
export { SolanaRpcError, classifyRpcError, type SolanaRpcErrorCode } from './errors.js';
export { decodeMintSecurity, extensionName, type MintDecodeResult } from './mint-decode.js';
export { topHoldersPct } from './holders.js';
export { parseSwapTransaction, TransactionParseError, QUOTE_MINTS, type SwapSummary } from './tx-parse.js';
export { decodeBondingCurve, parseAccountInfoResponse, PUMP_FUN_PROGRAM, type BondingCurve } from './bonding-curve.js';
