// The embedded SQLite store: the only module that imports better-sqlite3.
export { openStore, STORE_DEFAULTS, type OpenOptions } from './open.js';
export { lockStore } from './lock.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { SCHEMA_VERSION } from './migrations.js';
export { mayReplaceSecurity } from './security.js';
export { InputRecorder } from './recorder.js';
export type {
  Store,
  StoreConfig,
  StoredToken,
  StoredPool,
  CandleCoverage,
  SessionMeta,
  SessionInfo,
  StoredCursor,
  SignalLine,
  SignalLineType,
  TrackedSignal,
} from './types.js';
export type { ChainPool } from './chain-pools.js';
export { ThreadInputRecorder, type DeferredWrites, type FileBatch, type StoreWrite } from './recorder-worker.js';
export { ByteBatch, linesOf, type TakenBytes } from './byte-batch.js';
export type { AlertDelivery, AlertDeliveryRepo, AlertDeliveryState, NewAlertDelivery } from './alert-deliveries.js';
